package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import dev.fbc.model.UnknownBlob;
import dev.fbc.semver.Constraint;
import dev.fbc.semver.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts a catalog down to what a disconnected cluster mirrors, with the exact semantics of oc-mirror v2's catalog
 * filter: only the listed packages and channels; in each channel the head, everything ({@link FilterMode#FULL}), or one
 * connected piece of the replaces chain covering a version range (out-of-range bundles needed to stay connected
 * are kept, with a warning); default channels checked; deprecations pruned with their bundles.
 *
 * <pre>{@code
 * CatalogFilter.Result r = CatalogFilter.filter(catalog, FilterConfiguration.load(Path.of("filter.yaml")),
 *     FilterMode.HEADS_ONLY);
 * r.warnings().forEach(System.err::println);
 * }</pre>
 *
 * <p>Stateless and thread-safe; the results are immutable.
 */
public final class CatalogFilter {
  private CatalogFilter() {}

  /**
   * The pruned catalog, the warnings about bundles kept outside a range, a report per kept or dropped channel, and
   * the bundles kept with no channel entry (oc-mirror keeps in-range bundles a kept entry skips, even when they
   * are entries of other channels only; such a catalog does not pass validation).
   */
  public record Result(Catalog catalog, List<String> warnings, List<ChannelReport> reports, List<String> orphans) {
    /** The same result without the orphaned bundles (and their deprecation entries). */
    public Result withoutOrphans() {
      if (orphans.isEmpty()) {
        return this;
      }
      Set<String> drop = new HashSet<>(orphans);
      List<Blob> out = new ArrayList<>();
      for (Blob b : catalog.blobs()) {
        if (b instanceof BundleBlob bb && drop.contains(bb.packageName() + "/" + bb.name())) {
          continue;
        }
        if (b instanceof DeprecationsBlob d && d.entriesPresent()) {
          List<DeprecationEntry> entries = new ArrayList<>();
          for (DeprecationEntry e : d.entries()) {
            if (!(Blob.SCHEMA_BUNDLE.equals(e.reference().schema())
                && drop.contains(d.packageName() + "/" + e.reference().name()))) {
              entries.add(e);
            }
          }
          out.add(d.withEntries(entries));
          continue;
        }
        out.add(b);
      }
      return new Result(new Catalog(out), warnings, reports, List.of());
    }
  }

  /**
   * What happened to one channel.
   *
   * @param kind what was kept: the head, everything, or a version range
   * @param range the range, {@code ""} unless {@code kind} is {@link Kind#RANGE}
   * @param keptOutsideRange entries kept only to keep the chain connected
   */
  public record ChannelReport(String packageName, String channel, Kind kind, String range, String originalHead,
      String newHead, int entriesBefore, int entriesAfter, List<String> keptOutsideRange) {
    /** What a channel kept. */
    public enum Kind { HEAD, FULL, RANGE }

    public ChannelReport {
      keptOutsideRange = List.copyOf(keptOutsideRange);
    }
  }

  /** A package the filter names that the catalog does not have, and the name it was probably meant to be. */
  public record UnknownPackage(String name, Optional<String> didYouMean) {}

  /**
   * The packages {@code cfg} names that {@code in} lacks. oc-mirror ignores them silently (and so does
   * {@link #filter}); a caller can say so.
   */
  public static List<UnknownPackage> unknownPackages(Catalog in, FilterConfiguration cfg) {
    Set<String> names = new java.util.TreeSet<>();
    in.packages().forEach(p -> names.add(p.name()));
    dev.fbc.text.Similar similar = new dev.fbc.text.Similar(dev.fbc.text.Similar.DEFAULT_BUDGET);
    List<UnknownPackage> out = new ArrayList<>();
    for (FilterConfiguration.PackageFilter p : cfg.packages()) {
      if (!names.contains(p.name())) {
        out.add(new UnknownPackage(p.name(), similar.closest(p.name(), names)));
      }
    }
    return out;
  }

  public static Result filter(Catalog in, FilterConfiguration cfg, FilterMode mode) {
    boolean full = mode == FilterMode.FULL;
    Map<String, FilterConfiguration.PackageFilter> pkgConfigs = new LinkedHashMap<>();
    Map<String, Map<String, FilterConfiguration.ChannelFilter>> chConfigs = new HashMap<>();
    for (FilterConfiguration.PackageFilter p : cfg.packages()) {
      pkgConfigs.put(p.name(), p);
      Map<String, FilterConfiguration.ChannelFilter> chs = chConfigs.computeIfAbsent(p.name(), k -> new HashMap<>());
      for (FilterConfiguration.ChannelFilter c : p.channels()) {
        chs.put(c.name(), c);
      }
    }
    List<PackageBlob> packages = new ArrayList<>();
    List<ChannelBlob> channels = new ArrayList<>();
    List<BundleBlob> bundles = new ArrayList<>();
    List<DeprecationsBlob> deprecations = new ArrayList<>();
    List<UnknownBlob> others = new ArrayList<>();
    boolean select = !pkgConfigs.isEmpty();
    for (Blob b : in.blobs()) {
      String pkg = b.packageName();
      boolean keepPkg = !select || chConfigs.containsKey(pkg);
      if (b instanceof PackageBlob p && keepPkg) {
        packages.add(p);
      } else if (b instanceof ChannelBlob c && keepPkg) {
        Map<String, FilterConfiguration.ChannelFilter> chs = select ? chConfigs.get(pkg) : Map.of();
        if (chs.isEmpty() || chs.containsKey(c.name())) {
          channels.add(c);
        }
      } else if (b instanceof BundleBlob bb && keepPkg) {
        bundles.add(bb);
      } else if (b instanceof DeprecationsBlob d && keepPkg) {
        deprecations.add(d);
      } else if (b instanceof UnknownBlob u && (!select || pkg.isEmpty() || chConfigs.containsKey(pkg))) {
        others.add(u);
      }
    }

    // the index of what was selected
    Map<String, PackageBlob> pkgIndex = new HashMap<>();
    for (PackageBlob p : packages) {
      pkgIndex.put(p.name(), p);
    }
    Map<String, Set<String>> channelNames = new HashMap<>();
    for (ChannelBlob c : channels) {
      channelNames.computeIfAbsent(c.packageName(), k -> new HashSet<>()).add(c.name());
    }
    Map<String, Map<String, BundleBlob>> bundlesByName = new HashMap<>();
    Map<String, Map<String, Version>> versions = new HashMap<>();
    for (BundleBlob b : bundles) {
      Version v = bundleVersion(b);
      bundlesByName.computeIfAbsent(b.packageName(), k -> new HashMap<>()).putIfAbsent(b.name(), b);
      versions.computeIfAbsent(b.packageName(), k -> new HashMap<>()).put(b.name(), v);
    }

    // default channels of the listed packages
    List<PackageBlob> outPackages = new ArrayList<>();
    for (PackageBlob p : packages) {
      FilterConfiguration.PackageFilter pc = pkgConfigs.get(p.name());
      if (pc == null) {
        outPackages.add(p);
        continue;
      }
      Set<String> names = channelNames.getOrDefault(p.name(), Set.of());
      String chosen = p.defaultChannel();
      if (!(p.defaultChannel().isEmpty() && pc.defaultChannel().isEmpty())) {
        if (!pc.defaultChannel().isEmpty()) {
          if (!names.contains(pc.defaultChannel())) {
            throw new FbcException("invalid default channel configuration for package \"" + p.name()
                + "\": specified default channel override \"" + pc.defaultChannel()
                + "\" does not exist in the filtered output");
          }
          chosen = pc.defaultChannel();
        } else if (!names.contains(p.defaultChannel())) {
          throw new FbcException("invalid default channel configuration for package \"" + p.name()
              + "\": the default channel \"" + p.defaultChannel()
              + "\" was filtered out, a new default channel must be configured for this package");
        }
      }
      outPackages.add(chosen.equals(p.defaultChannel()) ? p : p.withDefaultChannel(chosen));
    }

    List<String> warnings = new ArrayList<>();
    List<ChannelReport> reports = new ArrayList<>();
    Map<String, Set<String>> keepBundles = new LinkedHashMap<>();
    List<ChannelBlob> outChannels = new ArrayList<>();
    for (ChannelBlob ch : channels) {
      String pkg = ch.packageName();
      FilterConfiguration.ChannelFilter cc = chConfigs.getOrDefault(pkg, Map.of()).get(ch.name());
      String range = cc == null ? "" : cc.versionRange();
      FilterConfiguration.PackageFilter pc = pkgConfigs.get(pkg);
      if (range.isEmpty() && pc != null && !pc.versionRange().isEmpty()) {
        range = pc.versionRange();
      }
      Set<String> keep = keepBundles.computeIfAbsent(pkg, k -> new LinkedHashSet<>());
      if (full && !range.isEmpty()) {
        throw new FbcException("Full: true cannot be mixed with versionRange");
      }
      if (full) {
        for (ChannelEntry e : ch.entries()) {
          keep.add(e.name());
        }
        outChannels.add(ch);
        String h = headOrEmpty(ch);
        reports.add(new ChannelReport(pkg, ch.name(), ChannelReport.Kind.FULL, "", h, h, ch.entries().size(),
            ch.entries().size(), List.of()));
      } else if (!range.isEmpty()) {
        Constraint constraint;
        try {
          constraint = Constraint.parse(range);
        } catch (Constraint.ParseException e) {
          throw new FbcException("error parsing version range: " + e.getMessage());
        }
        Graph g = Graph.of(ch);
        int warned = warnings.size();
        Set<String> kept = g.filterByRange(constraint, versions.getOrDefault(pkg, Map.of()), warnings);
        List<String> outside = new ArrayList<>();
        for (String w : warnings.subList(warned, warnings.size())) {
          outside.add(w.substring("including bundle \"".length(), w.indexOf('"', "including bundle \"".length())));
        }
        // one walk of the chain: walking it again for every kept entry was quadratic when it found nothing
        String newHead = ch.entries().stream().anyMatch(e -> kept.contains(e.name()))
            ? g.chainHeadWithin(kept) : "";
        int after = (int) ch.entries().stream().filter(e -> kept.contains(e.name())).count();
        reports.add(new ChannelReport(pkg, ch.name(), ChannelReport.Kind.RANGE, range, g.head, newHead,
            ch.entries().size(), after, outside));
        PackageBlob p = pkgIndex.get(pkg);
        if (kept.isEmpty()) {
          if (p != null && ch.name().equals(p.defaultChannel())) {
            throw new FbcException("package \"" + pkg + "\" channel \"" + ch.name() + "\" has version range \""
                + range + "\" that results in an empty channel");
          }
          keep.addAll(kept);
          continue;
        }
        List<ChannelEntry> entries = new ArrayList<>();
        for (ChannelEntry e : ch.entries()) {
          if (kept.contains(e.name())) {
            entries.add(e);
          }
        }
        keep.addAll(kept);
        outChannels.add(ch.withEntries(entries));
      } else {
        Graph g;
        try {
          g = Graph.of(ch);
        } catch (FbcException e) {
          throw new FbcException("package \"" + pkg + "\" channel \"" + ch.name()
              + "\" unable to filter head of channel: " + e.getMessage());
        }
        ChannelEntry head = null;
        for (ChannelEntry e : ch.entries()) {
          if (e.name().equals(g.head)) {
            head = e;
          }
        }
        keep.add(g.head);
        outChannels.add(ch.withEntries(List.of(head)));
        reports.add(new ChannelReport(pkg, ch.name(), ChannelReport.Kind.HEAD, "", g.head, g.head, ch.entries().size(), 1,
            List.of()));
      }
    }

    List<BundleBlob> outBundles = bundles;
    List<DeprecationsBlob> outDeprecations = deprecations;
    if (!keepBundles.isEmpty()) {
      outBundles = new ArrayList<>();
      for (Map.Entry<String, Set<String>> e : keepBundles.entrySet()) {
        for (String name : e.getValue()) {
          BundleBlob b = bundlesByName.getOrDefault(e.getKey(), Map.of()).get(name);
          if (b != null) {
            outBundles.add(b);
          }
        }
      }
      outBundles.sort((a, b) -> {
        int c = compareUtf8(a.packageName(), b.packageName());
        return c != 0 ? c : compareUtf8(a.name(), b.name());
      });
      outDeprecations = new ArrayList<>();
      for (DeprecationsBlob d : deprecations) {
        if (!d.entriesPresent()) {
          outDeprecations.add(d);
          continue;
        }
        List<DeprecationEntry> entries = new ArrayList<>();
        for (DeprecationEntry e : d.entries()) {
          String schema = e.reference().schema();
          boolean drop = false;
          if (Blob.SCHEMA_BUNDLE.equals(schema)) {
            Set<String> kept = keepBundles.get(d.packageName());
            drop = kept != null && !kept.contains(e.reference().name());
          } else if (Blob.SCHEMA_CHANNEL.equals(schema)) {
            Set<String> names = channelNames.get(d.packageName());
            drop = names != null && !names.contains(e.reference().name());
          }
          if (!drop) {
            entries.add(e);
          }
        }
        outDeprecations.add(d.withEntries(entries));
      }
    }
    List<Blob> out = new ArrayList<>();
    out.addAll(outPackages);
    out.addAll(outChannels);
    out.addAll(outBundles);
    out.addAll(others);
    out.addAll(outDeprecations);
    Set<String> entryKeys = new HashSet<>();
    for (ChannelBlob c : outChannels) {
      for (ChannelEntry e : c.entries()) {
        entryKeys.add(c.packageName() + "/" + e.name());
      }
    }
    List<String> orphans = new ArrayList<>();
    for (BundleBlob b : outBundles) {
      if (!entryKeys.contains(b.packageName() + "/" + b.name())) {
        orphans.add(b.packageName() + "/" + b.name());
      }
    }
    return new Result(new Catalog(out), warnings, reports, orphans);
  }

  private static String headOrEmpty(ChannelBlob ch) {
    try {
      return Graph.of(ch).head;
    } catch (FbcException e) {
      return "";
    }
  }

  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The version of the first olm.package property, strict semver; null-safe errors as the filter reports them. */
  private static Version bundleVersion(BundleBlob b) {
    for (Property p : b.properties()) {
      if (!Property.PACKAGE.equals(p.type())) {
        continue;
      }
      dev.fbc.internal.json.JsonValue v = dev.fbc.validate.PropertyAccess.tree(p.value());
      String version = "";
      if (v instanceof dev.fbc.internal.json.JsonValue.Obj o) {
        for (Map.Entry<String, dev.fbc.internal.json.JsonValue> e : o.members().entrySet()) {
          if (e.getKey().equalsIgnoreCase("version")) {
            if (e.getValue() instanceof dev.fbc.internal.json.JsonValue.Str s) {
              version = s.value();
            } else if (!(e.getValue() instanceof dev.fbc.internal.json.JsonValue.Null)) {
              throw new FbcException("json: cannot unmarshal " + e.getValue().kind().replaceFirst("^an? ", "")
                  + " into Go struct field Package.version of type string");
            }
          }
        }
      }
      try {
        return Constraint.strictVersion(version);
      } catch (Constraint.ParseException e) {
        throw new FbcException(e.getMessage());
      }
    }
    throw new FbcException("bundle \"" + b.name() + "\" in package \"" + b.packageName() + "\" has no package property");
  }

  /** A channel's upgrade graph as the filter builds it (replaced and skipped names become nodes too). */
  private static final class Graph {
    private final Map<String, String> replaces = new HashMap<>();
    private final Map<String, List<String>> skips = new HashMap<>();
    private String head;

    static Graph of(ChannelBlob ch) {
      Graph g = new Graph();
      List<ChannelEntry> entries = ch.entries();
      if (entries.isEmpty()) {
        throw new FbcException("channel has no entries");
      }
      List<String> errs = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      Map<String, Set<String>> incoming = new HashMap<>();
      for (ChannelEntry e : entries) {
        if (!seen.add(e.name())) {
          errs.add("duplicate channel entry \"" + e.name() + "\"");
          continue;
        }
        if (!e.replaces().isEmpty()) {
          if (e.name().equals(e.replaces())) {
            errs.add("invalid channel entry \"" + e.name() + "\": replaces itself");
          }
          incoming.computeIfAbsent(e.replaces(), k -> new HashSet<>()).add(e.name());
          g.replaces.put(e.name(), e.replaces());
        }
        Set<String> sk = new LinkedHashSet<>(); // a set: List.contains per skip was quadratic in skips
        for (String s : e.skips()) {
          if (e.name().equals(s)) {
            errs.add("invalid channel entry \"" + e.name() + "\": skips itself");
          }
          incoming.computeIfAbsent(s, k -> new HashSet<>()).add(e.name());
          sk.add(s);
        }
        if (!sk.isEmpty()) {
          g.skips.put(e.name(), List.copyOf(sk));
        }
      }
      Set<String> headSet = new LinkedHashSet<>(); // a set: List.contains per entry was quadratic
      for (ChannelEntry e : entries) {
        if (incoming.getOrDefault(e.name(), Set.of()).isEmpty()) {
          headSet.add(e.name());
        }
      }
      List<String> heads = new ArrayList<>(headSet);
      if (heads.isEmpty()) {
        errs.add("no channel heads found");
      } else if (heads.size() > 1) {
        errs.add("multiple channel heads found: [" + dev.fbc.text.SafeText.names(new TreeSet<>(heads), " ") + "]");
      }
      if (!errs.isEmpty()) {
        throw new FbcException(String.join("\n", errs));
      }
      g.head = heads.get(0);
      // a topological walk from the head that leaves edges behind means a cycle
      ArrayDeque<String> queue = new ArrayDeque<>(List.of(g.head));
      while (!queue.isEmpty()) {
        String cur = queue.poll();
        List<String> targets = new ArrayList<>();
        if (g.replaces.containsKey(cur)) {
          targets.add(g.replaces.get(cur));
        }
        targets.addAll(g.skips.getOrDefault(cur, List.of()));
        for (String t : targets) {
          Set<String> in = incoming.get(t);
          if (in == null) {
            continue;
          }
          in.remove(cur);
          if (in.isEmpty()) {
            incoming.remove(t);
            queue.add(t);
          }
        }
      }
      if (!incoming.isEmpty()) {
        throw new FbcException("detected a cycle in the upgrade graph of the channel");
      }
      return g;
    }

    /** The first node of the replaces chain that is in {@code kept}: the new head. */
    String chainHeadWithin(Set<String> kept) {
      for (String cur = head; cur != null; cur = replaces.get(cur)) {
        if (kept.contains(cur)) {
          return cur;
        }
      }
      return "";
    }

    Set<String> filterByRange(Constraint range, Map<String, Version> versions, List<String> warnings) {
      List<String> chain = new ArrayList<>();
      for (String cur = head; cur != null; cur = replaces.get(cur)) {
        chain.add(cur);
      }
      int[] counts = new int[chain.size()];
      Set<String> seen = new HashSet<>();
      for (int i = chain.size() - 1; i >= 0; i--) {
        String node = chain.get(i);
        int count = i + 1 < chain.size() ? counts[i + 1] : 0;
        Version v = versions.get(node);
        if (!seen.contains(node) && v != null && range.test(v)) {
          seen.add(node);
          count++;
        }
        for (String s : skips.getOrDefault(node, List.of())) {
          Version sv = versions.get(s);
          if (!seen.contains(s) && sv != null && range.test(sv)) {
            seen.add(s);
            count++;
          }
        }
        counts[i] = count;
      }
      int newHead = -1;
      int tail = chain.size();
      int max = -1;
      for (int i = 0; i < chain.size(); i++) {
        if (counts[i] >= max) {
          newHead = i;
          max = counts[i];
        }
        if (counts[i] == 0) {
          tail = i;
          break;
        }
      }
      Set<String> keep = new LinkedHashSet<>();
      for (int i = newHead; i >= 0 && i < tail; i++) {
        String node = chain.get(i);
        Version v = versions.get(node);
        if (v == null) {
          warnings.add("including bundle \"" + node + "\": it is unversioned but is required to ensure inclusion "
              + "of all bundles in the range");
        } else if (!range.test(v)) {
          warnings.add("including bundle \"" + node + "\" with version \"" + v + "\": it falls outside the "
              + "specified range of \"" + range + "\" but is required to ensure inclusion of all bundles in the range");
        }
        keep.add(node);
        for (String s : skips.getOrDefault(node, List.of())) {
          Version sv = versions.get(s);
          if (sv != null && range.test(sv)) {
            keep.add(s);
          }
        }
      }
      return keep;
    }
  }
}
