package dev.fbc.model;

import dev.fbc.base.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An immutable list of blobs in the order they were read.
 *
 * <pre>{@code
 * Catalog c = Fbc.load(Path.of("catalog"));
 * c.bundles().size();
 * Catalog edited = c.with(ChannelBlob.inPackage("etcd", "beta", List.of(ChannelEntry.of("etcd.v0.9.4"))));
 * }</pre>
 */
public record Catalog(List<Blob> blobs) {
  public Catalog {
    blobs = List.copyOf(blobs);
  }

  public static Catalog of(Blob... blobs) {
    return new Catalog(List.of(blobs));
  }

  public static Catalog of(List<? extends Blob> blobs) {
    return new Catalog(List.copyOf(blobs));
  }

  public static Catalog empty() {
    return new Catalog(List.of());
  }

  public Stream<Blob> stream() {
    return blobs.stream();
  }

  public int size() {
    return blobs.size();
  }

  public List<PackageBlob> packages() {
    return ofType(PackageBlob.class);
  }

  public List<ChannelBlob> channels() {
    return ofType(ChannelBlob.class);
  }

  public List<BundleBlob> bundles() {
    return ofType(BundleBlob.class);
  }

  public List<DeprecationsBlob> deprecations() {
    return ofType(DeprecationsBlob.class);
  }

  public List<UnknownBlob> others() {
    return ofType(UnknownBlob.class);
  }

  public Optional<PackageBlob> findPackage(String name) {
    return packages().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private <T extends Blob> List<T> ofType(Class<T> type) {
    return blobs.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** This catalog with {@code more} appended. */
  public Catalog with(Blob... more) {
    List<Blob> l = new ArrayList<>(blobs);
    l.addAll(List.of(more));
    return new Catalog(l);
  }

  /** This catalog followed by {@code other}. */
  public Catalog concat(Catalog other) {
    List<Blob> l = new ArrayList<>(blobs);
    l.addAll(other.blobs);
    return new Catalog(l);
  }

  /** Every blob passed through {@code f}. */
  public Catalog map(UnaryOperator<Blob> f) {
    return new Catalog(blobs.stream().map(f).toList());
  }

  /** The same blobs with {@link Source#NONE}: compare content only. */
  public Catalog withoutSources() {
    return map(b -> b.withSource(Source.NONE));
  }
}
