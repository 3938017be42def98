package dev.fbc.ops;

import dev.fbc.model.Catalog;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.BundleProperties.Gvk;
import dev.fbc.semantic.BundleProperties.PackageRequirement;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.semver.Range;
import dev.fbc.semver.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Adds to a pruned catalog what its bundles require ({@code olm.gvk.required}, {@code olm.package.required}) and
 * it lacks, taken from the full catalog: the providing bundle's channel cut down (like prune) to the piece from
 * that bundle up to the channel head. A bundle found only outside its package's default channel brings that
 * channel, which becomes the package's default when the package was not kept already. Repeats until every
 * requirement is met or cannot be, and says why each addition was made and which requirements stay unmet.
 *
 * <p>Stateless and thread-safe.
 */
public final class DependencyResolver {
  private DependencyResolver() {}

  /**
   * The catalog with dependencies added.
   *
   * @param added one line per bundle added, with the requirement that brought it
   * @param unsatisfied one line per requirement that no bundle of the full catalog meets
   */
  public record Result(Catalog catalog, List<String> added, List<String> unsatisfied) {
    public Result {
      added = List.copyOf(added);
      unsatisfied = List.copyOf(unsatisfied);
    }

    /** Every line, additions first. */
    public List<String> reasons() {
      List<String> all = new ArrayList<>(added);
      unsatisfied.forEach(u -> all.add("unsatisfied: " + u));
      return all;
    }
  }

  /** A bundle to add: the channel that holds it (whether it is the package's default one), and why. */
  private record Need(BundleModel bundle, ChannelModel channel, boolean defaultChannel, String reason) {}

  public static Result resolve(Catalog source, Catalog pruned) {
    CatalogModel full = CatalogModel.of(source);
    List<String> added = new ArrayList<>();
    Set<String> unsatisfied = new LinkedHashSet<>();
    Catalog current = pruned;
    // each round adds at least one bundle of the finite source catalog, or ends
    while (true) {
      CatalogModel now = CatalogModel.of(current);
      Map<String, Need> needs = new LinkedHashMap<>();
      for (BundleModel b : now.bundles()) {
        for (Gvk g : b.properties().requiredApis()) {
          Predicate<BundleModel> provides = x -> x.properties().providedApis().contains(g);
          if (now.bundles().stream().noneMatch(provides)) {
            need(full, provides, "it provides API " + g + ", required by " + b.name(),
                b.name() + " requires API " + g + ", which no bundle of the catalog provides", needs, unsatisfied);
          }
        }
        for (PackageRequirement r : b.properties().requiredPackages()) {
          Optional<Predicate<Version>> range = parseRange(r.versionRange());
          if (range.isEmpty()) {
            unsatisfied.add(b.name() + " requires package " + r.packageName() + " with an unreadable range \""
                + r.versionRange() + "\"");
            continue;
          }
          Predicate<BundleModel> satisfies = x -> x.packageName().equals(r.packageName())
              && x.version().map(v -> range.get().test(v)).orElse(false);
          if (now.bundles().stream().noneMatch(satisfies)) {
            need(full, satisfies, "package " + r.packageName() + " " + r.versionRange() + " is required by "
                + b.name(), b.name() + " requires package " + r.packageName() + " " + r.versionRange()
                + ", which no bundle of the catalog satisfies", needs, unsatisfied);
          }
        }
      }
      if (needs.isEmpty()) {
        break;
      }
      Catalog extra = CatalogFilter.filter(source, filterFor(needs.values()), FilterMode.HEADS_ONLY).withoutOrphans().catalog();
      CatalogMerger.Result merged = CatalogMerger.builder().onConflict(CatalogMerger.OnConflict.PREFER_FIRST)
          .unionChannels(true).build().merge(List.of(current, extra));
      int before = current.bundles().size();
      current = merged.catalog();
      for (Need n : needs.values()) {
        added.add("added " + n.bundle().name() + " (channel " + n.channel().name() + "): " + n.reason());
      }
      if (current.bundles().size() == before) {
        break; // the filter kept nothing new: stop rather than loop
      }
    }
    return new Result(current, added, List.copyOf(unsatisfied));
  }

