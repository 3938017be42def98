package dev.fbc.base;

/**
 * Where a blob was read: the file as it was named to the loader and the 1-based line where the blob starts.
 * {@link #NONE} for blobs built in code.
 */
public record Source(String file, int line) {
  public static final Source NONE = new Source("", 0);

  public Source {
    if (file == null) {
      throw new NullPointerException("file");
    }
  }

  public boolean isKnown() {
    return !file.isEmpty();
  }

  /** {@code file:line}, or {@code file} when the line is unknown. */
  @Override
  public String toString() {
    if (!isKnown()) {
      return "<unknown>";
    }
    return line > 0 ? file + ":" + line : file;
  }
}
