package dev.fbc.internal.io;

/** Finds where Go's strict standard base64 decoding would fail, for a clear error. */
public final class Base64Check {
  private Base64Check() {}

  // the 64 letters of the standard alphabet
  private static final boolean[] LETTER = new boolean[128];

  static {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      LETTER[alphabet.charAt(i)] = true;
    }
  }

  /** Index of the first byte Go's {@code base64.StdEncoding} rejects, or -1 if the text decodes. */
  public static int firstInvalid(String s) {
    // package icons are megabytes of plain letters: one pass over the bytes settles the usual case, the exact
    // walk below finds where anything else fails
    if (plainQuanta(s)) {
      return -1;
    }
    return walk(s);
  }

  /** Whether {@code s} is letters only, in whole quanta of four, with at most "=" or "==" at its very end. */
  private static boolean plainQuanta(String s) {
    int n = s.length();
    int end = n;
    if (end > 0 && s.charAt(end - 1) == '=') {
      end--;
      if (end > 0 && s.charAt(end - 1) == '=') {
        end--;
      }
    }
    if (n % 4 != 0 || n - end > 0 && end % 4 < 2) {
      return false;
    }
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int i = 0; i < end; i++) {
      int c = b[i];
      if (c < 0 || !LETTER[c]) {
        return false;
      }
    }
    return true;
  }

  static int walk(String s) {
    int quantum = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n') {
        i++;
        continue;
      }
      if (c == '=') {
        // padding: only in the 3rd or 4th position of a quantum, and only up to the end
        if (quantum < 2) {
          return i;
        }
        int need = 4 - quantum;
        int k = i;
        while (need > 0 && k < n) {
          char d = s.charAt(k);
          if (d == '\r' || d == '\n') {
            k++;
            continue;
          }
          if (d != '=') {
            return k;
          }
          need--;
          k++;
        }
        if (need > 0) {
          return n;
        }
        while (k < n && (s.charAt(k) == '\r' || s.charAt(k) == '\n')) {
          k++;
        }
        return k < n ? k : -1;
      }
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
          || c == '/';
      if (!ok) {
        return i;
      }
      quantum = (quantum + 1) % 4;
      i++;
    }
    if (quantum == 1) {
      return n - 1;
    }
    return quantum == 0 ? -1 : n;
  }
}
