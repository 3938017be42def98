package dev.fbc.graph.render;

import dev.fbc.graph.UpgradeGraph;
import dev.fbc.graph.UpgradeGraph.Edge;
import dev.fbc.graph.UpgradeGraph.EdgeKind;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.Property;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
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
 * Pictures of a package's upgrade graphs without any external program: Graphviz DOT text, a self-contained SVG
 * (no scripts, no external references) and an HTML page of several SVGs.
 *
 * <p>SVG layout: a layered layout where the layers are the package's versions (newest on top, one row each, the
 * same row in every channel) and the channels are side-by-side lanes; within a lane each row holds one node, so
 * there is nothing to reorder and edges are drawn as arcs nested by their span (short arcs inside long ones).
 * {@code replaces} arcs are solid, {@code skips} dashed, a {@code skipRange} is a shaded band beside the lane over
 * the rows it includes. Heads and deprecated bundles carry classes and a marker; every node has a
 * {@code <title>} tooltip (name, version, image, properties).
 *
 * <pre>{@code
 * String svg = GraphRenderer.svg(model.pkg("etcd").orElseThrow());
 * String dot = GraphRenderer.dot(List.of(model.pkg("etcd").orElseThrow()));
 * }</pre>
 */
public final class GraphRenderer {
  private GraphRenderer() {}

  private static final int ROW = 22;
  private static final int LANE = 330;
  private static final int TOP = 60;
  private static final int LEFT = 20;

  /** Graphviz DOT for the given packages: one cluster per channel, edges styled by kind. */
  public static String dot(List<PackageModel> packages) {
    StringBuilder sb = new StringBuilder("digraph upgrades {\n  rankdir=BT;\n  node [shape=box, fontsize=10];\n");
    for (PackageModel p : packages) {
      Set<String> deprecated = deprecatedBundles(p);
      sb.append("  subgraph ").append(dq("cluster_" + p.name())).append(" {\n    label=").append(dq(p.name()))
          .append(";\n");
      for (ChannelModel c : sortedChannels(p)) {
        String prefix = p.name() + "/" + c.name() + "/";
        sb.append("    subgraph ").append(dq("cluster_" + p.name() + "/" + c.name())).append(" {\n      label=")
            .append(dq(c.name())).append(";\n");
        UpgradeGraph g = c.graph();
        for (String n : ordered(p, g)) {
          sb.append("      ").append(dq(prefix + n)).append(" [label=").append(dq(n));
          List<String> style = new ArrayList<>();
          if (g.heads().contains(n)) {
            style.add("bold");
          }
          if (deprecated.contains(n)) {
            style.add("filled");
            sb.append(", fillcolor=\"#E8960F\"");
          }
          if (!style.isEmpty()) {
            sb.append(", style=").append(dq(String.join(",", style)));
          }
          sb.append(", tooltip=").append(dq(tooltip(p, n, g, deprecated))).append("];\n");
        }
        for (Edge e : g.edges(n -> version(p, n))) {
          sb.append("      ").append(dq(prefix + e.from())).append(" -> ").append(dq(prefix + e.to()))
              .append(switch (e.kind()) {
                case REPLACES -> " [style=solid]";
                case SKIPS -> " [style=dashed]";
                case SKIP_RANGE -> " [style=dotted, color=gray, label=\"skipRange\"]";
              }).append(";\n");
        }
        sb.append("    }\n");
      }
      sb.append("  }\n");
    }
    return sb.append("}\n").toString();
  }

