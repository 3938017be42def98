package dev.fbc.internal.io;

/** The one place that tells JSON from YAML and spots a UTF-8 byte-order mark, as opm's reader does. */
public final class Sniff {
  /** How far into a file its opening brace must be for opm (and fbc) to read the file as JSON, not YAML. */
  static final int JSON_HEAD = 4096;

  private Sniff() {}

  /** Whether the first {@code n} bytes start with a UTF-8 byte-order mark. */
  public static boolean hasBom(byte[] b, int n) {
    return n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  /**
   * Whether the text from {@code start} is a JSON stream: its first non-space byte (within 4 KiB, the buffer
   * opm's decoder looks at) is an opening brace.
   */
  public static boolean looksLikeJson(byte[] b, int start, int length) {
    int end = Math.min(length, start + JSON_HEAD);
    for (int i = start; i < end; i++) {
      byte c = b[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) {
        continue;
      }
      return c == '{';
    }
    return false;
  }
}
