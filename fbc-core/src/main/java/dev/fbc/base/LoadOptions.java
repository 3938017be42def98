package dev.fbc.base;

import dev.fbc.Fbc;
import java.util.function.Consumer;

/**
 * How catalogs are read. Immutable; build with {@link #builder()}.
 *
 * <p>Catalogs may come from anyone (an image, a pull request), so reading one is bounded: each limit below stops
 * a hostile or broken file with one problem naming it, instead of a hang or running out of memory. The defaults
 * are far above what real catalogs need.
 *
 * <pre>{@code
 * LoadOptions opts = LoadOptions.builder().parallelism(4).maxFileBytes(256L << 20).build();
 * Catalog c = Fbc.load(Path.of("catalog"), opts);
 * }</pre>
 */
public final class LoadOptions {
  /** Default of {@link #maxFileBytes()}: 512 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 512L << 20;
  /** Default of {@link #maxYamlFileBytes()}: 128 MiB. */
  public static final long DEFAULT_MAX_YAML_FILE_BYTES = 128L << 20;
  /** Default of {@link #maxYamlExpansionFactor()}. */
  public static final int DEFAULT_MAX_YAML_EXPANSION_FACTOR = 10;
  /** Characters a YAML document may always expand to through aliases, whatever its size: 16 Mi. */
  public static final long YAML_EXPANSION_FLOOR = 16L << 20;

  private static final LoadOptions DEFAULTS = builder().build();

  private final int parallelism;
  private final long maxFileBytes;
  private final long maxYamlFileBytes;
  private final int maxAliasesPerDocument;
  private final int maxYamlExpansionFactor;
  private final Consumer<Problem> warnings;

  private LoadOptions(Builder b) {
    this.parallelism = b.parallelism;
    this.maxFileBytes = b.maxFileBytes;
    this.maxYamlFileBytes = b.maxYamlFileBytes;
    this.maxAliasesPerDocument = b.maxAliasesPerDocument;
    this.maxYamlExpansionFactor = b.maxYamlExpansionFactor;
    this.warnings = b.warnings;
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

  /**
   * Files larger than this are refused with an error, and no file is read past it (a file that grows while read,
   * or a link to an endless device, stops here); defaults to {@link #DEFAULT_MAX_FILE_BYTES}. JSON streams are
   * read blob by blob, so this bounds time rather than memory.
   */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /**
   * YAML files (and JSON files that have to be re-read as YAML) larger than this are refused: YAML is parsed from
   * the whole text in memory. Defaults to {@link #DEFAULT_MAX_YAML_FILE_BYTES}; never more than
   * {@link #maxFileBytes()} in effect.
   */
  public long maxYamlFileBytes() {
    return maxYamlFileBytes;
  }

  /** YAML aliases to mappings or lists allowed in one document; defaults to 1000. */
  public int maxAliasesPerDocument() {
    return maxAliasesPerDocument;
  }

  /**
   * How much a YAML document may grow by resolving aliases: its value may hold this many times the document's
   * length in characters (scalars and keys counted by length), or {@link #YAML_EXPANSION_FLOOR} if that is more.
   * Defaults to {@link #DEFAULT_MAX_YAML_EXPANSION_FACTOR}.
   */
  public int maxYamlExpansionFactor() {
    return maxYamlExpansionFactor;
  }

  /**
   * Where warnings of loading go (special files skipped, {@code .indexignore} patterns that can never match). A
   * load that succeeds has no other way to tell them; defaults to printing {@link Problem#toLine()} on standard
   * error.
   */
  public Consumer<Problem> warnings() {
    return warnings;
  }

  public Builder toBuilder() {
    return new Builder().parallelism(parallelism).maxFileBytes(maxFileBytes).maxYamlFileBytes(maxYamlFileBytes)
        .maxAliasesPerDocument(maxAliasesPerDocument).maxYamlExpansionFactor(maxYamlExpansionFactor)
        .warnings(warnings);
  }

  public static final class Builder {
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private long maxYamlFileBytes = DEFAULT_MAX_YAML_FILE_BYTES;
    private int maxAliasesPerDocument = 1000;
    private int maxYamlExpansionFactor = DEFAULT_MAX_YAML_EXPANSION_FACTOR;
    private Consumer<Problem> warnings = p -> System.err.println(p.toLine());

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

    public Builder maxYamlFileBytes(long n) {
      if (n < 1 || n > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxYamlFileBytes must be between 1 and 2 GiB");
      }
      this.maxYamlFileBytes = n;
      return this;
    }

    public Builder maxAliasesPerDocument(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxAliasesPerDocument must not be negative");
      }
      this.maxAliasesPerDocument = n;
      return this;
    }

    public Builder maxYamlExpansionFactor(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxYamlExpansionFactor must be at least 1");
      }
      this.maxYamlExpansionFactor = n;
      return this;
    }

    public Builder warnings(Consumer<Problem> sink) {
      this.warnings = java.util.Objects.requireNonNull(sink, "warnings");
      return this;
    }

    public LoadOptions build() {
      return new LoadOptions(this);
    }
  }
}
