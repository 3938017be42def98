package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.model.Blob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.ops.CatalogFilter.ChannelReport.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code fbc prune} keeps of a catalog, decided before any channel is cut, as oc-mirror v2 decides it: the
 * packages and channels the filter lists (all of them when it lists none), each channel with what it keeps, and
 * each kept package with its default channel (the filter's override, or the old one, which must survive).
 *
 * <pre>{@code
 * PrunePlan plan = PrunePlan.of(catalog, filter, FilterMode.HEADS_ONLY);
 * plan.channels().forEach(c -> System.out.println(c.channel().name() + " " + c.kind()));
 * }</pre>
 *
 * @param packageNames the packages the filter lists; empty when it keeps every package
 * @param packages the kept package blobs, in catalog order, each with the default channel it will have
 * @param channels the kept channels, in catalog order
 */
public record PrunePlan(Set<String> packageNames, List<PackageBlob> packages, List<ChannelPlan> channels) {
  public PrunePlan {
    packageNames = Set.copyOf(packageNames);
    packages = List.copyOf(packages);
    channels = List.copyOf(channels);
  }

  /**
   * One kept channel.
   *
   * @param kind what it keeps
   * @param range the version range (not yet parsed: oc-mirror reports a bad one only when it reaches the channel),
   *     {@code ""} unless {@code kind} is {@link Kind#RANGE}
   * @param wasDefault whether it is its package's default channel in the input (such a channel may not be emptied)
   */
  public record ChannelPlan(ChannelBlob channel, Kind kind, String range, boolean wasDefault) {}

  /** Whether blobs of package {@code name} are kept. */
  public boolean keepsPackage(String name) {
    return packageNames.isEmpty() || packageNames.contains(name);
  }

  /**
   * The plan for {@code in}.
   *
   * @throws FbcException for a default channel that is filtered out or an override naming no kept channel (in
   *     package order), then for a range combined with {@link FilterMode#FULL}
   */
  public static PrunePlan of(Catalog in, FilterConfiguration cfg, FilterMode mode) {
    Map<String, FilterConfiguration.PackageFilter> pkgConfigs = new LinkedHashMap<>();
    Map<String, Map<String, FilterConfiguration.ChannelFilter>> chConfigs = new HashMap<>();
    for (FilterConfiguration.PackageFilter p : cfg.packages()) {
      pkgConfigs.put(p.name(), p);
      Map<String, FilterConfiguration.ChannelFilter> chs = chConfigs.computeIfAbsent(p.name(), k -> new HashMap<>());
      for (FilterConfiguration.ChannelFilter c : p.channels()) {
        chs.put(c.name(), c);
      }
    }
    boolean select = !pkgConfigs.isEmpty();
    List<PackageBlob> packages = new ArrayList<>();
    List<ChannelBlob> channels = new ArrayList<>();
    for (Blob b : in.blobs()) {
      String pkg = b.packageName();
      if (select && !chConfigs.containsKey(pkg)) {
        continue;
      }
      if (b instanceof PackageBlob p) {
        packages.add(p);
      } else if (b instanceof ChannelBlob c) {
        Map<String, FilterConfiguration.ChannelFilter> chs = select ? chConfigs.get(pkg) : Map.of();
        if (chs.isEmpty() || chs.containsKey(c.name())) {
          channels.add(c);
        }
      }
    }
    Map<String, Set<String>> channelNames = new HashMap<>();
    for (ChannelBlob c : channels) {
      channelNames.computeIfAbsent(c.packageName(), k -> new HashSet<>()).add(c.name());
    }
    Map<String, String> oldDefaults = new HashMap<>();
    List<PackageBlob> outPackages = new ArrayList<>();
    for (PackageBlob p : packages) {
      oldDefaults.put(p.name(), p.defaultChannel());
      FilterConfiguration.PackageFilter pc = pkgConfigs.get(p.name());
      String chosen = pc == null ? p.defaultChannel() : defaultChannel(p, pc, channelNames.getOrDefault(p.name(), Set.of()));
      outPackages.add(chosen.equals(p.defaultChannel()) ? p : p.withDefaultChannel(chosen));
    }
    boolean full = mode == FilterMode.FULL;
    List<ChannelPlan> plans = new ArrayList<>();
    for (ChannelBlob ch : channels) {
      String pkg = ch.packageName();
      FilterConfiguration.ChannelFilter cc = chConfigs.getOrDefault(pkg, Map.of()).get(ch.name());
      String range = cc == null ? "" : cc.versionRange();
      FilterConfiguration.PackageFilter pc = pkgConfigs.get(pkg);
      if (range.isEmpty() && pc != null && !pc.versionRange().isEmpty()) {
        range = pc.versionRange();
      }
      if (full && !range.isEmpty()) {
        throw new FbcException("Full: true cannot be mixed with versionRange");
      }
      Kind kind = full ? Kind.FULL : range.isEmpty() ? Kind.HEAD : Kind.RANGE;
      plans.add(new ChannelPlan(ch, kind, range, ch.name().equals(oldDefaults.get(pkg))));
    }
    return new PrunePlan(pkgConfigs.keySet(), outPackages, plans);
  }

  /** The default channel a listed package will have, or oc-mirror's error when it has none left. */
  private static String defaultChannel(PackageBlob p, FilterConfiguration.PackageFilter pc, Set<String> kept) {
    if (p.defaultChannel().isEmpty() && pc.defaultChannel().isEmpty()) {
      return p.defaultChannel();
    }
    if (!pc.defaultChannel().isEmpty()) {
      if (!kept.contains(pc.defaultChannel())) {
        throw new FbcException("invalid default channel configuration for package \"" + p.name()
            + "\": specified default channel override \"" + pc.defaultChannel()
            + "\" does not exist in the filtered output");
      }
      return pc.defaultChannel();
    }
    if (!kept.contains(p.defaultChannel())) {
      throw new FbcException("invalid default channel configuration for package \"" + p.name()
          + "\": the default channel \"" + p.defaultChannel()
          + "\" was filtered out, a new default channel must be configured for this package");
    }
    return p.defaultChannel();
  }
}
