package dev.fbc.ops;

import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import dev.fbc.semver.Range;
import dev.fbc.semver.Version;
import dev.fbc.validate.PropertyAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds to a pruned catalog what its bundles require ({@code olm.gvk.required}, {@code olm.package.required}) and
 * it lacks, taken from the full catalog: the providing package with the channel that holds the chosen bundle,
 * cut down (like prune) to the piece from that bundle up to the channel head. Repeats until nothing is missing,
 * and says why each addition was made.
 */
public final class DependencyResolver {
  private DependencyResolver() {}

  /** The catalog with dependencies added, and one line per addition or unsatisfied requirement. */
  public record Result(Catalog catalog, List<String> reasons) {}

  public static Result resolve(Catalog source, Catalog pruned) {
    List<String> reasons = new ArrayList<>();
    Catalog current = pruned;
    for (int round = 0; round < 10; round++) {
      Map<String, String> wanted = new LinkedHashMap<>(); // filter key "pkg:channel@range" -> reason
      for (BundleBlob b : current.bundles()) {
        for (Property p : b.properties()) {
          if (Property.GVK_REQUIRED.equals(p.type())) {
            String g = field(p, "group");
            String k = field(p, "kind");
            String v = field(p, "version");
            if (providesGvk(current, g, k, v).isPresent()) {
              continue;
            }
            Optional<BundleBlob> provider = providesGvk(source, g, k, v);
            if (provider.isEmpty()) {
              reasons.add("unsatisfied: " + b.name() + " requires API " + g + "/" + v + " " + k
                  + ", which no bundle of the catalog provides");
              continue;
            }
            keyFor(source, provider.get()).ifPresent(key -> wanted.putIfAbsent(key, "added "
                + provider.get().name() + ": it provides " + g + "/" + v + " " + k + ", required by " + b.name()));
          } else if (Property.PACKAGE_REQUIRED.equals(p.type())) {
            String pkg = field(p, "packageName");
            String range = field(p, "versionRange");
            if (satisfies(current, pkg, range).isPresent()) {
              continue;
            }
            Optional<BundleBlob> provider = satisfies(source, pkg, range);
            if (provider.isEmpty()) {
              reasons.add("unsatisfied: " + b.name() + " requires package " + pkg + " " + range
                  + ", which no bundle of the catalog satisfies");
              continue;
            }
            keyFor(source, provider.get()).ifPresent(key -> wanted.putIfAbsent(key, "added "
                + provider.get().name() + ": package " + pkg + " " + range + " is required by " + b.name()));
          }
        }
      }
      if (wanted.isEmpty()) {
        break;
      }
      List<String> keeps = new ArrayList<>(wanted.keySet());
      Catalog extra = CatalogFilter.filter(source, FilterConfiguration.ofKeeps(keeps), false).withoutOrphans()
          .catalog();
      CatalogMerger.Result merged = CatalogMerger.builder().onConflict(CatalogMerger.OnConflict.PREFER_FIRST)
          .unionChannels(true).build().merge(List.of(current, extra));
      current = merged.catalog();
      reasons.addAll(wanted.values());
    }
    return new Result(current, reasons);
  }

  private static String field(Property p, String name) {
    if (!p.value().isObject()) {
      return "";
    }
    var v = PropertyAccess.tree(p.value());
    if (v instanceof dev.fbc.internal.json.JsonValue.Obj o
        && o.members().get(name) instanceof dev.fbc.internal.json.JsonValue.Str s) {
      return s.value();
    }
    return "";
  }

  private static Optional<BundleBlob> providesGvk(Catalog c, String g, String k, String v) {
    BundleBlob best = null;
    for (BundleBlob b : c.bundles()) {
      for (Property p : b.properties()) {
        if (Property.GVK.equals(p.type()) && field(p, "group").equals(g) && field(p, "kind").equals(k)
            && field(p, "version").equals(v)) {
          best = better(c, best, b);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<BundleBlob> satisfies(Catalog c, String pkg, String range) {
    Range r;
    try {
      r = range.isEmpty() ? null : Range.parse(range);
    } catch (Range.ParseException e) {
      return Optional.empty();
    }
    BundleBlob best = null;
    for (BundleBlob b : c.bundles()) {
      if (!b.packageName().equals(pkg)) {
        continue;
      }
      Version v = b.version().flatMap(Version::tryParse).orElse(null);
      if (v != null && (r == null || r.test(v))) {
        best = better(c, best, b);
      }
    }
    return Optional.ofNullable(best);
  }

  /** Prefers the head of a default channel, then the higher version. */
  private static BundleBlob better(Catalog c, BundleBlob a, BundleBlob b) {
    if (a == null) {
      return b;
    }
    boolean ah = isDefaultHead(c, a);
    boolean bh = isDefaultHead(c, b);
    if (ah != bh) {
      return ah ? a : b;
    }
    Version va = a.version().flatMap(Version::tryParse).orElse(null);
    Version vb = b.version().flatMap(Version::tryParse).orElse(null);
    if (va == null) {
      return b;
    }
    return vb != null && vb.compareTo(va) > 0 ? b : a;
  }

  private static boolean isDefaultHead(Catalog c, BundleBlob b) {
    Optional<PackageBlob> p = c.findPackage(b.packageName());
    if (p.isEmpty()) {
      return false;
    }
    for (ChannelBlob ch : c.channels()) {
      if (ch.packageName().equals(b.packageName()) && ch.name().equals(p.get().defaultChannel())) {
        return UpgradeGraph.of(ch).head().map(h -> h.equals(b.name())).orElse(false);
      }
    }
    return false;
  }

  /** The prune filter that keeps {@code b}: its channel (the default one if it holds it) from b up to the head. */
  private static Optional<String> keyFor(Catalog source, BundleBlob b) {
    String pkg = b.packageName();
    String defaultChannel = source.findPackage(pkg).map(PackageBlob::defaultChannel).orElse("");
    ChannelBlob holder = null;
    for (ChannelBlob ch : source.channels()) {
      if (!ch.packageName().equals(pkg) || ch.entriesOrEmpty().stream().noneMatch(e -> e.name().equals(b.name()))) {
        continue;
      }
      if (holder == null || ch.name().equals(defaultChannel)) {
        holder = ch;
      }
    }
    if (holder == null || !holder.name().equals(defaultChannel)) {
      // a bundle outside the default channel cannot be added without changing the default; keep it simple
      return holder == null ? Optional.empty() : Optional.of(pkg + ":" + defaultChannel);
    }
    String version = b.version().orElse("");
    return Optional.of(pkg + ":" + holder.name() + (version.isEmpty() ? "" : "@>=" + version));
  }
}
