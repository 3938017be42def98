package dev.fbc.testkit;

import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import dev.fbc.model.RelatedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds catalogs for tests, fluently.
 *
 * <pre>{@code
 * Catalog c = CatalogBuilder.create()
 *     .pkg("etcd").defaultChannel("stable")
 *         .bundle("0.9.0").bundle("0.9.2").bundle("0.9.4")
 *         .channel("stable").replacesChain("0.9.0", "0.9.2", "0.9.4").end()
 *         .channel("fast").entry("0.9.4").skipRange(">=0.9.0 <0.9.4").end()
 *     .build();
 * }</pre>
 *
 * Bundles are named {@code <package>.v<version>} and get the image {@code quay.io/fbc-testkit/<package>-bundle:v<version>}
 * unless told otherwise; channel entries may be given by version or by full bundle name.
 */
public final class CatalogBuilder {
  private final Map<String, PackageBuilder> packages = new LinkedHashMap<>();
  private final List<Blob> extra = new ArrayList<>();

  private CatalogBuilder() {}

  public static CatalogBuilder create() {
    return new CatalogBuilder();
  }

  /** The package named {@code name}, created on first use. */
  public PackageBuilder pkg(String name) {
    return packages.computeIfAbsent(name, n -> new PackageBuilder(this, n));
  }

  /** Adds any blob as it is (a custom schema, a deprecation, a deliberately broken blob). */
  public CatalogBuilder blob(Blob b) {
    extra.add(b);
    return this;
  }

  /** Blobs per package in the order opm writes them: package, channels, bundles; then extra blobs. */
  public Catalog build() {
    List<Blob> blobs = new ArrayList<>();
    for (PackageBuilder p : packages.values()) {
      p.addTo(blobs);
    }
    blobs.addAll(extra);
    return new Catalog(blobs);
  }

  /** Builds one package. */
  public static final class PackageBuilder {
    private final CatalogBuilder parent;
    private final String name;
    private String defaultChannel = "";
    private String description = "";
    private dev.fbc.model.Icon icon;
    private final Map<String, ChannelBuilder> channels = new LinkedHashMap<>();
    private final Map<String, BundleBlob> bundles = new LinkedHashMap<>();

    PackageBuilder(CatalogBuilder parent, String name) {
      this.parent = parent;
      this.name = name;
    }

    public PackageBuilder defaultChannel(String c) {
      this.defaultChannel = c;
      return this;
    }

    public PackageBuilder description(String d) {
      this.description = d;
      return this;
    }

    public PackageBuilder icon(byte[] data, String mediatype) {
      this.icon = dev.fbc.model.Icon.of(data, mediatype);
      return this;
    }

    /** A bundle {@code <package>.v<version>} with the default image and an {@code olm.package} property. */
    public PackageBuilder bundle(String version) {
      return bundle(bundleName(version), version, defaultImage(version));
    }

    public PackageBuilder bundle(String bundleName, String version, String image, Property... extraProperties) {
      List<Property> props = new ArrayList<>();
      props.add(Property.packageProperty(name, version));
      props.addAll(List.of(extraProperties));
      bundles.put(bundleName, new BundleBlob(bundleName, name, image, props,
          image.isEmpty() ? List.of() : List.of(new RelatedImage("", image)), Map.of(), null));
      return this;
    }

    /** Adds a bundle built elsewhere. */
    public PackageBuilder bundle(BundleBlob b) {
      bundles.put(b.name(), b);
      return this;
    }

    /** The channel named {@code channelName}, created on first use. */
    public ChannelBuilder channel(String channelName) {
      return channels.computeIfAbsent(channelName, c -> new ChannelBuilder(this, c));
    }

    public CatalogBuilder done() {
      return parent;
    }

    /** Shortcut back to the catalog: another package. */
    public PackageBuilder pkg(String other) {
      return parent.pkg(other);
    }

    public Catalog build() {
      return parent.build();
    }

    String bundleName(String versionOrName) {
      if (bundles.containsKey(versionOrName) || versionOrName.startsWith(name + ".")) {
        return versionOrName;
      }
      return name + ".v" + versionOrName;
    }

    String defaultImage(String version) {
      return "quay.io/fbc-testkit/" + name + "-bundle:v" + version;
    }

    void addTo(List<Blob> out) {
      out.add(new PackageBlob(name, defaultChannel, java.util.Optional.ofNullable(icon), description, List.of(), Map.of(), null));
      for (ChannelBuilder c : channels.values()) {
        out.add(ChannelBlob.inPackage(name, c.name, c.entries));
      }
      out.addAll(bundles.values());
    }
  }

  /** Builds one channel's entries; edge methods apply to the last entry added. */
  public static final class ChannelBuilder {
    private final PackageBuilder pkg;
    private final String name;
    private final List<ChannelEntry> entries = new ArrayList<>();

    ChannelBuilder(PackageBuilder pkg, String name) {
      this.pkg = pkg;
      this.name = name;
    }

    /** Adds an entry by version or bundle name. */
    public ChannelBuilder entry(String bundle) {
      entries.add(ChannelEntry.of(pkg.bundleName(bundle)));
      return this;
    }

    public ChannelBuilder replaces(String bundle) {
      return update(last().withReplaces(pkg.bundleName(bundle)));
    }

    public ChannelBuilder skips(String... bundles) {
      List<String> s = new ArrayList<>(last().skips());
      for (String b : bundles) {
        s.add(pkg.bundleName(b));
      }
      return update(last().withSkips(s));
    }

    public ChannelBuilder skipRange(String range) {
      return update(last().withSkipRange(range));
    }

    /** Entries in order, each replacing the one before. */
    public ChannelBuilder replacesChain(String... bundles) {
      String previous = null;
      for (String b : bundles) {
        entry(b);
        if (previous != null) {
          replaces(previous);
        }
        previous = b;
      }
      return this;
    }

    /** Back to the package. */
    public PackageBuilder end() {
      return pkg;
    }

    private ChannelEntry last() {
      if (entries.isEmpty()) {
        throw new IllegalStateException("add an entry first");
      }
      return entries.get(entries.size() - 1);
    }

    private ChannelBuilder update(ChannelEntry e) {
      entries.set(entries.size() - 1, e);
      return this;
    }
  }

  /** A property with a JSON value, for {@link PackageBuilder#bundle(String, String, String, Property...)}. */
  public static Property property(String type, String json) {
    return new Property(type, RawJson.parse(json));
  }
}
