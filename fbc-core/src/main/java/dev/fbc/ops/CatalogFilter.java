package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.internal.json.GoFields;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.json.RawJsonReader;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.Property;
import dev.fbc.model.UnknownBlob;
import dev.fbc.semver.Constraint;
import dev.fbc.semver.Version;
import java.nio.charset.StandardCharsets;
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
 * are kept, with a warning); default channels checked; deprecations pruned with their bundles. What is kept is
 * decided first ({@link PrunePlan}), then each channel is cut on its own ({@link ChannelPruner}, which follows
 * {@link dev.fbc.graph.ChainRule#OC_MIRROR}).
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
    Set<String> names = new TreeSet<>();
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

  /**
   * Prunes {@code in}: decides the {@link PrunePlan}, cuts each kept channel with {@link ChannelPruner}, and keeps
   * the bundles (and deprecation entries) the cuts keep.
   *
   * @throws FbcException in oc-mirror's words: a bundle without a readable version, then the plan's errors, then
   *     the first channel that cannot be cut
   */
  public static Result filter(Catalog in, FilterConfiguration cfg, FilterMode mode) {
    // oc-mirror reads every kept bundle's version before it looks at a channel, so a bad one is the first error
    Map<String, Map<String, BundleBlob>> bundlesByName = new HashMap<>();
    Map<String, Map<String, Version>> versions = new HashMap<>();
    Set<String> listed = new HashSet<>();
    cfg.packages().forEach(p -> listed.add(p.name()));
    for (Blob b : in.blobs()) {
      if (b instanceof BundleBlob bb && (listed.isEmpty() || listed.contains(bb.packageName()))) {
        Version v = bundleVersion(bb);
        bundlesByName.computeIfAbsent(bb.packageName(), k -> new HashMap<>()).putIfAbsent(bb.name(), bb);
        versions.computeIfAbsent(bb.packageName(), k -> new HashMap<>()).put(bb.name(), v);
      }
    }
    PrunePlan plan = PrunePlan.of(in, cfg, mode);

    List<String> warnings = new ArrayList<>();
    List<ChannelReport> reports = new ArrayList<>();
    Map<String, Set<String>> keepBundles = new LinkedHashMap<>();
    List<ChannelBlob> outChannels = new ArrayList<>();
    Map<String, Set<String>> channelNames = new HashMap<>();
    for (PrunePlan.ChannelPlan cp : plan.channels()) {
      String pkg = cp.channel().packageName();
      channelNames.computeIfAbsent(pkg, k -> new HashSet<>()).add(cp.channel().name());
      Map<String, Version> pkgVersions = versions.getOrDefault(pkg, Map.of());
      ChannelPruner.Cut cut = ChannelPruner.prune(cp, pkgVersions::get);
      warnings.addAll(cut.warnings());
      reports.add(cut.report());
      keepBundles.computeIfAbsent(pkg, k -> new LinkedHashSet<>()).addAll(cut.keptBundles());
      cut.channel().ifPresent(outChannels::add);
    }

    List<BundleBlob> outBundles = new ArrayList<>();
    List<DeprecationsBlob> outDeprecations = new ArrayList<>();
    List<UnknownBlob> others = new ArrayList<>();
    for (Blob b : in.blobs()) {
      String pkg = b.packageName();
      if (b instanceof BundleBlob bb && plan.keepsPackage(pkg) && keepBundles.isEmpty()) {
        outBundles.add(bb);
      } else if (b instanceof DeprecationsBlob d && plan.keepsPackage(pkg)) {
        outDeprecations.add(keepBundles.isEmpty() ? d : prunedDeprecations(d, keepBundles, channelNames));
      } else if (b instanceof UnknownBlob u && (pkg.isEmpty() || plan.keepsPackage(pkg))) {
        others.add(u);
      }
    }
    if (!keepBundles.isEmpty()) {
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
    }
    List<Blob> out = new ArrayList<>();
    out.addAll(plan.packages());
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

  /** {@code d} without the entries of bundles and channels the prune dropped. */
  private static DeprecationsBlob prunedDeprecations(DeprecationsBlob d, Map<String, Set<String>> keepBundles,
      Map<String, Set<String>> channelNames) {
    if (!d.entriesPresent()) {
      return d;
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
    return d.withEntries(entries);
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
      JsonValue.TreeBuilder tree = new JsonValue.TreeBuilder();
      RawJsonReader.emit(RawAccess.json(p.value()), tree, false);
      String version = "";
      if (tree.result() instanceof JsonValue.Obj o) {
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
          if (e.getKey().equalsIgnoreCase("version") && !(e.getValue() instanceof JsonValue.Str)
              && !(e.getValue() instanceof JsonValue.Null)) {
            throw new FbcException("json: cannot unmarshal " + e.getValue().kind().replaceFirst("^an? ", "")
                + " into Go struct field Package.version of type string");
          }
        }
        version = GoFields.string(o, "version");
      }
      try {
        return Constraint.strictVersion(version);
      } catch (Constraint.ParseException e) {
        throw new FbcException(e.getMessage());
      }
    }
    throw new FbcException("bundle \"" + b.name() + "\" in package \"" + b.packageName() + "\" has no package property");
  }
}
