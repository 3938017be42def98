package dev.fbc.base;

import dev.fbc.Fbc;
/**
 * How catalogs are read. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * LoadOptions opts = LoadOptions.builder().parallelism(4).maxFileBytes(256L << 20).build();
 * Catalog c = Fbc.load(Path.of("catalog"), opts);
 * }</pre>
 */
public final class LoadOptions {
  private static final LoadOptions DEFAULTS = builder().build();

  private final int parallelism;
  private final long maxFileBytes;
  private final int maxAliasesPerDocument;

  private LoadOptions(Builder b) {
    this.parallelism = b.parallelism;
    this.maxFileBytes = b.maxFileBytes;
    this.maxAliasesPerDocument = b.maxAliasesPerDocument;
  }

  public static LoadOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Files parsed at once; defaults to the number of processors. */
  public int parallelism() {
    return parallelism;
  }

  /** Files larger than this are refused with an error; defaults to 1 GiB. */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** YAML aliases to mappings or lists allowed in one document; defaults to 1000. */
  public int maxAliasesPerDocument() {
    return maxAliasesPerDocument;
  }

  public Builder toBuilder() {
    return new Builder().parallelism(parallelism).maxFileBytes(maxFileBytes)
        .maxAliasesPerDocument(maxAliasesPerDocument);
  }

  public static final class Builder {
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private long maxFileBytes = 1L << 30;
    private int maxAliasesPerDocument = 1000;

    private Builder() {}

    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1");
      }
      this.parallelism = n;
      return this;
    }

    public Builder maxFileBytes(long n) {
      if (n < 1 || n > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxFileBytes must be between 1 and 2 GiB");
      }
      this.maxFileBytes = n;
      return this;
    }

    public Builder maxAliasesPerDocument(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxAliasesPerDocument must not be negative");
      }
      this.maxAliasesPerDocument = n;
      return this;
    }

    public LoadOptions build() {
      return new LoadOptions(this);
    }
  }
}
