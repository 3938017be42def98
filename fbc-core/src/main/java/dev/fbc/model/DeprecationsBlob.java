package dev.fbc.model;

import dev.fbc.base.Source;
import java.util.List;
import java.util.Map;

/** An {@code olm.deprecations} blob. */
public record DeprecationsBlob(String packageName, List<DeprecationEntry> entries, Map<String, RawJson> extras,
    Source source) implements Blob {

  public DeprecationsBlob {
    packageName = Extras.str(packageName);
    entries = entries == null ? null : List.copyOf(entries);
    extras = Extras.copy(extras);
    source = source == null ? Source.NONE : source;
  }

  @Override
  public String schema() {
    return SCHEMA_DEPRECATIONS;
  }

  @Override
  public DeprecationsBlob withSource(Source s) {
    return new DeprecationsBlob(packageName, entries, extras, s);
  }
}
