package dev.fbc.graph.render;

import dev.fbc.base.FbcException;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semver.Range;
import dev.fbc.semver.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The upgrade graphs of a catalog as mermaid text, byte for byte what {@code opm alpha render-graph} (v1.54)
 * prints: packages sorted, channels sorted by name, entries in channel order, one edge line per replaces, skip and
 * skipRange-included entry; deprecated bundles get {@code :::deprecated}, deprecated channels and the package a
 * {@code style} line.
 *
 * <p>It reads the blobs rather than the semantic model on purpose: opm reads versions from every bundle (also
 * those of undeclared packages) and matches deprecations by name alone, and byte identity needs the same.
 *
 * <pre>{@code
 * MermaidRenderer.Result r = MermaidRenderer.render(catalog, MermaidRenderer.Options.all());
 * r.text();       // "graph LR\n  classDef deprecated fill:#E8960F\n ..."
 * r.warnings();   // ["ignoring invalid SkipRange for package/edge ..."]
 * }</pre>
 */
public final class MermaidRenderer {
  private MermaidRenderer() {}

  /**
   * @param packageName only this package ("" for all)
   * @param minimumEdge only the package of this bundle, without edges from versions below it ("" for none)
   */
  public record Options(String packageName, String minimumEdge) {
    public static Options all() {
      return new Options("", "");
    }
  }

  /** The mermaid text and the warnings opm prints to stderr (without the "warning: " prefix). */
  public record Result(String text, List<String> warnings) {
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  private static final Version ZERO = Version.parse("0.0.0");

  /** @throws FbcException with opm's message for a bundle without one valid version or an unknown minimum edge */
  public static Result render(Catalog catalog, Options options) {
    Map<String, Version> versions = versions(catalog);
    Version floor = ZERO;
    if (!options.minimumEdge().isEmpty()) {
      floor = versions.get(options.minimumEdge());
      if (floor == null) {
        throw new FbcException("unknown minimum edge name: " + goQuote(options.minimumEdge()));
      }
    }
    String minEdgePackage = "";
    if (!options.minimumEdge().isEmpty()) {
      outer:
      for (ChannelBlob c : catalog.channels()) {
        for (ChannelEntry e : c.entries()) {
          if (e.name().equals(options.minimumEdge())) {
            minEdgePackage = c.packageName();
            break outer;
          }
        }
      }
    }
    Set<String> depPackages = new HashSet<>();
    Set<String> depChannels = new HashSet<>();
    Set<String> depBundles = new HashSet<>();
    for (DeprecationsBlob d : catalog.deprecations()) {
      for (DeprecationEntry e : d.entries()) {
        switch (e.reference().schema()) {
          case "olm.package" -> depPackages.add(d.packageName());
          case "olm.channel" -> depChannels.add(e.reference().name());
          case "olm.bundle" -> depBundles.add(e.reference().name());
          default -> { }
        }
      }
    }
    List<ChannelBlob> channels = new ArrayList<>(catalog.channels());
    channels.sort(Comparator.comparing(ChannelBlob::name));
    Map<String, StringBuilder> packages = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    String deprecatedPackage = "";
    List<String> deprecatedChannels = new ArrayList<>();
    for (ChannelBlob c : channels) {
      List<ChannelEntry> entries = filter(c, versions, floor, minEdgePackage, options);
      if (entries.isEmpty()) {
        continue;
      }
      StringBuilder sb = packages.computeIfAbsent(c.packageName(), k -> new StringBuilder());
      String channelId = c.packageName() + "-" + c.name();
      sb.append("    %% channel ").append(goQuote(c.name())).append('\n');
      sb.append("    subgraph ").append(channelId).append('[').append(goQuote(c.name())).append("]\n");
      if (depPackages.contains(c.packageName())) {
        deprecatedPackage = c.packageName();
      }
      if (depChannels.contains(c.name())) {
        deprecatedChannels.add(channelId);
      }
      for (ChannelEntry ce : entries) {
        if (versionOf(versions, ce.name()).compareTo(floor) < 0) {
          continue;
        }
        String entryId = channelId + "-" + ce.name();
        String target = entryId + "[" + goQuote(ce.name()) + "]";
        sb.append("      ").append(target).append(depBundles.contains(ce.name()) ? ":::deprecated" : "").append('\n');
        if (!ce.replaces().isEmpty()) {
          edge(sb, channelId, ce.replaces(), "replace", target);
        }
        for (String s : ce.skips()) {
          edge(sb, channelId, s, "skip", target);
        }
        if (!ce.skipRange().isEmpty()) {
          try {
            Range range = Range.parse(ce.skipRange());
            for (ChannelEntry other : entries) {
              if (range.test(versionOf(versions, other.name()))) {
                edge(sb, channelId, other.name(), "\"skipRange(" + ce.skipRange() + ")\"", target);
              }
            }
          } catch (Range.ParseException e) {
            warnings.add("ignoring invalid SkipRange for package/edge " + goQuote(c.packageName()) + "/"
                + goQuote(ce.name()) + ": " + e.getMessage());
          }
        }
      }
      sb.append("    end\n");
    }
    StringBuilder out = new StringBuilder("graph LR\n  classDef deprecated fill:#E8960F\n");
    packages.forEach((name, body) -> out.append("  %% package ").append(goQuote(name)).append('\n')
        .append("  subgraph ").append(goQuote(name)).append('\n').append(body).append("  end\n"));
    if (!deprecatedPackage.isEmpty()) {
      out.append("style ").append(deprecatedPackage).append(" fill:#989695\n");
    }
    for (String id : deprecatedChannels) {
      out.append("style ").append(id).append(" fill:#DCD0FF\n");
    }
    return new Result(out.toString(), warnings);
  }

