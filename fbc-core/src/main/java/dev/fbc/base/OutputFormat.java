package dev.fbc.base;

/** The text form catalogs are written in. */
public enum OutputFormat {
  JSON,
  YAML;

  /** Parses {@code json} or {@code yaml}, with opm's error text otherwise. */
  public static OutputFormat parse(String s) {
    return switch (s) {
      case "json" -> JSON;
      case "yaml" -> YAML;
      default -> throw new FbcException("invalid --output value \"" + s + "\", expected (json|yaml)");
    };
  }
}
