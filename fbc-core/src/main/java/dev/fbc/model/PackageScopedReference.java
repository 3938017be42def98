package dev.fbc.model;

import java.util.Map;

/** What a deprecation entry points at: the package, a channel or a bundle of it. */
public record PackageScopedReference(String schema, String name, Map<String, RawJson> extras) {
  public PackageScopedReference {
    schema = Extras.str(schema);
    name = Extras.str(name);
    extras = Extras.copy(extras);
  }

  public PackageScopedReference(String schema, String name) {
    this(schema, name, Map.of());
  }
}
