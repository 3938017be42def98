package dev.fbc.semantic;

import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.PackageBlob;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The semantic view of a catalog, built once from its blobs: packages, their channels (each with its upgrade
 * graph) and bundles (each with typed properties and a version). Operations read this instead of indexing the
 * blobs themselves.
 *
 * <pre>{@code
 * CatalogModel m = CatalogModel.of(Fbc.load(Path.of("catalog")));
 * m.pkg("etcd").flatMap(PackageModel::defaultChannel).flatMap(c -> c.graph().head()); // Optional[etcdoperator.v0.9.4]
 * }</pre>
 *
 * <p>Blobs of a package no {@code olm.package} blob declares, and second definitions of a name, are not linked
 * (validation reports them). Immutable and thread-safe.
 */
public final class CatalogModel {
  private final Catalog catalog;
  private final Map<String, PackageModel> packages;

  private CatalogModel(Catalog catalog, Map<String, PackageModel> packages) {
    this.catalog = catalog;
    this.packages = Collections.unmodifiableMap(packages);
  }

  public static CatalogModel of(Catalog catalog) {
    Map<String, PackageBlob> pkgs = new LinkedHashMap<>();
    for (PackageBlob p : catalog.packages()) {
      if (!p.name().isEmpty()) {
        pkgs.putIfAbsent(p.name(), p);
      }
    }
    Map<String, Map<String, ChannelModel>> channels = new LinkedHashMap<>();
    Map<String, Map<String, BundleModel>> bundles = new LinkedHashMap<>();
    Map<String, DeprecationsBlob> deprecations = new LinkedHashMap<>();
    for (String name : pkgs.keySet()) {
      channels.put(name, new LinkedHashMap<>());
      bundles.put(name, new LinkedHashMap<>());
    }
    for (ChannelBlob c : catalog.channels()) {
      Map<String, ChannelModel> m = channels.get(c.packageName());
      if (m != null && !c.name().isEmpty() && !m.containsKey(c.name())) {
        m.put(c.name(), ChannelModel.of(c));
      }
    }
    for (BundleBlob b : catalog.bundles()) {
      Map<String, BundleModel> m = bundles.get(b.packageName());
      if (m != null && !m.containsKey(b.name())) {
        m.put(b.name(), BundleModel.of(b));
      }
    }
    for (DeprecationsBlob d : catalog.deprecations()) {
      if (pkgs.containsKey(d.packageName())) {
        deprecations.putIfAbsent(d.packageName(), d);
      }
    }
    Map<String, PackageModel> out = new LinkedHashMap<>();
    for (PackageBlob p : pkgs.values()) {
      out.put(p.name(), new PackageModel(p, channels.get(p.name()), bundles.get(p.name()),
          Optional.ofNullable(deprecations.get(p.name()))));
    }
    return new CatalogModel(catalog, out);
  }

  /** The blobs the model was built from. */
  public Catalog catalog() {
    return catalog;
  }

  /** Packages by name, in catalog order. */
  public Map<String, PackageModel> packages() {
    return packages;
  }

  public Optional<PackageModel> pkg(String name) {
    return Optional.ofNullable(packages.get(name));
  }

  public Optional<BundleModel> bundle(String pkg, String name) {
    return pkg(pkg).flatMap(p -> p.bundle(name));
  }

  /** Every linked bundle, package by package. */
  public List<BundleModel> bundles() {
    return packages.values().stream().flatMap(p -> p.bundles().values().stream()).toList();
  }
}
