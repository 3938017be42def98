package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.base.WriteOptions;
import dev.fbc.graph.UpgradeGraph;
import dev.fbc.graph.render.GraphRenderer;
import dev.fbc.model.Catalog;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.testkit.CatalogBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Structure (not pixels) of {@code fbc graph --format svg|dot|html}: every bundle a node, every edge drawn. */
class GraphPictureTest {

  /** A generated package of {@code n} bundles: a replaces chain with skips and skipRanges, and a second channel. */
  static Catalog generated(int n) {
    CatalogBuilder.PackageBuilder p = CatalogBuilder.create().pkg("big").defaultChannel("stable");
    for (int i = 0; i < n; i++) {
      p.bundle("1." + i + ".0");
    }
    CatalogBuilder.ChannelBuilder stable = p.channel("stable");
    for (int i = 0; i < n; i++) {
      stable.entry("1." + i + ".0");
      if (i > 0) {
        stable.replaces("1." + (i - 1) + ".0");
      }
      if (i % 10 == 5) {
        stable.skips("1." + (i - 3) + ".0");
      }
      if (i % 25 == 24) {
        stable.skipRange(">=1." + (i - 20) + ".0 <1." + i + ".0");
      }
    }
    CatalogBuilder.ChannelBuilder fast = p.channel("fast");
    for (int i = n / 2; i < n; i++) {
      fast.entry("1." + i + ".0");
      if (i > n / 2) {
        fast.replaces("1." + (i - 1) + ".0");
      }
    }
    return p.build();
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** Checks that the SVG has one node per entry in each channel and one path per replaces/skips edge. */
  static void assertComplete(PackageModel p, String svg) throws Exception {
    Document d = parse(svg);
    assertThat(d.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg).doesNotContain("<script").doesNotContain("href=\"http");
    NodeList channels = d.getElementsByTagName("g");
    int checked = 0;
    for (int i = 0; i < channels.getLength(); i++) {
      Element g = (Element) channels.item(i);
      if (!g.getAttribute("class").startsWith("channel")) {
        continue;
      }
      ChannelModel c = p.channel(g.getAttribute("data-channel")).orElseThrow();
      Set<String> nodes = new HashSet<>();
      Set<String> edges = new HashSet<>();
      NodeList kids = g.getElementsByTagName("*");
      for (int k = 0; k < kids.getLength(); k++) {
        Element e = (Element) kids.item(k);
        String cls = e.getAttribute("class");
        if (cls.startsWith("node")) {
          nodes.add(e.getAttribute("data-bundle"));
          assertThat(e.getElementsByTagName("title").item(0).getTextContent()).contains("image: ");
        } else if (cls.startsWith("edge")) {
          edges.add(cls.substring(5) + " " + e.getAttribute("data-from") + ">" + e.getAttribute("data-to"));
        }
      }
      assertThat(nodes).isEqualTo(c.graph().entries().keySet());
      Set<String> expected = new HashSet<>();
      for (UpgradeGraph.Edge e : c.graph().edges(n -> p.bundle(n).flatMap(BundleModel::version).orElse(null))) {
        if (e.kind() != UpgradeGraph.EdgeKind.SKIP_RANGE) {
          expected.add(e.kind().field() + " " + e.from() + ">" + e.to());
        }
      }
      assertThat(edges).isEqualTo(expected);
      checked++;
    }
    assertThat(checked).isEqualTo(p.channels().size());
  }

  @Test
  void threeHundredBundlePackageIsCompleteAndMarked() throws Exception {
    PackageModel p = CatalogModel.of(generated(300)).pkg("big").orElseThrow();
    String svg = GraphRenderer.svg(p);
    assertComplete(p, svg);
    Document d = parse(svg);
    int heads = 0;
    int bands = 0;
    NodeList all = d.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      String cls = ((Element) all.item(i)).getAttribute("class");
      heads += cls.equals("node head") ? 1 : 0;
      bands += cls.equals("skiprange") ? 1 : 0;
    }
    assertThat(heads).isEqualTo(2); // one per channel
    assertThat(bands).isEqualTo(12); // entries 24, 49, ..., 299
    // readable: one row per version, not squeezed into a fixed box
    assertThat(Integer.parseInt(d.getDocumentElement().getAttribute("height"))).isGreaterThan(300 * 20);
  }

  @Test
  void deprecatedBundlesAndCliFormats(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("catalog.json"), Fbc.writeToString(ExplainTest.fixture(), WriteOptions.defaults()));
    Run svg = Run.inProcess("graph", dir.toString(), "--format", "svg");
    assertThat(svg.rc()).isZero();
    assertThat(svg.out()).contains("class=\"node deprecated\" data-bundle=\"a.v1.2.0\"");
    assertComplete(CatalogModel.of(Fbc.load(dir)).pkg("a").orElseThrow(), svg.out());
    Run dot = Run.inProcess("graph", dir.toString(), "--format", "dot");
    assertThat(dot.out()).startsWith("digraph upgrades {").contains("\"a/stable/a.v1.1.5\" -> \"a/stable/a.v1.2.0\" "
        + "[style=dashed]");
    Run html = Run.inProcess("graph", dir.toString(), "--format", "html");
    assertThat(html.out()).contains("<a href=\"#pkg-a\">").doesNotContain("<script");
    Run bad = Run.inProcess("graph", dir.toString(), "--format", "png");
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.stderr()).isEqualTo("invalid --format value \"png\", expected (mermaid|dot|svg|html)\n");
  }

  @Test
  void everyPackageOfARealCatalog() throws Exception {
    Path input = Corpus.conformance("graph").resolve("multi-package-all").resolve("input");
    CatalogModel m = CatalogModel.of(Fbc.load(input));
    for (PackageModel p : m.packages().values()) {
      assertComplete(p, GraphRenderer.svg(p));
    }
    assertThat(m.packages()).hasSizeGreaterThan(1);
    parse(GraphRenderer.html(List.copyOf(m.packages().values())).replace("<!DOCTYPE html>\n", ""));
  }
}
