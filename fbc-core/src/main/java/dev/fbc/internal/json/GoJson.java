package dev.fbc.internal.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Text rules of Go's {@code encoding/json} as opm uses them (HTML escaping off): how strings are escaped and how
 * float64 numbers are printed. Output that must be byte-identical to opm goes through here.
 */
public final class GoJson {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  // ASCII characters written as they are, without and with HTML escaping: one table look-up per character is
  // cheaper than the chain of comparisons under the client compiler the launcher runs with
  private static final boolean[] PLAIN = plain(false);
  private static final boolean[] PLAIN_HTML = plain(true);

  private static boolean[] plain(boolean html) {
    boolean[] t = new boolean[0x80];
    for (char c = 0x20; c < 0x80; c++) {
      t[c] = c != '"' && c != '\\' && !(html && (c == '<' || c == '>' || c == '&'));
    }
    return t;
  }

  private GoJson() {}

  /** Appends {@code s} as a quoted JSON string with Go's escaping (no HTML escaping). */
  public static void writeString(ByteSink out, String s) {
    writeString(out, s, false);
  }

  /** The same, with {@code <>&} escaped if {@code html}. */
  public static void writeString(ByteSink out, String s, boolean html) {
    int n = s.length();
    char[] c = out.chars(n);
    s.getChars(0, n, c, 0);
    writeString(out, c, 0, n, html);
  }

  /** The same for characters of an array (as Jackson's parser hands them over, without making a String). */
  public static void writeString(ByteSink out, char[] s, int off, int n) {
    writeString(out, s, off, n, false);
  }

  /**
   * With {@code html}, also escapes {@code <}, {@code >} and {@code &} as {@code \u003c}, {@code \u003e},
   * {@code \u0026}, as Go's {@code json.Marshal} does by default (Kubernetes objects, sigs.k8s.io/yaml output).
   */
  public static void writeString(ByteSink out, char[] s, int off, int n, boolean html) {
    // room for plain text (one byte a character); a character that is not plain makes sure of room for its
    // escape (at most six bytes) and the rest as plain text, so a long string with a few escapes does not grow the
    // buffer six-fold (which also let go of the load threads' capture buffer past its size limit)
    out.reserve(n + 2);
    byte[] b = out.buffer();
    int pos = out.length();
    b[pos++] = '"';
    int end = off + n;
    boolean[] plain = html ? PLAIN_HTML : PLAIN;
    for (int i = off; i < end; i++) {
      char c = s[i];
      if (c < 0x80 && plain[c]) {
        b[pos++] = (byte) c;
        continue;
      }
      // this character's six bytes, the rest at one byte each, the closing quote
      int room = 6 + (end - i - 1) + 1;
      if (b.length - pos < room) {
        out.setLength(pos);
        out.reserve(room);
        b = out.buffer();
        pos = out.length();
      }
      if (c == '<' || c == '>' || c == '&') { // not plain: HTML escaping is on
        b[pos++] = '\\';
        b[pos++] = 'u';
        b[pos++] = '0';
        b[pos++] = '0';
        b[pos++] = HEX[c >> 4];
        b[pos++] = HEX[c & 0xF];
      } else {
        int next = i + 1 < end ? s[i + 1] : 0;
        int used = escape(b, pos, c, next);
        pos = used & 0x3FFFFFFF;
        if ((used & 0x40000000) != 0) {
          i++;
        }
      }
    }
    b[pos++] = '"';
    out.setLength(pos);
  }

