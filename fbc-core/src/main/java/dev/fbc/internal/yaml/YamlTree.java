package dev.fbc.internal.yaml;

import dev.fbc.internal.json.GoJson;
import dev.fbc.internal.json.JsonSink;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A small tree of one YAML document, built from JSON events, ready for {@link GoYamlEmitter}. */
public final class YamlTree {
  private YamlTree() {}

  public sealed interface Node permits Map, Seq, Scalar {}

  public record Entry(String key, Node value) {}

  public record Map(List<Entry> entries) implements Node {}

  public record Seq(List<Node> items) implements Node {}

  /** @param string whether the scalar is a string (and may need quotes), rather than a number, bool or null */
  public record Scalar(String text, boolean string) implements Node {}

  /**
   * Builds the tree. With {@code opm} set it does what opm's JSON-to-YAML step does: keys in go-yaml's order and
   * numbers retyped (integers printed whole, other numbers in Go's %g form).
   */
  public static final class Builder implements JsonSink {
    private final boolean opm;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<String> keys = new ArrayList<>();
    private Node result;

    public Builder(boolean opm) {
      this.opm = opm;
    }

    public Node result() {
      return result;
    }

    @SuppressWarnings("unchecked")
    private void add(Node n) {
      if (stack.isEmpty()) {
        result = n;
        return;
      }
      Object top = stack.get(stack.size() - 1);
      if (top instanceof MapFrame f) {
        f.entries.add(new Entry(keys.remove(keys.size() - 1), n));
      } else {
        ((ArrayList<Node>) top).add(n);
      }
    }

    private static final class MapFrame {
      final ArrayList<Entry> entries = new ArrayList<>();
    }

    @Override
    public void beginObject() {
      stack.add(new MapFrame());
    }

    @Override
    public void endObject() {
      MapFrame f = (MapFrame) stack.remove(stack.size() - 1);
      if (opm) {
        // a JSON object holds each key once; keep the last as a Go map does
        java.util.LinkedHashMap<String, Entry> uniq = new java.util.LinkedHashMap<>();
        for (Entry e : f.entries) {
          uniq.remove(e.key());
          uniq.put(e.key(), e);
        }
        ArrayList<Entry> sorted = new ArrayList<>(uniq.values());
        YamlKeyOrder.sort(sorted, Entry::key);
        add(new Map(sorted));
      } else {
        add(new Map(f.entries));
      }
    }

    @Override
    public void beginArray() {
      stack.add(new ArrayList<Node>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void endArray() {
      add(new Seq((ArrayList<Node>) stack.remove(stack.size() - 1)));
    }

    @Override
    public void key(String key) {
      keys.add(key);
    }

    @Override
    public void string(String value) {
      add(new Scalar(value, true));
    }

    @Override
    public void number(String text) {
      add(new Scalar(opm ? goYamlNumber(text) : text, false));
    }

    @Override
    public void bool(boolean value) {
      add(new Scalar(value ? "true" : "false", false));
    }

    @Override
    public void nul() {
      add(new Scalar("null", false));
    }
  }

  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

  /** go-yaml reads a JSON number as an int if it can (int64, then uint64), else as a float64, and prints that. */
  static String goYamlNumber(String text) {
    boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    // more than 20 digits is beyond uint64 (JSON has no leading zeros): skip BigInteger for a million digits
    if (integral && text.length() <= 21) {
      BigInteger v = new BigInteger(text);
      if (v.compareTo(INT64_MIN) >= 0 && v.compareTo(UINT64_MAX) <= 0) {
        return v.toString();
      }
    }
    return GoJson.formatFloatG(Double.parseDouble(text));
  }
}
