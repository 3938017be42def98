package dev.fbc;

/**
 * How catalogs are written. Immutable; build with {@link #builder()}.
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

  private WriteOptions(Builder b) {
    this.format = b.format;
    this.lossless = b.lossless;
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

  public OutputFormat format() {
    return format;
  }

  public boolean lossless() {
    return lossless;
  }

  public static final class Builder {
    private OutputFormat format = OutputFormat.JSON;
    private boolean lossless;

    private Builder() {}

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
