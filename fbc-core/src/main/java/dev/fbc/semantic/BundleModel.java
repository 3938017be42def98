package dev.fbc.semantic;

import dev.fbc.model.BundleBlob;
import dev.fbc.semver.Version;
import java.util.Optional;

/**
 * A bundle with its properties parsed and its version read, once: the one place a bundle's version comes from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the semver of its one {@code olm.package} property; empty when it has none, several, or one
 *     that does not parse
 */
public record BundleModel(BundleBlob blob, BundleProperties properties, Optional<Version> version) {
  public static BundleModel of(BundleBlob blob) {
    BundleProperties props = BundleProperties.parse(blob.properties());
    Optional<Version> version = props.packageProperty().flatMap(p -> Version.tryParse(p.version()));
    return new BundleModel(blob, props, version);
  }

  public String name() {
    return blob.name();
  }

  public String packageName() {
    return blob.packageName();
  }

  public String image() {
    return blob.image();
  }

  /** The version as written in its {@code olm.package} property ({@code ""} when there is not exactly one). */
  public String versionText() {
    return properties.packageProperty().map(BundleProperties.PackageProperty::version).orElse("");
  }
}
