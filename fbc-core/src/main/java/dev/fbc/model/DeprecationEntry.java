package dev.fbc.model;

import java.util.Map;

/** One deprecation: a reference and the message shown to users. */
public record DeprecationEntry(PackageScopedReference reference, String message, Map<String, RawJson> extras) {
  public DeprecationEntry {
    reference = reference == null ? new PackageScopedReference("", "") : reference;
    message = Extras.str(message);
    extras = Extras.copy(extras);
  }

  public DeprecationEntry(PackageScopedReference reference, String message) {
    this(reference, message, Map.of());
  }
}
