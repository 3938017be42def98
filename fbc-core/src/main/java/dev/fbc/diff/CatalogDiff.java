package dev.fbc.diff;

import dev.fbc.graph.UpgradeGraph;
import dev.fbc.graph.UpgradeGraph.Edge;
import dev.fbc.graph.UpgradeGraph.EdgeKind;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The semantic difference between two catalogs: what a reviewer of a catalog change wants to see, package by
 * package: packages, channels and bundles added or removed, default channel and head changes, entries whose
 * upgrade fields changed, deprecations, bundles whose image or properties changed, and, as their consequence, the
 * upgrade edges each channel gained or lost.
 *
 * <pre>{@code
 * CatalogDiff.Result d = CatalogDiff.diff(CatalogModel.of(old), CatalogModel.of(now), Optional.empty());
 * d.changes();   // [Change[kind=DEFAULT_CHANNEL_CHANGED, pkg=etcd, ..., before=alpha, after=stable], ...]
 * d.edges();     // [EdgeChange[pkg=etcd, channel=stable, from=..., to=..., via=REPLACES, added=false], ...]
 * }</pre>
 *
 * <p>A removed bundle's channel entries are part of its removal (not reported again as entry changes).
 */
public final class CatalogDiff {
  private CatalogDiff() {}

  /** What changed. */
  public enum Kind {
    PACKAGE_ADDED, PACKAGE_REMOVED, DEFAULT_CHANNEL_CHANGED, CHANNEL_ADDED, CHANNEL_REMOVED, HEAD_CHANGED,
    BUNDLE_ADDED, BUNDLE_REMOVED, ENTRY_ADDED, ENTRY_REMOVED, ENTRY_CHANGED, BUNDLE_IMAGE_CHANGED,
    BUNDLE_PROPERTIES_CHANGED, DEPRECATION_ADDED, DEPRECATION_REMOVED
  }

  /**
   * One change; {@code channel} and {@code bundle} are "" where they do not apply; {@code before}/{@code after}
   * describe the old and new value ("" for none).
   */
  public record Change(Kind kind, String pkg, String channel, String bundle, String before, String after) {}

  /** An upgrade edge ({@code from} can upgrade to {@code to}) gained or lost in a channel. */
  public record EdgeChange(String pkg, String channel, String from, String to, EdgeKind via, boolean added) {}

  public record Result(List<Change> changes, List<EdgeChange> edges) {
    public Result {
      changes = List.copyOf(changes);
      edges = List.copyOf(edges);
    }

    public boolean isEmpty() {
      return changes.isEmpty() && edges.isEmpty();
    }
  }

  /** @param onlyPackage compare only this package */
  public static Result diff(CatalogModel oldModel, CatalogModel newModel, Optional<String> onlyPackage) {
    List<Change> changes = new ArrayList<>();
    List<EdgeChange> edges = new ArrayList<>();
    Set<String> names = new TreeSet<>(oldModel.packages().keySet());
    names.addAll(newModel.packages().keySet());
    for (String name : names) {
      if (onlyPackage.isPresent() && !onlyPackage.get().equals(name)) {
        continue;
      }
      Optional<PackageModel> a = oldModel.pkg(name);
      Optional<PackageModel> b = newModel.pkg(name);
      if (a.isEmpty()) {
        changes.add(new Change(Kind.PACKAGE_ADDED, name, "", "", "", b.get().bundles().size() + " bundles"));
      } else if (b.isEmpty()) {
        changes.add(new Change(Kind.PACKAGE_REMOVED, name, "", "", a.get().bundles().size() + " bundles", ""));
      } else {
        pkg(a.get(), b.get(), changes, edges);
      }
    }
    return new Result(changes, edges);
  }

