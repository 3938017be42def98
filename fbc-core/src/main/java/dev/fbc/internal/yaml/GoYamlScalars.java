package dev.fbc.internal.yaml;

import dev.fbc.internal.json.GoJson;
import dev.fbc.internal.json.JsonValue;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How go-yaml v2 (YAML 1.1, the parser behind opm) types a plain scalar: {@code y}/{@code no}/{@code on} are
 * booleans, {@code ~} is null, {@code 010} is octal 8, {@code 1.10} is the float 1.1, timestamps stay strings.
 * Used both when reading (to type values) and when writing (to know which strings need quotes).
 */
public final class GoYamlScalars {
  private static final Pattern YAML_STYLE_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern BASE60_FLOAT =
      Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
  // the layouts go-yaml v2 tries with time.Parse
  private static final Pattern TIMESTAMP = Pattern.compile(
      "^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
          + "(?:(?:[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2}))"
          + "|(?: ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\\.[0-9]+)?))?$");
  private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
  /** Significant digits a 64-bit integer can have in the smallest base go-yaml reads (binary). */
  private static final int MAX_INT_DIGITS = 64;

  private static final Map<String, JsonValue> MAP = Map.ofEntries(
      Map.entry("y", JsonValue.Bool.TRUE), Map.entry("Y", JsonValue.Bool.TRUE),
      Map.entry("yes", JsonValue.Bool.TRUE), Map.entry("Yes", JsonValue.Bool.TRUE),
      Map.entry("YES", JsonValue.Bool.TRUE), Map.entry("true", JsonValue.Bool.TRUE),
      Map.entry("True", JsonValue.Bool.TRUE), Map.entry("TRUE", JsonValue.Bool.TRUE),
      Map.entry("on", JsonValue.Bool.TRUE), Map.entry("On", JsonValue.Bool.TRUE),
      Map.entry("ON", JsonValue.Bool.TRUE),
      Map.entry("n", JsonValue.Bool.FALSE), Map.entry("N", JsonValue.Bool.FALSE),
      Map.entry("no", JsonValue.Bool.FALSE), Map.entry("No", JsonValue.Bool.FALSE),
      Map.entry("NO", JsonValue.Bool.FALSE), Map.entry("false", JsonValue.Bool.FALSE),
      Map.entry("False", JsonValue.Bool.FALSE), Map.entry("FALSE", JsonValue.Bool.FALSE),
      Map.entry("off", JsonValue.Bool.FALSE), Map.entry("Off", JsonValue.Bool.FALSE),
      Map.entry("OFF", JsonValue.Bool.FALSE),
      Map.entry("", JsonValue.Null.INSTANCE), Map.entry("~", JsonValue.Null.INSTANCE),
      Map.entry("null", JsonValue.Null.INSTANCE), Map.entry("Null", JsonValue.Null.INSTANCE),
      Map.entry("NULL", JsonValue.Null.INSTANCE));
  private static final java.util.Set<String> SPECIAL_FLOATS = java.util.Set.of(
      ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");

  private GoYamlScalars() {}

  /** Thrown for values JSON cannot hold (infinities, NaN). */
  public static final class UnsupportedValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedValueException(String msg) {
      super(msg);
    }
  }

