package dev.fbc.internal.io;

/**
 * Go's {@code filepath.Match} on Unix: {@code *} (any run of characters but {@code /}), {@code ?} (one character
 * but {@code /}), {@code [...]} classes with ranges and {@code ^} negation, {@code \} escapes.
 *
 * <p>Matching is Go's algorithm, not a regular expression: the pattern is cut at its stars into chunks without
 * stars, and each chunk is placed at the first position where it matches, never revisited (for chunks of fixed
 * length that loses no match). So the work is at most pattern length times name length, where a backtracking
 * regular expression took exponential time on a pattern of many stars.
 */
final class GoGlob {
  private GoGlob() {}

  /** Whether Go would accept the pattern; Go reports {@code ErrBadPattern} for the others. */
  static boolean isWellFormed(String pattern) {
    int p = 0;
    while (p < pattern.length()) {
      while (p < pattern.length() && pattern.charAt(p) == '*') {
        p++;
      }
      int end = chunkEnd(pattern, p);
      if (!chunkWellFormed(pattern, p, end)) {
        return false;
      }
      p = end;
    }
    return true;
  }

  /** Whether {@code name} matches a well-formed pattern. */
  static boolean matches(String pattern, String name) {
    int p = 0;
    int n = 0;
    while (p < pattern.length()) {
      boolean star = false;
      while (p < pattern.length() && pattern.charAt(p) == '*') {
        p++;
        star = true;
      }
      int end = chunkEnd(pattern, p);
      if (star && end == p) {
        // a trailing star takes the rest, unless it holds a separator
        return name.indexOf('/', n) < 0;
      }
      boolean last = end == pattern.length();
      int t = matchChunk(pattern, p, end, name, n);
      if (t >= 0 && (t == name.length() || !last)) {
        n = t;
        p = end;
        continue;
      }
      if (!star) {
        return false;
      }
      int found = -1;
      for (int i = n; i < name.length() && name.charAt(i) != '/'; i++) {
        t = matchChunk(pattern, p, end, name, i + 1);
        if (t >= 0 && (!last || t == name.length())) {
          found = t;
          break;
        }
      }
      if (found < 0) {
        return false;
      }
      n = found;
      p = end;
    }
    return n == name.length();
  }

  /** The end of the chunk starting at {@code p}: the next star outside a class, or the end. */
  private static int chunkEnd(String pattern, int p) {
    boolean inClass = false;
    int i = p;
    for (; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 < pattern.length()) {
          i++;
        }
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '*' && !inClass) {
        break;
      }
    }
    return i;
  }

  private static boolean chunkWellFormed(String pattern, int p, int end) {
    while (p < end) {
      char c = pattern.charAt(p);
      if (c == '\\') {
        if (p + 1 >= end) {
          return false;
        }
        p += 2;
      } else if (c == '[') {
        p++;
        if (p < end && pattern.charAt(p) == '^') {
          p++;
        }
        int ranges = 0;
        while (true) {
          if (p < end && pattern.charAt(p) == ']' && ranges > 0) {
            p++;
            break;
          }
          p = classCharEnd(pattern, p, end);
          if (p < 0) {
            return false;
          }
          if (pattern.charAt(p) == '-') {
            p = classCharEnd(pattern, p + 1, end);
            if (p < 0) {
              return false;
            }
          }
          ranges++;
        }
      } else {
        p++;
      }
    }
    return true;
  }

  /** Where one class character (perhaps escaped) at {@code p} ends; -1 if it is missing or nothing follows it. */
  private static int classCharEnd(String pattern, int p, int end) {
    if (p >= end || pattern.charAt(p) == '-' || pattern.charAt(p) == ']') {
      return -1;
    }
    if (pattern.charAt(p) == '\\') {
      p++;
      if (p >= end) {
        return -1;
      }
    }
    p += Character.charCount(pattern.codePointAt(p));
    // a class must be closed by a later ']'
    return p < end ? p : -1;
  }

  /** Matches a well-formed chunk at name position {@code n}; the position after it, or -1. */
  private static int matchChunk(String pattern, int p, int end, String name, int n) {
    while (p < end) {
      char c = pattern.charAt(p);
      if (c == '[') {
        if (n >= name.length()) {
          return -1;
        }
        int r = name.codePointAt(n);
        n += Character.charCount(r);
        p++;
        boolean negated = false;
        if (pattern.charAt(p) == '^') {
          negated = true;
          p++;
        }
        boolean match = false;
        int ranges = 0;
        while (!(pattern.charAt(p) == ']' && ranges > 0)) {
          if (pattern.charAt(p) == '\\') {
            p++;
          }
          int lo = pattern.codePointAt(p);
          p += Character.charCount(lo);
          int hi = lo;
          if (pattern.charAt(p) == '-') {
            p++;
            if (pattern.charAt(p) == '\\') {
              p++;
            }
            hi = pattern.codePointAt(p);
            p += Character.charCount(hi);
          }
          // a range whose ends are reversed, like [z-a], is no error in Go: it holds nothing
          if (lo <= r && r <= hi) {
            match = true;
          }
          ranges++;
        }
        p++;
        if (match == negated) {
          return -1;
        }
      } else if (c == '?') {
        if (n >= name.length() || name.charAt(n) == '/') {
          return -1;
        }
        n += Character.charCount(name.codePointAt(n));
        p++;
      } else {
        if (c == '\\') {
          p++;
          c = pattern.charAt(p);
        }
        if (n >= name.length() || name.charAt(n) != c) {
          return -1;
        }
        n++;
        p++;
      }
    }
    return n;
  }
}