  /**
   * Writes one character that is not plain ASCII at {@code pos}. Returns the new position, with bit 30 set when
   * {@code next} (a low surrogate) was consumed too.
   */
  private static int escape(byte[] b, int pos, char c, int next) {
    if (c < 0x80) {
      b[pos++] = '\\';
      switch (c) {
        case '"' -> b[pos++] = '"';
        case '\\' -> b[pos++] = '\\';
        case '\b' -> b[pos++] = 'b';
        case '\f' -> b[pos++] = 'f';
        case '\n' -> b[pos++] = 'n';
        case '\r' -> b[pos++] = 'r';
        case '\t' -> b[pos++] = 't';
        default -> {
          b[pos++] = 'u';
          b[pos++] = '0';
          b[pos++] = '0';
          b[pos++] = HEX[c >> 4];
          b[pos++] = HEX[c & 0xF];
        }
      }
      return pos;
    }
    if (c == '\u2028' || c == '\u2029') {
      b[pos++] = '\\';
      b[pos++] = 'u';
      b[pos++] = '2';
      b[pos++] = '0';
      b[pos++] = '2';
      b[pos++] = (byte) (c == '\u2028' ? '8' : '9');
      return pos;
    }
    if (Character.isHighSurrogate(c) && Character.isLowSurrogate((char) next)) {
      int cp = Character.toCodePoint(c, (char) next);
      b[pos++] = (byte) (0xF0 | (cp >> 18));
      b[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      b[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      b[pos++] = (byte) (0x80 | (cp & 0x3F));
      return pos | 0x40000000;
    }
    if (Character.isSurrogate(c)) {
      // Go replaces invalid UTF-8 (here: a lone surrogate) with U+FFFD
      b[pos++] = (byte) 0xEF;
      b[pos++] = (byte) 0xBF;
      b[pos++] = (byte) 0xBD;
      return pos;
    }
    if (c < 0x800) {
      b[pos++] = (byte) (0xC0 | (c >> 6));
      b[pos++] = (byte) (0x80 | (c & 0x3F));
      return pos;
    }
    b[pos++] = (byte) (0xE0 | (c >> 12));
    b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
    b[pos++] = (byte) (0x80 | (c & 0x3F));
    return pos;
  }

  /** {@code s} as a quoted JSON string with Go's escaping. */
  public static String quote(String s) {
    ByteSink b = new ByteSink(s.length() + 2);
    writeString(b, s);
    return b.toString();
  }

  /**
   * Normalizes JSON number text the way a round trip through Go's float64 does: {@code 1.50} becomes {@code 1.5},
   * {@code 1e3} becomes {@code 1000}, {@code 12345678901234567890} becomes {@code 12345678901234567000}.
   */
  public static String normalizeNumber(String text) {
    if (isSmallInteger(text)) {
      return text;
    }
    return formatFloat(Double.parseDouble(text));
  }

  /**
   * Whether Go's {@code encoding/json} can read this JSON number into an {@code interface{}}, which takes a float64:
   * a number beyond the float64 range (such as {@code 1e400}) fails there, while one too small rounds to zero.
   */
  public static boolean fitsFloat64(String text) {
    return isSmallInteger(text) || !Double.isInfinite(Double.parseDouble(text));
  }

  private static boolean isSmallInteger(String t) {
    int n = t.length();
    int i = t.charAt(0) == '-' ? 1 : 0;
    if (n - i > 15 || n == i) {
      return false;
    }
    for (int k = i; k < n; k++) {
      char c = t.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    // a leading zero ("0", "-0") is the only one JSON allows; "-0" stays "-0" in Go too
    return true;
  }

  /** Go {@code encoding/json} formatting of a float64. */
  public static String formatFloat(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("json: unsupported value: " + d);
    }
    if (d == 0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
    }
    double abs = Math.abs(d);
    Shortest s = shortest(d);
    StringBuilder sb = new StringBuilder(24);
    if (d < 0) {
      sb.append('-');
    }
    if (abs < 1e-6 || abs >= 1e21) {
      appendE(sb, s);
      // Go trims the exponent's leading zero for negative exponents only ("e-07" -> "e-7")
      int n = sb.length();
      if (n >= 4 && sb.charAt(n - 4) == 'e' && sb.charAt(n - 3) == '-' && sb.charAt(n - 2) == '0') {
        sb.deleteCharAt(n - 2);
      }
    } else {
      appendF(sb, s);
    }
    return sb.toString();
  }

  /** Go {@code strconv.FormatFloat(d, 'g', -1, 64)}, as go-yaml prints floats. */
  public static String formatFloatG(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    if (d == 0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
    }
    Shortest s = shortest(d);
    StringBuilder sb = new StringBuilder(24);
    if (d < 0) {
      sb.append('-');
    }
    int exp = s.pointPos - 1;
    // with the shortest precision Go switches to an exponent from 1e+06 on
    if (exp < -4 || exp >= 6) {
      appendE(sb, s);
    } else {
      appendF(sb, s);
    }
    return sb.toString();
  }

  private record Shortest(String digits, int pointPos) {}

  /** Shortest decimal digits that read back as {@code d}; pointPos = position of the decimal point. */
  private static Shortest shortest(double d) {
    double abs = Math.abs(d);
    if (abs == Math.rint(abs) && abs < 1e15) {
      String digits = Long.toString((long) abs);
      int pointPos = digits.length();
      int end = digits.length();
      while (end > 1 && digits.charAt(end - 1) == '0') {
        end--;
      }
      return new Shortest(digits.substring(0, end), pointPos);
    }
    BigDecimal exact = new BigDecimal(abs);
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == abs) {
        return fromBigDecimal(r);
      }
    }
    return fromBigDecimal(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  private static Shortest fromBigDecimal(BigDecimal r) {
    BigDecimal stripped = r.stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    int pointPos = digits.length() - stripped.scale();
    return new Shortest(digits, pointPos);
  }

  private static void appendE(StringBuilder sb, Shortest s) {
    sb.append(s.digits.charAt(0));
    if (s.digits.length() > 1) {
      sb.append('.').append(s.digits, 1, s.digits.length());
    }
    int exp = s.pointPos - 1;
    sb.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      sb.append('0');
    }
    sb.append(a);
  }

  private static void appendF(StringBuilder sb, Shortest s) {
    String digits = s.digits;
    int pp = s.pointPos;
    if (pp <= 0) {
      sb.append("0.");
      for (int i = 0; i < -pp; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else if (pp >= digits.length()) {
      sb.append(digits);
      for (int i = digits.length(); i < pp; i++) {
        sb.append('0');
      }
    } else {
      sb.append(digits, 0, pp).append('.').append(digits, pp, digits.length());
    }
  }
}
