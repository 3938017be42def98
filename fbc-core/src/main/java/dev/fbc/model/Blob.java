package dev.fbc.model;

import dev.fbc.base.Source;
/**
 * One object of a File-Based Catalog stream. The four schemas OLM defines have their own types; every other
 * schema is an {@link UnknownBlob}, kept verbatim.
 *
 * <p>Blobs are immutable values. Equality includes the {@link Source}; compare {@code withSource(Source.NONE)}
 * to compare content only.
 */
public sealed interface Blob permits PackageBlob, ChannelBlob, BundleBlob, DeprecationsBlob, UnknownBlob {
  String SCHEMA_PACKAGE = "olm.package";
  String SCHEMA_CHANNEL = "olm.channel";
  String SCHEMA_BUNDLE = "olm.bundle";
  String SCHEMA_DEPRECATIONS = "olm.deprecations";

  /** The {@code schema} field. */
  String schema();

  /** The package the blob belongs to: a package blob's own name, otherwise its {@code package} field. */
  String packageName();

  /** Where the blob was read. */
  Source source();

  /** The same blob with another source. */
  Blob withSource(Source source);
}