  /** The versions a requirement accepts (every version when it names no range); empty when unreadable. */
  private static Optional<Predicate<Version>> parseRange(String range) {
    if (range.isEmpty()) {
      return Optional.of(v -> true);
    }
    try {
      Range r = Range.parse(range);
      return Optional.of(r::test);
    } catch (Range.ParseException e) {
      return Optional.empty();
    }
  }

  private static void need(CatalogModel full, Predicate<BundleModel> wanted, String reason, String unmet,
      Map<String, Need> needs, Set<String> unsatisfied) {
    Optional<BundleModel> best = full.bundles().stream().filter(wanted)
        .filter(b -> !channelsOf(full, b).isEmpty())
        .max(Comparator.comparing((BundleModel b) -> isDefaultHead(full, b))
            .thenComparing(b -> b.version().orElse(null), Comparator.nullsFirst(Comparator.naturalOrder())));
    if (best.isEmpty()) {
      unsatisfied.add(unmet);
      return;
    }
    BundleModel b = best.get();
    String key = b.packageName() + "/" + b.name();
    if (!needs.containsKey(key)) {
      ChannelModel holder = holder(full, b);
      String def = full.pkg(b.packageName()).map(p -> p.blob().defaultChannel()).orElse("");
      needs.put(key, new Need(b, holder, holder.name().equals(def), reason));
    }
  }

  private static List<ChannelModel> channelsOf(CatalogModel full, BundleModel b) {
    return full.pkg(b.packageName()).map(p -> p.channelsOf(b.name())).orElse(List.of());
  }

  /** The default channel when it holds the bundle, else the first channel that does. */
  private static ChannelModel holder(CatalogModel full, BundleModel b) {
    List<ChannelModel> holders = channelsOf(full, b);
    String def = full.pkg(b.packageName()).map(p -> p.blob().defaultChannel()).orElse("");
    return holders.stream().filter(c -> c.name().equals(def)).findFirst().orElse(holders.get(0));
  }

  private static boolean isDefaultHead(CatalogModel full, BundleModel b) {
    return full.pkg(b.packageName()).flatMap(PackageModel::defaultChannel).flatMap(c -> c.graph().head())
        .map(h -> h.equals(b.name())).orElse(false);
  }

  /**
   * Keeps each needed bundle's channel from that bundle up (by version); a channel other than the default one
   * becomes the package's default channel in the filtered catalog (where the package was kept already, merging
   * keeps its own default).
   */
  private static FilterConfiguration filterFor(java.util.Collection<Need> needs) {
    Map<String, Map<String, String>> ranges = new LinkedHashMap<>(); // package -> channel -> lowest version kept
    Map<String, String> override = new LinkedHashMap<>();
    Map<String, Boolean> keepsDefault = new LinkedHashMap<>();
    for (Need n : needs) {
      String pkg = n.bundle().packageName();
      String from = n.bundle().version().map(Version::toString).orElse("");
      ranges.computeIfAbsent(pkg, k -> new LinkedHashMap<>()).merge(n.channel().name(), from,
          (a, b) -> lower(a, b));
      override.putIfAbsent(pkg, n.channel().name());
      keepsDefault.merge(pkg, n.defaultChannel(), Boolean::logicalOr);
    }
    List<FilterConfiguration.PackageFilter> pkgs = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : ranges.entrySet()) {
      List<FilterConfiguration.ChannelFilter> channels = new ArrayList<>();
      e.getValue().forEach((ch, v) -> channels.add(new FilterConfiguration.ChannelFilter(ch,
          v.isEmpty() ? "" : ">=" + v)));
      pkgs.add(new FilterConfiguration.PackageFilter(e.getKey(),
          keepsDefault.get(e.getKey()) ? "" : override.get(e.getKey()), "", channels));
    }
    return new FilterConfiguration(pkgs);
  }

  /** The lower of two versions ({@code ""}, no version, is lowest: the whole channel). */
  private static String lower(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return "";
    }
    return Version.parse(a).compareTo(Version.parse(b)) <= 0 ? a : b;
  }
}
