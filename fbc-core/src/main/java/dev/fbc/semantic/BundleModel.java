package dev.fbc.semantic;

import dev.fbc.model.BundleBlob;
import dev.fbc.semver.Version;
import java.util.Objects;
import java.util.Optional;

/**
 * A bundle with its properties parsed and its version read, once: the one place a bundle's version comes from.
 * Properties are parsed on first use, so building a {@link CatalogModel} of a large catalog costs nothing for the
 * bundles an operation never asks about.
 *
 * <p>Immutable and thread-safe (the parse happens at most once per thread race and gives equal values).
 */
public final class BundleModel {
  private final BundleBlob blob;
  private volatile Parsed parsed;

  private record Parsed(BundleProperties properties, Optional<Version> version) {}

  private BundleModel(BundleBlob blob) {
    this.blob = Objects.requireNonNull(blob, "blob");
  }

  public static BundleModel of(BundleBlob blob) {
    return new BundleModel(blob);
  }

  private Parsed parsed() {
    Parsed p = parsed;
    if (p == null) {
      BundleProperties props = BundleProperties.parse(blob.properties());
      p = new Parsed(props, props.packageProperty().flatMap(pp -> Version.tryParse(pp.version())));
      parsed = p;
    }
    return p;
  }

  public BundleBlob blob() {
    return blob;
  }

  /** The typed properties. */
  public BundleProperties properties() {
    return parsed().properties();
  }

  /**
   * The semver of its one {@code olm.package} property; empty when it has none, several, or one that does not
   * parse.
   */
  public Optional<Version> version() {
    return parsed().version();
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
    return properties().packageProperty().map(BundleProperties.PackageProperty::version).orElse("");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BundleModel m && m.blob.equals(blob);
  }

  @Override
  public int hashCode() {
    return blob.hashCode();
  }

  @Override
  public String toString() {
    return "BundleModel[" + blob.packageName() + "/" + blob.name() + "]";
  }
}
