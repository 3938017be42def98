package dev.fbc.text;

import java.util.Collection;
import java.util.Iterator;

/**
 * Makes untrusted text (names, values and paths taken from catalogs, images and command lines) safe to print on
 * one terminal line: control characters cannot move the cursor, forge another line or change colours, bidi
 * overrides cannot reorder what is shown, and a huge value or a long list cannot flood the terminal.
 *
 * <p>Escaping: C0 controls (including {@code \r}, {@code \n}, {@code \t}, ESC), DEL and the C1 controls
 * U+0080–U+009F, the bidi embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069 become {@code \n},
 * {@code \r}, {@code \t}, {@code \x1b}, {@code \x7f}, {@code \u202e}. A backslash is left alone, so escaping is
 * idempotent and a line can be escaped again as a whole; text cannot produce a real control character.
 *
 * <p>Only human text is shortened; machine output ({@code -o json|yaml}) keeps full values.
 *
 * <pre>{@code
 * SafeText.value("a\u001b[2Jb");              // a\x1b[2Jb
 * SafeText.value(twentyMegabytes);            // first 200 characters, then …(20971320 more bytes)
 * SafeText.names(fiftyThousandNames, ", ");   // 20 names, then ", and 49980 more"
 * }</pre>
 */
public final class SafeText {
  /** Characters of one value (a name, an image reference, a blob) shown before it is cut. */
  public static final int MAX_VALUE = 200;

  /** Names of a list shown before the rest is counted. */
  public static final int MAX_NAMES = 20;

  /** Characters of a whole message line shown before it is cut (a last bound for text built elsewhere). */
  public static final int MAX_LINE = 2000;

  /**
   * Characters of one word (a run without a space) of a line shown before it is cut: a value embedded in a
   * message by code that did not cut it (a blob, a 20 MB name); longer than {@link #MAX_VALUE} so paths survive.
   */
  public static final int MAX_WORD = 400;

  private SafeText() {}

  /** {@code s} with every control and bidi character escaped; nothing cut. */
  public static String escape(String s) {
    int first = firstUnsafe(s);
    if (first < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    sb.append(s, 0, first);
    appendEscaped(sb, s, first, s.length());
    return sb.toString();
  }

  /** One value for a message: escaped, and cut after {@link #MAX_VALUE} characters. */
  public static String value(String s) {
    return cut(s, MAX_VALUE);
  }

  /**
   * A whole human message line: escaped, each word longer than {@link #MAX_WORD} characters cut, and the line cut
   * after {@link #MAX_LINE} characters.
   */
  public static String line(String s) {
    return cut(cutWords(s), MAX_LINE);
  }

  private static String cutWords(String s) {
    int run = 0;
    int i = 0;
    for (; i < s.length() && run <= MAX_WORD; i++) {
      run = s.charAt(i) == ' ' ? 0 : run + 1;
    }
    if (run <= MAX_WORD) {
      return s; // the common case: nothing to cut, nothing copied
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LINE * 2));
    int from = 0;
    run = 0;
    for (i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ' ') {
        run = 0;
        continue;
      }
      if (++run > MAX_WORD) {
        int end = i;
        if (Character.isLowSurrogate(s.charAt(end)) && end > from) {
          end--; // never split a surrogate pair
        }
        int next = s.indexOf(' ', i);
        int wordEnd = next < 0 ? s.length() : next;
        sb.append(s, from, end);
        long rest = utf8Length(s, end, wordEnd);
        sb.append("…(").append(rest).append(rest == 1 ? " more byte)" : " more bytes)");
        from = wordEnd;
        i = wordEnd - 1;
        run = 0;
        if (sb.length() > MAX_LINE) {
          break; // the line is cut there anyway
        }
      }
    }
    // the rest as it is: cut() counts what it leaves out
    sb.append(s, from, s.length());
    return sb.toString();
  }

  /** A path for a message: escaped, and cut like a value only when absurdly long. */
  public static String path(Object p) {
    return cut(String.valueOf(p), MAX_LINE / 2);
  }

  /**
   * {@code s} escaped and, when longer than {@code max} characters, cut there with {@code …(N more bytes)},
   * N counting the UTF-8 bytes left out.
   */
  public static String cut(String s, int max) {
    if (s.length() <= max) {
      return escape(s);
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    StringBuilder sb = new StringBuilder(end + 32);
    appendEscaped(sb, s, 0, end);
    long rest = utf8Length(s, end, s.length());
    sb.append("…(").append(rest).append(rest == 1 ? " more byte)" : " more bytes)");
    return sb.toString();
  }

  /**
   * The names joined by {@code separator}, each as a {@link #value}; after {@link #MAX_NAMES} of them the rest is
   * counted: {@code a, b, …, t, and 49980 more}.
   */
  public static String names(Collection<String> names, String separator) {
    return names(names, separator, "");
  }

  /** As {@link #names(Collection, String)}, each name between {@code quote}s. */
  public static String names(Collection<String> names, String separator, String quote) {
    StringBuilder sb = new StringBuilder();
    Iterator<String> it = names.iterator();
    int shown = 0;
    while (it.hasNext() && shown < MAX_NAMES) {
      if (shown > 0) {
        sb.append(separator);
      }
      sb.append(quote).append(value(it.next())).append(quote);
      shown++;
    }
    int rest = names.size() - shown;
    if (rest > 0) {
      sb.append(separator).append("and ").append(rest).append(" more");
    }
    return sb.toString();
  }

  /** Whether {@code c} would need escaping. */
  public static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }

  private static int firstUnsafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (unsafe(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static void appendEscaped(StringBuilder sb, String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!unsafe(c)) {
        sb.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c <= 0xff) {
            sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
          } else {
            sb.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
  }

  private static long utf8Length(String s, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
