package dev.fbc.base;

/**
 * How catalogs are written. Immutable and thread-safe; build with {@link #builder()} (a builder is not
 * thread-safe).
 *
 * <p>By default the output is what {@code opm render} prints: blobs grouped by package and sorted, keys of raw
 * values sorted, numbers as Go prints them, and the fields opm does not know dropped. {@link Builder#lossless}
 * keeps every field, the blob order and the values as written instead; it is what editing in place uses.
 *
 * <pre>{@code
 * WriteOptions yaml = WriteOptions.builder().format(OutputFormat.YAML).build();
 * WriteOptions keepAll = WriteOptions.builder().lossless(true).build();
 * }</pre>
 */
public final class WriteOptions {
  private static final WriteOptions DEFAULTS = builder().build();

  private final OutputFormat format;
  private final boolean lossless;
  private final int parallelism;

  private WriteOptions(Builder b) {
    this.format = b.format;
    this.lossless = b.lossless;
    this.parallelism = b.parallelism;
  }

  public static WriteOptions defaults() {
    return DEFAULTS;
  }

  public static WriteOptions json() {
    return DEFAULTS;
  }

  public static WriteOptions yaml() {
    return builder().format(OutputFormat.YAML).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return new Builder().format(format).lossless(lossless).parallelism(parallelism);
  }

  public OutputFormat format() {
    return format;
  }

  public boolean lossless() {
    return lossless;
  }

  /** Threads that encode blobs at once (output order is kept); defaults to the number of processors. */
  public int parallelism() {
    return parallelism;
  }

  public static final class Builder {
    private OutputFormat format = OutputFormat.JSON;
    private boolean lossless;
    private int parallelism = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1");
      }
      this.parallelism = n;
      return this;
    }

    public Builder format(OutputFormat f) {
      this.format = java.util.Objects.requireNonNull(f);
      return this;
    }

    public Builder lossless(boolean l) {
      this.lossless = l;
      return this;
    }

    public WriteOptions build() {
      return new WriteOptions(this);
    }
  }
}
