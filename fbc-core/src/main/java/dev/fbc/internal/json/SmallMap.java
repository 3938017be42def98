package dev.fbc.internal.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The members of an object with a few keys (a blob's fields, a property's {@code type} and {@code value}), in the
 * order they came, as two arrays: a load reads hundreds of thousands of such objects, and a {@code LinkedHashMap}
 * costs a hash table and an entry per member. Lookups compare the keys one by one, so it holds at most {@link #MAX};
 * the reader moves a larger object into a {@code LinkedHashMap}. Unmodifiable once the reader has filled it.
 */
final class SmallMap extends AbstractMap<String, JsonValue> {
  static final int MAX = 8;

  private String[] keys = new String[4];
  private JsonValue[] values = new JsonValue[4];
  private int size;

  /**
   * Adds a member the way {@code LinkedHashMap.put} does (a repeated key keeps its place and takes the new value);
   * false, changing nothing, when that needs a member beyond {@link #MAX}.
   */
  boolean add(String key, JsonValue value) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        values[i] = value;
        return true;
      }
    }
    if (size == MAX) {
      return false;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, MAX);
      values = Arrays.copyOf(values, MAX);
    }
    keys[size] = key;
    values[size++] = value;
    return true;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public JsonValue get(Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super JsonValue> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  // the keys alone, without an entry per key (the blob decoder compares them all)
  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public boolean contains(Object o) {
        return containsKey(o);
      }

      @Override
      public Object[] toArray() {
        return Arrays.copyOf(keys, size, Object[].class);
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T[] toArray(T[] a) {
        T[] out = a.length >= size ? a : (T[]) Arrays.copyOf(a, size, a.getClass());
        System.arraycopy(keys, 0, out, 0, size);
        if (out.length > size) {
          out[size] = null;
        }
        return out;
      }

      @Override
      public Iterator<String> iterator() {
        return new Members<>() {
          @Override
          String at(int i) {
            return keys[i];
          }
        };
      }
    };
  }

  @Override
  public Set<Entry<String, JsonValue>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<String, JsonValue>> iterator() {
        return new Members<>() {
          @Override
          Entry<String, JsonValue> at(int i) {
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }
    };
  }

  /** The members in order, each as {@link #at} makes it. */
  private abstract class Members<T> implements Iterator<T> {
    private int next;

    abstract T at(int i);

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public T next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      return at(next++);
    }
  }
}
