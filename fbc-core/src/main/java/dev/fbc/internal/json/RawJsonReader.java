package dev.fbc.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Replays canonical compact JSON (as {@link JsonTextWriter} writes it: no white space, Go escaping) into a
 * {@link JsonSink}. With {@code normalize}, objects come out with their keys sorted (the last of duplicate keys
 * wins) and numbers as Go's float64 prints them: what opm does to every blob it loads.
 */
public final class RawJsonReader {
  private final byte[] b;
  private final JsonSink sink;
  private final boolean normalize;

  // with normalize: start and end offsets of every object and array, so values are skipped without rescanning
  private int[] starts;
  private int[] ends;

  // with normalize, when the writer of the bytes noted it: which objects to sort, and how
  private final KeyOrder keyOrder;

  private RawJsonReader(byte[] b, JsonSink sink, boolean normalize, KeyOrder keyOrder) {
    this.b = b;
    this.sink = sink;
    this.normalize = normalize;
    this.keyOrder = keyOrder;
    if (normalize && b[0] == '{' && !keyOrder.known()) {
      indexContainers();
    }
  }

  private void indexContainers() {
    int n = 0;
    int[] st = new int[64];
    int[] en = new int[64];
    int[] stack = new int[32];
    int depth = 0;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (c == '"') {
        i = stringEnd(b, i);
      } else if (c == '{' || c == '[') {
        if (n == st.length) {
          st = Arrays.copyOf(st, n * 2);
          en = Arrays.copyOf(en, n * 2);
        }
        if (depth == stack.length) {
          stack = Arrays.copyOf(stack, depth * 2);
        }
        st[n] = i;
        stack[depth++] = n++;
      } else if (c == '}' || c == ']') {
        en[stack[--depth]] = i + 1;
      }
    }
    starts = st;
    ends = en;
    containers = n;
  }

  private int containers;

  private int skip(int p) {
    byte c = b[p];
    if ((c == '{' || c == '[') && starts != null) {
      int k = Arrays.binarySearch(starts, 0, containers, p);
      if (k >= 0) {
        return ends[k];
      }
    }
    return skipValue(b, p);
  }

  public static void emit(byte[] canonical, JsonSink sink, boolean normalize) {
    new RawJsonReader(canonical, sink, normalize, KeyOrder.UNKNOWN).value(0);
  }

  /**
   * Emits a raw value; one known to be in normal form already is copied without sorting, and one whose writer
   * noted which objects are out of order is sorted without a scan for them.
   */
  public static void emit(JsonBytes raw, JsonSink sink, boolean normalize) {
    new RawJsonReader(raw.utf8(), sink, normalize && !raw.normalized(), raw.keyOrder()).value(0);
  }

  private int value(int p) {
    switch (b[p]) {
      case '{':
        return normalize ? sortedObject(p) : object(p);
      case '[':
        return array(p);
      case '"': {
        int end = stringEnd(b, p);
        sink.escapedString(b, p + 1, end - p - 1);
        return end + 1;
      }
      case 't':
        sink.bool(true);
        return p + 4;
      case 'f':
        sink.bool(false);
        return p + 5;
      case 'n':
        sink.nul();
        return p + 4;
      default: {
        int end = numberEnd(p);
        String text = new String(b, p, end - p, StandardCharsets.US_ASCII);
        sink.number(normalize ? GoJson.normalizeNumber(text) : text);
        return end;
      }
    }
  }

  private int numberEnd(int p) {
    int i = p;
    while (i < b.length) {
      byte c = b[i];
      if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private int object(int p) {
    sink.beginObject();
    p++;
    if (b[p] == '}') {
      sink.endObject();
      return p + 1;
    }
    while (true) {
      int end = stringEnd(b, p);
      sink.escapedKey(b, p + 1, end - p - 1);
      p = value(end + 2);
      if (b[p] == ',') {
        p++;
      } else {
        sink.endObject();
        return p + 1;
      }
    }
  }

  private int array(int p) {
    sink.beginArray();
    p++;
    if (b[p] == ']') {
      sink.endArray();
      return p + 1;
    }
    while (true) {
      p = value(p);
      if (b[p] == ',') {
        p++;
      } else {
        sink.endArray();
        return p + 1;
      }
    }
  }

  // with normalize: the members of the objects being sorted, each as two longs: (offset of the key's first byte
  // << 32 | offset of its closing quote), the value following at that quote + 2, and the offset just past the value
  // when a scan found it (else -1), so that a string value is not scanned a second time to be written. Used as a
  // stack: an object's members stay while they are written, and the objects nested in them are sorted above. One
  // array per reader instead of an object per member and a list per object (a render sorts millions of members).
  private long[] members;
  private int top;
  // members sorted with an insertion sort; longer runs are merged
  private static final int RUN = 16;

  private void push(int keyStart, int keyEnd, int valueEnd) {
    if (members == null) {
      members = new long[64];
    } else if (top == members.length) {
      members = Arrays.copyOf(members, top * 2);
    }
    members[top++] = ((long) keyStart << 32) | keyEnd;
    members[top++] = valueEnd;
  }

  private int sortedObject(int p) {
    if (keyOrder.known()) {
      int e = keyOrder.entry(p);
      if (e < 0) {
        return object(p);
      }
      if (keyOrder.keys(e) >= 0) {
        return orderedObject(e);
      }
      // a small object out of order: scanned below, skipping its members' values by scanning them too
    }
    int q = p + 1;
    if (b[q] == '}') {
      sink.beginObject();
      sink.endObject();
      return q + 1;
    }
    int base = top;
    boolean sorted = true;
    while (true) {
      int keyStart = q + 1;
      int end = stringEnd(b, q);
      if (sorted && top > base && compareKeys(members[top - 2], keyStart, end) >= 0) {
        sorted = false;
      }
      q = skip(end + 2);
      push(keyStart, end, q);
      if (b[q] == ',') {
        q++;
      } else {
        break;
      }
    }
    writeMembers(base, sorted ? (top - base) / 2 : sortMembers(base));
    return q + 1;
  }
  /** An object out of order, whose keys {@link KeyOrder} lists at {@code e}. */
  private int orderedObject(int e) {
    int n = keyOrder.keys(e);
    int base = top;
    for (int i = 0; i < n; i++) {
      int q = keyOrder.key(e, i);
      push(q + 1, stringEnd(b, q), -1);
    }
    writeMembers(base, sortMembers(base));
    return keyOrder.end(e);
  }

  /**
   * Sorts the members from {@code base} to the top by key, stably, and keeps the last of equal keys only (opm
   * decodes into a map); returns how many are left.
   */
  private int sortMembers(int base) {
    int n = (top - base) / 2;
    if (n > RUN && top + 2 * n > members.length) {
      // the merges need as much room again above the members
      members = Arrays.copyOf(members, Math.max(members.length * 2, top + 2 * n));
    }
    long[] a = members;
    for (int lo = 0; lo < n; lo += RUN) {
      insertionSort(a, base + 2 * lo, base + 2 * Math.min(lo + RUN, n));
    }
    if (n > RUN) {
      // bottom-up merges between the members and the room above them
      int src = base;
      int dst = top;
      for (int width = RUN; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
          int mid = Math.min(lo + width, n);
          int hi = Math.min(lo + 2 * width, n);
          merge(a, src + 2 * lo, src + 2 * mid, src + 2 * hi, dst + 2 * lo);
        }
        int t = src;
        src = dst;
        dst = t;
      }
      if (src != base) {
        System.arraycopy(a, src, a, base, 2 * n);
      }
    }
    int end = base + 2 * n;
    int kept = base;
    for (int i = base; i < end; i += 2) {
      if (i + 2 < end && compareMembers(a[i], a[i + 2]) == 0) {
        continue; // stable: the last of equal keys comes last
      }
      a[kept++] = a[i];
      a[kept++] = a[i + 1];
    }
    return (kept - base) / 2;
  }

  /** Sorts the members (pairs of longs) in [from, to) by key. */
  private void insertionSort(long[] a, int from, int to) {
    for (int i = from + 2; i < to; i += 2) {
      long m = a[i];
      long v = a[i + 1];
      int j = i - 2;
      while (j >= from && compareMembers(a[j], m) > 0) {
        a[j + 2] = a[j];
        a[j + 3] = a[j + 1];
        j -= 2;
      }
      a[j + 2] = m;
      a[j + 3] = v;
    }
  }

  /** Merges the sorted runs [lo, mid) and [mid, hi) of {@code a} (pairs of longs) into {@code a} at {@code to}. */
  private void merge(long[] a, int lo, int mid, int hi, int to) {
    int i = lo;
    int j = mid;
    while (i < mid && j < hi) {
      if (compareMembers(a[i], a[j]) <= 0) {
        a[to++] = a[i++];
        a[to++] = a[i++];
      } else {
        a[to++] = a[j++];
        a[to++] = a[j++];
      }
    }
    while (i < mid) {
      a[to++] = a[i++];
    }
    while (j < hi) {
      a[to++] = a[j++];
    }
  }

  /** Writes {@code n} members from {@code base}, then gives their room back. */
  private void writeMembers(int base, int n) {
    top = base + 2 * n;
    sink.beginObject();
    for (int i = base; i < base + 2 * n; i += 2) {
      // read from the field each time: a nested object may have grown the array
      long m = members[i];
      int valueEnd = (int) members[i + 1];
      int keyStart = (int) (m >>> 32);
      int keyEnd = (int) m;
      sink.escapedKey(b, keyStart, keyEnd - keyStart);
      int v = keyEnd + 2;
      if (valueEnd >= 0 && b[v] == '"') {
        // a string whose end the scan for the keys found
        sink.escapedString(b, v + 1, valueEnd - v - 2);
      } else {
        value(v);
      }
    }
    sink.endObject();
    top = base;
  }

  private int compareMembers(long x, long y) {
    return compareKeys(b, (int) (x >>> 32), (int) x, b, (int) (y >>> 32), (int) y);
  }

  private int compareKeys(long x, int yStart, int yEnd) {
    return compareKeys(b, (int) (x >>> 32), (int) x, b, yStart, yEnd);
  }

  /** Compares two escaped keys (the bytes between their quotes) in Go's string order. */
  static int compareKeys(byte[] xb, int xFrom, int xTo, byte[] yb, int yFrom, int yTo) {
    // keys mostly differ early: a plain loop beats Arrays.mismatch under the client compiler
    int n = Math.min(xTo - xFrom, yTo - yFrom);
    int m = 0;
    boolean escaped = false;
    while (m < n && xb[xFrom + m] == yb[yFrom + m]) {
      escaped |= xb[xFrom + m] == '\\';
      m++;
    }
    if (m == n && xTo - xFrom == yTo - yFrom) {
      return 0; // the same escaped text is the same key
    }
    int x = xFrom + m < xTo ? xb[xFrom + m] & 0xFF : -1;
    int y = yFrom + m < yTo ? yb[yFrom + m] & 0xFF : -1;
    if (x != '\\' && y != '\\' && !escaped) {
      // no escape up to the first difference: UTF-8 byte order is code point order, Go's string order, and a key
      // that ends first is a prefix of the other
      return Integer.compare(x, y);
    }
    byte[] xs = unescape(xb, xFrom, xTo - xFrom).getBytes(StandardCharsets.UTF_8);
    byte[] ys = unescape(yb, yFrom, yTo - yFrom).getBytes(StandardCharsets.UTF_8);
    return Arrays.compareUnsigned(xs, ys);
  }

  private static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the closing quote of the string whose opening quote is at {@code p}. */
  static int stringEnd(byte[] b, int p) {
    int i = p + 1;
    while (true) {
      i = StringScan.quoteOrBackslash(b, i, b.length);
      if (b[i] == '"') {
        return i;
      }
      i += 2; // an escape: its second byte cannot end the string
    }
  }

  /** Index just past the value starting at {@code p}. */
  static int skipValue(byte[] b, int p) {
    byte c = b[p];
    if (c == '"') {
      return stringEnd(b, p) + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      int i = p;
      while (true) {
        byte x = b[i];
        if (x == '"') {
          i = stringEnd(b, i) + 1;
          continue;
        }
        if (x == '{' || x == '[') {
          depth++;
        } else if (x == '}' || x == ']') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
    }
    int i = p;
    while (i < b.length && b[i] != ',' && b[i] != '}' && b[i] != ']') {
      i++;
    }
    return i;
  }

  /** Decodes the escaped content of a JSON string. */
  public static String unescape(byte[] b, int off, int len) {
    int end = off + len;
    int esc = indexOf(b, (byte) '\\', off, end);
    if (esc < 0) {
      return new String(b, off, len, StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder(len);
    sb.append(new String(b, off, esc - off, StandardCharsets.UTF_8));
    int i = esc;
    int runStart = i;
    while (i < end) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      if (i > runStart) {
        sb.append(new String(b, runStart, i - runStart, StandardCharsets.UTF_8));
      }
      byte c = b[i + 1];
      switch (c) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case '/' -> sb.append('/');
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case 'u' -> {
          sb.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
          i += 4;
        }
        default -> sb.append((char) c);
      }
      i += 2;
      runStart = i;
    }
    if (end > runStart) {
      sb.append(new String(b, runStart, end - runStart, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }
}
