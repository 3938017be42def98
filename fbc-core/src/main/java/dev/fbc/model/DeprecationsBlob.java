package dev.fbc.model;

import dev.fbc.base.Source;
import java.util.List;
import java.util.Map;

/**
 * An {@code olm.deprecations} blob. Immutable and thread-safe.
 *
 * @param entries the entries; empty when there are none or the field is absent
 * @param entriesPresent whether the blob has an {@code entries} field (absent is written back as {@code null})
 */
public record DeprecationsBlob(String packageName, List<DeprecationEntry> entries, boolean entriesPresent,
    Map<String, RawJson> extras, Source source) implements Blob {

  public DeprecationsBlob {
    packageName = Extras.str(packageName);
    entriesPresent = entriesPresent && entries != null;
    entries = entries == null ? List.of() : List.copyOf(entries);
    extras = Extras.copy(extras);
    source = source == null ? Source.NONE : source;
  }

  /** A deprecations blob whose {@code entries} field is absent when {@code entries} is {@code null}. */
  public DeprecationsBlob(String packageName, List<DeprecationEntry> entries, Map<String, RawJson> extras,
      Source source) {
    this(packageName, entries, entries != null, extras, source);
  }

  /** The same blob with these entries (then present). */
  public DeprecationsBlob withEntries(List<DeprecationEntry> newEntries) {
    return new DeprecationsBlob(packageName, newEntries, true, extras, source);
  }

  @Override
  public String schema() {
    return SCHEMA_DEPRECATIONS;
  }

  @Override
  public DeprecationsBlob withSource(Source s) {
    return new DeprecationsBlob(packageName, entries, entriesPresent, extras, s);
  }
}
