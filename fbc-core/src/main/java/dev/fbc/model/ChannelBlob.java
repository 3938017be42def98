package dev.fbc.model;

import dev.fbc.base.Source;
import java.util.List;
import java.util.Map;

/**
 * An {@code olm.channel} blob. Immutable and thread-safe.
 *
 * @param entries the entries; empty when there are none or the field is absent
 * @param entriesPresent whether the blob has an {@code entries} field: a blob without one is written back with
 *     {@code "entries": null}, as opm writes it, so absent and empty stay different
 */
public record ChannelBlob(
    String name,
    String packageName,
    List<ChannelEntry> entries,
    boolean entriesPresent,
    List<Property> properties,
    Map<String, RawJson> extras,
    Source source)
    implements Blob {

  public ChannelBlob {
    name = Extras.str(name);
    packageName = Extras.str(packageName);
    entriesPresent = entriesPresent && entries != null;
    entries = entries == null ? List.of() : List.copyOf(entries);
    properties = Extras.list(properties);
    extras = Extras.copy(extras);
    source = source == null ? Source.NONE : source;
  }

  /** A channel blob whose {@code entries} field is absent when {@code entries} is {@code null}. */
  public ChannelBlob(String name, String packageName, List<ChannelEntry> entries, List<Property> properties,
      Map<String, RawJson> extras, Source source) {
    this(name, packageName, entries, entries != null, properties, extras, source);
  }

  /**
   * Channel {@code name} of package {@code packageName} (the package first, as a reader says it; the record's
   * own order is name first).
   */
  public static ChannelBlob inPackage(String packageName, String name, List<ChannelEntry> entries) {
    return new ChannelBlob(name, packageName, entries, true, List.of(), Map.of(), Source.NONE);
  }


  @Override
  public String schema() {
    return SCHEMA_CHANNEL;
  }

  @Override
  public ChannelBlob withSource(Source s) {
    return new ChannelBlob(name, packageName, entries, entriesPresent, properties, extras, s);
  }

  /** The same channel with these entries (then present). */
  public ChannelBlob withEntries(List<ChannelEntry> newEntries) {
    return new ChannelBlob(name, packageName, newEntries, true, properties, extras, source);
  }
}
