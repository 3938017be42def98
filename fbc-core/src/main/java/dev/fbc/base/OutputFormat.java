package dev.fbc.base;

/** The text form catalogs are written in. Immutable and thread-safe. */
public enum OutputFormat {
  JSON,
  YAML;

  /** The format named {@code json} or {@code yaml}; empty for any other name. */
  public static java.util.Optional<OutputFormat> find(String s) {
    return switch (s) {
      case "json" -> java.util.Optional.of(JSON);
      case "yaml" -> java.util.Optional.of(YAML);
      default -> java.util.Optional.empty();
    };
  }

  /** Parses {@code json} or {@code yaml}. */
  public static OutputFormat parse(String s) {
    return find(s).orElseThrow(() -> new FbcException("invalid output format \"" + s + "\", expected (json|yaml)"));
  }
}