  private static void pkg(PackageModel a, PackageModel b, List<Change> changes, List<EdgeChange> edges) {
    String p = a.name();
    if (!a.blob().defaultChannel().equals(b.blob().defaultChannel())) {
      changes.add(new Change(Kind.DEFAULT_CHANNEL_CHANGED, p, "", "", a.blob().defaultChannel(),
          b.blob().defaultChannel()));
    }
    Set<String> removedBundles = new TreeSet<>(a.bundles().keySet());
    removedBundles.removeAll(b.bundles().keySet());
    Set<String> addedBundles = new TreeSet<>(b.bundles().keySet());
    addedBundles.removeAll(a.bundles().keySet());
    for (String n : removedBundles) {
      changes.add(new Change(Kind.BUNDLE_REMOVED, p, "", n, channelsOf(a, n), ""));
    }
    for (String n : addedBundles) {
      changes.add(new Change(Kind.BUNDLE_ADDED, p, "", n, "", channelsOf(b, n)));
    }
    for (Map.Entry<String, BundleModel> e : new TreeMap<>(a.bundles()).entrySet()) {
      BundleModel nb = b.bundles().get(e.getKey());
      if (nb == null) {
        continue;
      }
      BundleModel ob = e.getValue();
      if (!ob.image().equals(nb.image())) {
        changes.add(new Change(Kind.BUNDLE_IMAGE_CHANGED, p, "", ob.name(), ob.image(), nb.image()));
      }
      if (!ob.blob().properties().equals(nb.blob().properties()) && !normalized(ob).equals(normalized(nb))) {
        changes.add(new Change(Kind.BUNDLE_PROPERTIES_CHANGED, p, "", ob.name(), ob.blob().properties().size()
            + " properties", nb.blob().properties().size() + " properties"));
      }
    }
    Set<String> channels = new TreeSet<>(a.channels().keySet());
    channels.addAll(b.channels().keySet());
    for (String c : channels) {
      ChannelModel oc = a.channels().get(c);
      ChannelModel nc = b.channels().get(c);
      if (oc == null) {
        changes.add(new Change(Kind.CHANNEL_ADDED, p, c, "", "", nc.entries().size() + " entries"));
      } else if (nc == null) {
        changes.add(new Change(Kind.CHANNEL_REMOVED, p, c, "", oc.entries().size() + " entries", ""));
      } else {
        channel(p, oc, nc, removedBundles, addedBundles, changes);
      }
      Set<Edge> before = oc == null ? Set.of() : edges(oc, a);
      Set<Edge> after = nc == null ? Set.of() : edges(nc, b);
      for (Edge e : before) {
        if (!after.contains(e)) {
          edges.add(new EdgeChange(p, c, e.from(), e.to(), e.kind(), false));
        }
      }
      for (Edge e : after) {
        if (!before.contains(e)) {
          edges.add(new EdgeChange(p, c, e.from(), e.to(), e.kind(), true));
        }
      }
    }
    Set<String> da = deprecations(a);
    Set<String> db = deprecations(b);
    for (String d : da) {
      if (!db.contains(d)) {
        changes.add(new Change(Kind.DEPRECATION_REMOVED, p, "", "", d, ""));
      }
    }
    for (String d : db) {
      if (!da.contains(d)) {
        changes.add(new Change(Kind.DEPRECATION_ADDED, p, "", "", "", d));
      }
    }
  }

  private static void channel(String p, ChannelModel oc, ChannelModel nc, Set<String> removedBundles,
      Set<String> addedBundles, List<Change> changes) {
    String c = oc.name();
    UpgradeGraph og = oc.graph();
    UpgradeGraph ng = nc.graph();
    if (!og.heads().equals(ng.heads())) {
      changes.add(new Change(Kind.HEAD_CHANGED, p, c, "", String.join(", ", og.heads()),
          String.join(", ", ng.heads())));
    }
    for (ChannelEntry e : og.entries().values()) {
      Optional<ChannelEntry> ne = ng.entry(e.name());
      if (ne.isEmpty()) {
        if (!removedBundles.contains(e.name())) {
          changes.add(new Change(Kind.ENTRY_REMOVED, p, c, e.name(), describe(e), ""));
        }
      } else if (!sameEdges(e, ne.get())) {
        changes.add(new Change(Kind.ENTRY_CHANGED, p, c, e.name(), describe(e), describe(ne.get())));
      }
    }
    for (ChannelEntry e : ng.entries().values()) {
      if (og.entry(e.name()).isEmpty() && !addedBundles.contains(e.name())) {
        changes.add(new Change(Kind.ENTRY_ADDED, p, c, e.name(), "", describe(e)));
      }
    }
  }

  private static boolean sameEdges(ChannelEntry a, ChannelEntry b) {
    return a.replaces().equals(b.replaces()) && a.skips().equals(b.skips()) && a.skipRange().equals(b.skipRange());
  }

  /** An entry's upgrade fields as one short text: {@code replaces X; skips [Y]; skipRange R}. */
  static String describe(ChannelEntry e) {
    List<String> parts = new ArrayList<>();
    if (!e.replaces().isEmpty()) {
      parts.add("replaces " + e.replaces());
    }
    if (!e.skips().isEmpty()) {
      parts.add("skips " + e.skips());
    }
    if (!e.skipRange().isEmpty()) {
      parts.add("skipRange " + e.skipRange());
    }
    return parts.isEmpty() ? "(no edges)" : String.join("; ", parts);
  }

  /** Properties compared as values, not as text: the same property written in YAML or JSON is no change. */
  private static List<String> normalized(BundleModel b) {
    return b.blob().properties().stream().map(pr -> pr.type() + "=" + pr.value().normalized()).toList();
  }

  private static String channelsOf(PackageModel p, String bundle) {
    return String.join(", ", p.channelsOf(bundle).stream().map(ChannelModel::name).toList());
  }

  /**
   * The upgrade edges of a channel between its entries. A replaces or skips naming no entry is not an edge of the
   * channel (it shows as the entry's own change).
   */
  private static Set<Edge> edges(ChannelModel c, PackageModel p) {
    Set<Edge> out = new LinkedHashSet<>();
    for (Edge e : c.graph().edges(n -> p.bundle(n).flatMap(BundleModel::version).orElse(null))) {
      if (c.graph().entries().containsKey(e.from())) {
        out.add(e);
      }
    }
    return out;
  }

  private static Set<String> deprecations(PackageModel p) {
    Set<String> out = new TreeSet<>();
    p.deprecations().ifPresent(d -> {
      for (DeprecationEntry e : d.entries()) {
        out.add(e.reference().schema() + (e.reference().name().isEmpty() ? "" : " " + e.reference().name()) + ": "
            + e.message());
      }
    });
    return out;
  }

}