  /** A self-contained SVG of one package's channels. */
  public static String svg(PackageModel p) {
    List<ChannelModel> channels = sortedChannels(p);
    List<String> rows = rows(p);
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      rowOf.put(rows.get(i), i);
    }
    Set<String> deprecated = deprecatedBundles(p);
    int width = LEFT * 2 + Math.max(1, channels.size()) * LANE;
    int height = TOP + rows.size() * ROW + 30;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fbc-graph\" data-package=\"").append(x(p.name()))
        .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
        .append(width).append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    sb.append("<style>.node circle{fill:#fff;stroke:#335;stroke-width:1.5}.head circle{fill:#2a7;stroke:#174}"
        + ".deprecated circle{fill:#E8960F}.deprecated text{text-decoration:line-through}"
        + ".edge{fill:none;stroke:#556;stroke-width:1.2}.skips{stroke-dasharray:4 3;stroke:#a33}"
        + ".skiprange{fill:#36c;fill-opacity:0.15;stroke:#36c;stroke-opacity:0.5}"
        + ".lane{fill:#f6f6fa;stroke:#dde}.lane-title{font-weight:bold;font-size:13px}</style>\n");
    sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"6\" "
        + "markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#556\"/></marker></defs>\n");
    sb.append("<title>").append(x(p.name())).append(": upgrade graph</title>\n");
    for (int ci = 0; ci < channels.size(); ci++) {
      ChannelModel c = channels.get(ci);
      UpgradeGraph g = c.graph();
      int lx = LEFT + ci * LANE;
      int nx = lx + 150; // nodes sit in the lane's middle: arcs on the left, labels and range bands on the right
      boolean isDefault = c.name().equals(p.blob().defaultChannel());
      sb.append("<g class=\"channel").append(isDefault ? " default" : "").append("\" data-channel=\"")
          .append(x(c.name())).append("\">\n");
      sb.append("<rect class=\"lane\" x=\"").append(lx + 4).append("\" y=\"").append(TOP - 40).append("\" width=\"")
          .append(LANE - 8).append("\" height=\"").append(rows.size() * ROW + 50).append("\"/>\n");
      sb.append("<text class=\"lane-title\" x=\"").append(lx + 12).append("\" y=\"").append(TOP - 22).append("\">")
          .append(x(c.name())).append(isDefault ? " (default)" : "").append("</text>\n");
      List<Edge> edges = g.edges(n -> version(p, n));
      // skipRange bands first, so nodes and arcs are drawn over them
      int band = 0;
      for (ChannelEntry e : g.entries().values()) {
        List<Integer> included = new ArrayList<>();
        for (Edge ed : edges) {
          if (ed.kind() == EdgeKind.SKIP_RANGE && ed.to().equals(e.name()) && rowOf.containsKey(ed.from())) {
            included.add(rowOf.get(ed.from()));
          }
        }
        if (included.isEmpty() || !rowOf.containsKey(e.name())) {
          continue;
        }
        int lo = included.stream().min(Integer::compare).orElseThrow();
        int hi = included.stream().max(Integer::compare).orElseThrow();
        int bx = nx + 8 + (band++ % 6) * 5;
        sb.append("<rect class=\"skiprange\" data-to=\"").append(x(e.name())).append("\" data-range=\"")
            .append(x(e.skipRange())).append("\" x=\"").append(bx).append("\" y=\"").append(y(lo) - 7)
            .append("\" width=\"4\" height=\"").append((hi - lo) * ROW + 14).append("\"><title>")
            .append(x(e.name())).append(" skipRange ").append(x(e.skipRange())).append("</title></rect>\n");
      }
      for (Edge e : edges) {
        if (e.kind() == EdgeKind.SKIP_RANGE || !rowOf.containsKey(e.from()) || !rowOf.containsKey(e.to())) {
          continue;
        }
        int y1 = y(rowOf.get(e.from()));
        int y2 = y(rowOf.get(e.to()));
        int span = Math.abs(y1 - y2) / ROW;
        // the bulge grows with the span (capped to the lane), so arcs nest instead of overlapping
        int bulge = Math.min(140, 10 + span * 6);
        sb.append("<path class=\"edge ").append(e.kind().field()).append("\" data-from=\"").append(x(e.from()))
            .append("\" data-to=\"").append(x(e.to())).append("\" d=\"M").append(nx - 5).append(',').append(y1)
            .append(" C").append(nx - 5 - bulge).append(',').append(y1).append(' ').append(nx - 5 - bulge)
            .append(',').append(y2).append(' ').append(nx - 6).append(',').append(y2)
            .append("\" marker-end=\"url(#arrow)\"/>\n");
      }
      for (String n : ordered(p, g)) {
        if (!rowOf.containsKey(n)) {
          continue;
        }
        int ny = y(rowOf.get(n));
        boolean head = g.heads().contains(n);
        sb.append("<g class=\"node").append(head ? " head" : "").append(deprecated.contains(n) ? " deprecated" : "")
            .append("\" data-bundle=\"").append(x(n)).append("\"><title>").append(x(tooltip(p, n, g, deprecated)))
            .append("</title><circle cx=\"").append(nx).append("\" cy=\"").append(ny).append("\" r=\"5\"/>")
            .append("<text x=\"").append(nx + 44).append("\" y=\"").append(ny + 4).append("\">").append(x(n))
            .append(head ? " \u2605" : "").append(deprecated.contains(n) ? " (deprecated)" : "")
            .append("</text></g>\n");
      }
      sb.append("</g>\n");
    }
    return sb.append("</svg>\n").toString();
  }

  /** One HTML page with an index of the packages and the SVG of each: no scripts, nothing fetched. */
  public static String html(List<PackageModel> packages) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/><title>Upgrade graphs"
        + "</title><style>body{font-family:sans-serif}section{margin:2em 0;overflow-x:auto}</style></head><body>\n"
        + "<h1>Upgrade graphs</h1>\n<nav><ul>\n");
    for (PackageModel p : packages) {
      sb.append("<li><a href=\"#pkg-").append(x(p.name())).append("\">").append(x(p.name())).append("</a> (")
          .append(p.bundles().size()).append(" bundles)</li>\n");
    }
    sb.append("</ul></nav>\n");
    for (PackageModel p : packages) {
      sb.append("<section id=\"pkg-").append(x(p.name())).append("\"><h2>").append(x(p.name())).append("</h2>\n")
          .append(svg(p)).append("</section>\n");
    }
    return sb.append("</body></html>\n").toString();
  }

  /** Every name drawn for the package, newest first: entries and the names their replaces/skips give. */
  static List<String> rows(PackageModel p) {
    Set<String> names = new HashSet<>();
    for (ChannelModel c : p.channels().values()) {
      for (ChannelEntry e : c.graph().entries().values()) {
        names.add(e.name());
        if (!e.replaces().isEmpty()) {
          names.add(e.replaces());
        }
        names.addAll(e.skips());
      }
    }
    List<String> out = new ArrayList<>(names);
    out.sort(newestFirst(p));
    return out;
  }

  private static List<String> ordered(PackageModel p, UpgradeGraph g) {
    List<String> out = new ArrayList<>(g.entries().keySet());
    out.sort(newestFirst(p));
    return out;
  }

  /** Newest version first; names without a version after them, by name. */
  private static Comparator<String> newestFirst(PackageModel p) {
    return (a, b) -> {
      Version va = version(p, a);
      Version vb = version(p, b);
      if (va != null && vb != null && va.compareTo(vb) != 0) {
        return vb.compareTo(va);
      }
      if ((va == null) != (vb == null)) {
        return va == null ? 1 : -1;
      }
      return a.compareTo(b);
    };
  }

  private static Version version(PackageModel p, String bundle) {
    return p.bundle(bundle).flatMap(BundleModel::version).orElse(null);
  }

  private static List<ChannelModel> sortedChannels(PackageModel p) {
    List<ChannelModel> out = new ArrayList<>(p.channels().values());
    // the default channel first, the others by name
    out.sort(Comparator.comparing((ChannelModel c) -> !c.name().equals(p.blob().defaultChannel()))
        .thenComparing(ChannelModel::name));
    return out;
  }

  static Set<String> deprecatedBundles(PackageModel p) {
    Set<String> out = new HashSet<>();
    p.deprecations().ifPresent(d -> {
      for (DeprecationEntry e : d.entries()) {
        if ("olm.bundle".equals(e.reference().schema())) {
          out.add(e.reference().name());
        }
      }
    });
    return out;
  }

  /** The tooltip text: name, version, image, head/deprecated, and the properties counted by type. */
  static String tooltip(PackageModel p, String name, UpgradeGraph g, Set<String> deprecated) {
    StringBuilder sb = new StringBuilder(name);
    p.bundle(name).ifPresentOrElse(b -> {
      sb.append("\nversion: ").append(b.versionText().isEmpty() ? "(none)" : b.versionText());
      sb.append("\nimage: ").append(b.image().isEmpty() ? "(none)" : b.image());
      Map<String, Integer> counts = new TreeMap<>();
      for (Property pr : b.blob().properties()) {
        counts.merge(pr.type(), 1, Integer::sum);
      }
      sb.append("\nproperties: ");
      List<String> parts = new ArrayList<>();
      counts.forEach((t, n) -> parts.add(n == 1 ? t : t + " x" + n));
      sb.append(parts.isEmpty() ? "none" : String.join(", ", parts));
    }, () -> sb.append("\n(no bundle of this name)"));
    if (g.heads().contains(name)) {
      sb.append("\nchannel head");
    }
    if (deprecated.contains(name)) {
      sb.append("\ndeprecated");
    }
    return sb.toString();
  }

  private static int y(int row) {
    return TOP + row * ROW + ROW / 2;
  }

  /** XML text and attribute escaping. */
  static String x(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          // XML 1.0 allows no other control characters than tab, newline and carriage return
          if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
            sb.append('?');
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }

  /** A DOT double-quoted string. */
  private static String dq(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