  /** Types a plain (unquoted, untagged) scalar as go-yaml v2 does. */
  public static JsonValue resolvePlain(String in) {
    char hint = in.isEmpty() ? 'M' : hint(in.charAt(0));
    if (hint == 0) {
      return new JsonValue.Str(in);
    }
    JsonValue mapped = MAP.get(in);
    if (mapped != null) {
      return mapped;
    }
    if (SPECIAL_FLOATS.contains(in)) {
      String what = in.toLowerCase(java.util.Locale.ROOT).contains("nan") ? "NaN" : in.startsWith("-") ? "-Inf" : "+Inf";
      throw new UnsupportedValueException("json: unsupported value: " + what);
    }
    switch (hint) {
      case '.': {
        if (YAML_STYLE_FLOAT.matcher(in).matches()) {
          double d = Double.parseDouble(in);
          if (!Double.isInfinite(d)) {
            return new JsonValue.Num(isJsonNumber(in) ? in : GoJson.formatFloat(d));
          }
        }
        return new JsonValue.Str(in);
      }
      case 'D':
      case 'S': {
        if (isTimestamp(in)) {
          // go-yaml v2 hands timestamps to interface{} as their source text
          return new JsonValue.Str(in);
        }
        String plain = in.indexOf('_') >= 0 ? in.replace("_", "") : in;
        BigInteger iv = parseGoInt(plain);
        if (iv != null && iv.bitLength() <= 64 && (iv.signum() >= 0 ? iv.compareTo(UINT64_MAX) <= 0
            : iv.bitLength() <= 63)) {
          return new JsonValue.Num(isJsonNumber(in) ? in : iv.toString());
        }
        if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
          double d = Double.parseDouble(plain);
          if (!Double.isInfinite(d)) {
            return new JsonValue.Num(isJsonNumber(in) ? in : GoJson.formatFloat(d));
          }
        }
        return new JsonValue.Str(in);
      }
      default:
        return new JsonValue.Str(in);
    }
  }

  /** Whether a string written without quotes would read back as something other than that string. */
  public static boolean needsQuotes(String s) {
    if (BASE60_FLOAT.matcher(s).matches()) {
      return true;
    }
    char hint = s.isEmpty() ? 'M' : hint(s.charAt(0));
    if (hint == 0) {
      return false;
    }
    if (MAP.containsKey(s) || SPECIAL_FLOATS.contains(s)) {
      return true;
    }
    if (s.equals("<<")) {
      return true;
    }
    switch (hint) {
      case '.':
        return YAML_STYLE_FLOAT.matcher(s).matches() && !Double.isInfinite(Double.parseDouble(s));
      case 'D':
      case 'S': {
        if (isTimestamp(s)) {
          return true;
        }
        String plain = s.indexOf('_') >= 0 ? s.replace("_", "") : s;
        BigInteger iv = parseGoInt(plain);
        if (iv != null && (iv.signum() >= 0 ? iv.compareTo(UINT64_MAX) <= 0 : iv.bitLength() <= 63)) {
          return true;
        }
        return YAML_STYLE_FLOAT.matcher(plain).matches() && !Double.isInfinite(Double.parseDouble(plain));
      }
      default:
        return false;
    }
  }

  static boolean isTimestamp(String s) {
    var m = TIMESTAMP.matcher(s);
    if (!m.matches()) {
      return false;
    }
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return false;
    }
    for (int g = 4; g <= 7; g += 3) {
      if (m.group(g) != null) {
        if (Integer.parseInt(m.group(g)) > 23 || Integer.parseInt(m.group(g + 1)) > 59
            || Integer.parseInt(m.group(g + 2)) > 59) {
          return false;
        }
      }
    }
    return true;
  }

  private static char hint(char c) {
    if (c == '+' || c == '-') {
      return 'S';
    }
    if (c >= '0' && c <= '9') {
      return 'D';
    }
    if ("yYnNtTfFoO~".indexOf(c) >= 0) {
      return 'M';
    }
    if (c == '.') {
      return '.';
    }
    if (c == '<') {
      return 'M';
    }
    return 0;
  }

  private static boolean isJsonNumber(String s) {
    return s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  }

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)} / {@code ParseUint} syntax, plus go-yaml's {@code 0b}; null if not, or
   * if the value cannot fit 64 bits by its number of digits (callers treat both alike).
   */
  static BigInteger parseGoInt(String s) {
    if (s.isEmpty()) {
      return null;
    }
    int i = 0;
    boolean neg = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x') {
        radix = 16;
        body = body.substring(2);
      } else if (p == 'b') {
        radix = 2;
        body = body.substring(2);
      } else if (p == 'o') {
        radix = 8;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) {
      return null;
    }
    int significant = -1;
    for (int k = 0; k < body.length(); k++) {
      int d = Character.digit(body.charAt(k), radix);
      if (d < 0) {
        return null;
      }
      if (significant < 0 && d != 0) {
        significant = k;
      }
    }
    // no 64-bit value has more than 64 significant digits in any base: say "not an int" (as for any value out of
    // range) before BigInteger spends quadratic time on a million digits
    if (significant >= 0 && body.length() - significant > MAX_INT_DIGITS) {
      return null;
    }
    BigInteger v = new BigInteger(body, radix);
    return neg ? v.negate() : v;
  }
}
