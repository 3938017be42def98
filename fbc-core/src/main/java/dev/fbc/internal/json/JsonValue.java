package dev.fbc.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value as read from a catalog file, before it becomes a blob. Deep parts of a blob (property values)
 * are kept as {@link Raw} canonical bytes rather than trees, so a large catalog is held compactly.
 */
public sealed interface JsonValue {

  /** Writes this value as events; {@code normalize} sorts keys and normalizes numbers as opm does. */
  void emit(JsonSink sink, boolean normalize);

  /** A short name of the JSON type, for messages ("a string", "an array"). */
  String kind();

  /** An object; for duplicate keys the last value wins, as in Go maps. */
  record Obj(Map<String, JsonValue> members) implements JsonValue {
    public static Obj of(Map<String, JsonValue> m) {
      return new Obj(m);
    }

    @Override
    public void emit(JsonSink sink, boolean normalize) {
      sink.beginObject();
      if (normalize) {
        String[] keys = members.keySet().toArray(new String[0]);
        Arrays.sort(keys, JsonValue::compareCodePoints);
        for (String k : keys) {
          sink.key(k);
          members.get(k).emit(sink, true);
        }
      } else {
        for (Map.Entry<String, JsonValue> e : members.entrySet()) {
          sink.key(e.getKey());
          e.getValue().emit(sink, false);
        }
      }
      sink.endObject();
    }

    @Override
    public String kind() {
      return "an object";
    }
  }

  record Arr(List<JsonValue> items) implements JsonValue {
    @Override
    public void emit(JsonSink sink, boolean normalize) {
      sink.beginArray();
      for (JsonValue v : items) {
        v.emit(sink, normalize);
      }
      sink.endArray();
    }

    @Override
    public String kind() {
      return "an array";
    }
  }

  record Str(String value) implements JsonValue {
    @Override
    public void emit(JsonSink sink, boolean normalize) {
      sink.string(value);
    }

    @Override
    public String kind() {
      return "a string";
    }
  }

  /** A number kept as its JSON text, so nothing is lost until a writer normalizes it. */
  record Num(String text) implements JsonValue {
    @Override
    public void emit(JsonSink sink, boolean normalize) {
      sink.number(normalize ? GoJson.normalizeNumber(text) : text);
    }

    @Override
    public String kind() {
      return "a number";
    }
  }

  record Bool(boolean value) implements JsonValue {
    public static final Bool TRUE = new Bool(true);
    public static final Bool FALSE = new Bool(false);

    @Override
    public void emit(JsonSink sink, boolean normalize) {
      sink.bool(value);
    }

    @Override
    public String kind() {
      return "a boolean";
    }
  }

  record Null() implements JsonValue {
    public static final Null INSTANCE = new Null();

    @Override
    public void emit(JsonSink sink, boolean normalize) {
      sink.nul();
    }

    @Override
    public String kind() {
      return "null";
    }
  }

  /** A value captured as canonical compact JSON. */
  record Raw(JsonBytes raw) implements JsonValue {
    @Override
    public void emit(JsonSink sink, boolean normalize) {
      RawJsonReader.emit(raw, sink, normalize);
    }

    @Override
    public String kind() {
      return switch (raw.first()) {
        case '{' -> "an object";
        case '[' -> "an array";
        case '"' -> "a string";
        case 't', 'f' -> "a boolean";
        case 'n' -> "null";
        default -> "a number";
      };
    }

    /** Parses the captured JSON into a tree (used for the rare blob fields stored deep). */
    public JsonValue tree() {
      TreeBuilder tb = new TreeBuilder();
      RawJsonReader.emit(raw.utf8(), tb, false);
      return tb.result();
    }
  }

  /** Canonical compact bytes of {@code v}. */
  static JsonBytes toRaw(JsonValue v) {
    if (v instanceof Raw r) {
      return r.raw();
    }
    ByteSink sink = new ByteSink(64);
    JsonTextWriter w = JsonTextWriter.compact(sink);
    v.emit(w, false);
    return JsonBytes.of(sink.toByteArray(), w);
  }

  /** Go's string order: by code point (UTF-8 byte order). */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** Builds a tree from events. */
  final class TreeBuilder implements JsonSink {
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<String> keys = new ArrayList<>();
    private JsonValue result;

    public JsonValue result() {
      return result;
    }

    @SuppressWarnings("unchecked")
    private void add(JsonValue v) {
      if (stack.isEmpty()) {
        result = v;
        return;
      }
      Object top = stack.get(stack.size() - 1);
      if (top instanceof LinkedHashMap<?, ?> m) {
        ((LinkedHashMap<String, JsonValue>) m).put(keys.remove(keys.size() - 1), v);
      } else {
        ((ArrayList<JsonValue>) top).add(v);
      }
    }

    @Override
    public void beginObject() {
      stack.add(new LinkedHashMap<String, JsonValue>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void endObject() {
      add(new Obj((LinkedHashMap<String, JsonValue>) stack.remove(stack.size() - 1)));
    }

    @Override
    public void beginArray() {
      stack.add(new ArrayList<JsonValue>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void endArray() {
      add(new Arr((ArrayList<JsonValue>) stack.remove(stack.size() - 1)));
    }

    @Override
    public void key(String key) {
      keys.add(key);
    }

    @Override
    public void string(String value) {
      add(new Str(value));
    }

    @Override
    public void number(String text) {
      add(new Num(text));
    }

    @Override
    public void bool(boolean value) {
      add(value ? Bool.TRUE : Bool.FALSE);
    }

    @Override
    public void nul() {
      add(Null.INSTANCE);
    }

    /** Adds an already captured value. */
    public void value(JsonValue v) {
      add(v);
    }
  }
}
