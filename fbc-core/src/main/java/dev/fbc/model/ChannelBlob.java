package dev.fbc.model;

import dev.fbc.base.Source;
import java.util.List;
import java.util.Map;

/**
 * An {@code olm.channel} blob.
 *
 * @param entries the entries; {@code null} when the blob has no {@code entries} field (opm writes {@code null})
 */
public record ChannelBlob(
    String name,
    String packageName,
    List<ChannelEntry> entries,
    List<Property> properties,
    Map<String, RawJson> extras,
    Source source)
    implements Blob {

  public ChannelBlob {
    name = Extras.str(name);
    packageName = Extras.str(packageName);
    entries = entries == null ? null : List.copyOf(entries);
    properties = Extras.list(properties);
    extras = Extras.copy(extras);
    source = source == null ? Source.NONE : source;
  }

  /**
   * Channel {@code name} of package {@code packageName} (the package first, as a reader says it; the record's
   * own order is name first).
   */
  public static ChannelBlob inPackage(String packageName, String name, List<ChannelEntry> entries) {
    return new ChannelBlob(name, packageName, entries, List.of(), Map.of(), Source.NONE);
  }

  /**
   * The same as {@link #inPackage}; its name did not say the argument order, which differs from the record's.
   *
   * @deprecated use {@link #inPackage(String, String, List)}
   */
  @Deprecated(forRemoval = true)
  public static ChannelBlob of(String packageName, String name, List<ChannelEntry> entries) {
    return inPackage(packageName, name, entries);
  }

  @Override
  public String schema() {
    return SCHEMA_CHANNEL;
  }

  @Override
  public ChannelBlob withSource(Source s) {
    return new ChannelBlob(name, packageName, entries, properties, extras, s);
  }

  public ChannelBlob withEntries(List<ChannelEntry> newEntries) {
    return new ChannelBlob(name, packageName, newEntries, properties, extras, source);
  }

  /** Entries, empty when the field is absent. */
  public List<ChannelEntry> entriesOrEmpty() {
    return entries == null ? List.of() : entries;
  }
}