  private static void edge(StringBuilder sb, String channelId, String from, String label, String target) {
    sb.append("      ").append(channelId).append('-').append(from).append('[').append(goQuote(from)).append("]-- ")
        .append(label).append(" --> ").append(target).append('\n');
  }

  /** opm's version map: the first bundle of each name, every bundle needing exactly one valid version. */
  static Map<String, Version> versions(Catalog catalog) {
    Map<String, Version> out = new HashMap<>();
    for (BundleBlob b : catalog.bundles()) {
      if (out.containsKey(b.name())) {
        continue;
      }
      BundleModel m = BundleModel.of(b);
      if (m.properties().packages().size() != 1) {
        throw new FbcException("bundle " + goQuote(b.name())
            + " has multiple \"olm.package\" properties, expected exactly 1");
      }
      String text = m.versionText();
      try {
        out.put(b.name(), Version.parse(text));
      } catch (Version.ParseException e) {
        throw new FbcException("bundle " + goQuote(b.name()) + " has invalid version " + goQuote(text) + ": "
            + e.getMessage());
      }
    }
    return out;
  }

  /** A name opm has no bundle for counts as version 0.0.0 (Go's zero value). */
  private static Version versionOf(Map<String, Version> versions, String name) {
    return versions.getOrDefault(name, ZERO);
  }

  /** The entries opm draws for a channel under the package and minimum-edge filters (empty: channel left out). */
  private static List<ChannelEntry> filter(ChannelBlob c, Map<String, Version> versions, Version floor,
      String minEdgePackage, Options o) {
    List<ChannelEntry> entries = c.entries();
    if (o.minimumEdge().isEmpty() && o.packageName().isEmpty()) {
      return entries;
    }
    if (!o.packageName().isEmpty() && !c.packageName().equals(o.packageName())) {
      return List.of();
    }
    if (!minEdgePackage.isEmpty() && !c.packageName().equals(minEdgePackage)) {
      return List.of();
    }
    List<ChannelEntry> out = new ArrayList<>();
    for (ChannelEntry ce : entries) {
      boolean hadEdges = !ce.replaces().isEmpty() || !ce.skips().isEmpty() || !ce.skipRange().isEmpty();
      if (o.minimumEdge().isEmpty()) {
        out.add(ChannelEntry.of(ce.name()).withReplaces(ce.replaces()).withSkips(ce.skips())
            .withSkipRange(ce.skipRange()));
        continue;
      }
      if (ce.name().equals(o.minimumEdge())) {
        // the floor itself: edges only point backwards, and nothing below the floor is drawn
        out.add(ChannelEntry.of(ce.name()));
        continue;
      }
      ChannelEntry f = ChannelEntry.of(ce.name());
      if (!ce.replaces().isEmpty() && versionOf(versions, ce.replaces()).compareTo(floor) >= 0) {
        f = f.withReplaces(ce.replaces());
      }
      List<String> skips = ce.skips().stream().filter(s -> versionOf(versions, s).compareTo(floor) >= 0).toList();
      if (!skips.isEmpty()) {
        f = f.withSkips(skips);
      }
      if (!ce.skipRange().isEmpty()) {
        try {
          if (Range.parse(ce.skipRange()).test(floor)) {
            f = f.withSkipRange(ce.skipRange());
          }
        } catch (Range.ParseException e) {
          // opm does not filter on a range it cannot parse
        }
      }
      boolean keeps = !f.replaces().isEmpty() || !f.skips().isEmpty() || !f.skipRange().isEmpty();
      if (keeps || (!hadEdges && versionOf(versions, ce.name()).compareTo(floor) >= 0)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Go's {@code %q} for the plain names catalogs use: quotes and backslashes escaped, controls as escapes. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (ch < 0x20 || ch == 0x7f) {
            sb.append(String.format("\\x%02x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
