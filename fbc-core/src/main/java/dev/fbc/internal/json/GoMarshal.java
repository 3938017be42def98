package dev.fbc.internal.json;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Go's {@code json.Marshal} of a decoded YAML/JSON value ({@code map[string]interface{}}), as opm produces when it
 * renders bundles: compact, keys sorted, {@code <>&} escaped, whole numbers printed as integers (Kubernetes'
 * unstructured objects hold them as int64), other numbers as Go prints float64s.
 */
public final class GoMarshal {
  private GoMarshal() {}

  public static byte[] marshal(JsonValue v, boolean escapeHtml) {
    ByteSink sink = new ByteSink(256);
    emit(v, JsonTextWriter.compact(sink).escapeHtml(escapeHtml));
    return sink.toByteArray();
  }

  public static void emit(JsonValue v, JsonSink w) {
    if (v instanceof JsonValue.Obj o) {
      String[] keys = o.members().keySet().toArray(new String[0]);
      Arrays.sort(keys, JsonValue::compareCodePoints);
      w.beginObject();
      Map<String, JsonValue> m = o.members();
      for (String k : keys) {
        w.key(k);
        emit(m.get(k), w);
      }
      w.endObject();
    } else if (v instanceof JsonValue.Arr a) {
      w.beginArray();
      for (JsonValue item : a.items()) {
        emit(item, w);
      }
      w.endArray();
    } else if (v instanceof JsonValue.Num n) {
      w.number(number(n.text()));
    } else if (v instanceof JsonValue.Raw r) {
      emit(r.tree(), w);
    } else {
      v.emit(w, false);
    }
  }

  /** A whole number within int64 stays an integer; anything else goes through float64. */
  static String number(String text) {
    BigDecimal d = new BigDecimal(text);
    try {
      BigDecimal stripped = d.stripTrailingZeros();
      if (stripped.scale() <= 0) {
        return Long.toString(stripped.longValueExact());
      }
    } catch (ArithmeticException tooBig) {
      // falls through to float64
    }
    return GoJson.formatFloat(d.doubleValue());
  }
}
