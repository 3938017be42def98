package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.Fbc;
import dev.fbc.base.WriteOptions;
import dev.fbc.diff.CatalogDiff;
import dev.fbc.graph.UpgradeGraph;
import dev.fbc.diff.CatalogDiff.Kind;
import dev.fbc.model.Catalog;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.testkit.CatalogBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fbc diff} and {@link CatalogDiff}: exactly the changes made, and their edge consequences. */
class DiffTest {

  /**
   * stable: 1.0.0 <- 1.1.0 <- 1.2.0 <- 1.3.0 (which also skips 1.1.0); fast: 0.9.0 <- 1.0.0 <- 1.1.0. In the
   * changed copy 0.9.0 is gone, 1.2.0 replaces 1.0.0 and the default channel is fast.
   */
  static Catalog catalog(boolean changed) {
    CatalogBuilder.PackageBuilder p = CatalogBuilder.create().pkg("other").defaultChannel("s").bundle("1.0.0")
        .channel("s").entry("1.0.0").end()
        .pkg("a").defaultChannel(changed ? "fast" : "stable");
    for (String v : changed ? List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0")
        : List.of("0.9.0", "1.0.0", "1.1.0", "1.2.0", "1.3.0")) {
      p.bundle(v);
    }
    p.channel("stable").entry("1.0.0").entry("1.1.0").replaces("1.0.0").entry("1.2.0")
        .replaces(changed ? "1.0.0" : "1.1.0").entry("1.3.0").replaces("1.2.0").skips("1.1.0");
    CatalogBuilder.ChannelBuilder fast = p.channel("fast");
    if (!changed) {
      fast.entry("0.9.0").entry("1.0.0").replaces("0.9.0");
    } else {
      fast.entry("1.0.0").replaces("0.9.0");
    }
    fast.entry("1.1.0").replaces("1.0.0");
    return p.build();
  }

  @Test
  void reportsExactlyTheThreeChangesAndTheirEdges() {
    CatalogDiff.Result r = CatalogDiff.diff(CatalogModel.of(catalog(false)), CatalogModel.of(catalog(true)),
        Optional.empty());
    assertThat(r.changes()).containsExactlyInAnyOrder(
        new CatalogDiff.Change(Kind.DEFAULT_CHANNEL_CHANGED, "a", "", "", "stable", "fast"),
        new CatalogDiff.Change(Kind.BUNDLE_REMOVED, "a", "", "a.v0.9.0", "fast", ""),
        new CatalogDiff.Change(Kind.ENTRY_CHANGED, "a", "stable", "a.v1.2.0", "replaces a.v1.1.0",
            "replaces a.v1.0.0"));
    assertThat(r.edges()).containsExactlyInAnyOrder(
        new CatalogDiff.EdgeChange("a", "fast", "a.v0.9.0", "a.v1.0.0", UpgradeGraph.EdgeKind.REPLACES, false),
        new CatalogDiff.EdgeChange("a", "stable", "a.v1.1.0", "a.v1.2.0", UpgradeGraph.EdgeKind.REPLACES, false),
        new CatalogDiff.EdgeChange("a", "stable", "a.v1.0.0", "a.v1.2.0", UpgradeGraph.EdgeKind.REPLACES, true));
  }

  @Test
  void identicalCatalogsAndThePackageFilter() {
    assertThat(CatalogDiff.diff(CatalogModel.of(catalog(false)), CatalogModel.of(catalog(false)),
        Optional.empty()).isEmpty()).isTrue();
    assertThat(CatalogDiff.diff(CatalogModel.of(catalog(false)), CatalogModel.of(catalog(true)),
        Optional.of("other")).isEmpty()).isTrue();
  }

  @Test
  void cliFormatsAndExitCode(@TempDir Path dir) throws Exception {
    Path a = Files.createDirectories(dir.resolve("old"));
    Path b = Files.createDirectories(dir.resolve("new"));
    Files.writeString(a.resolve("catalog.json"), Fbc.writeToString(catalog(false), WriteOptions.defaults()));
    Files.writeString(b.resolve("catalog.yaml"), Fbc.writeToString(catalog(true), WriteOptions.yaml()));
    Run text = Run.inProcess("diff", a.toString(), b.toString());
    assertThat(text.rc()).isZero();
    assertThat(text.out()).contains("default channel changed: a (stable => fast)")
        .contains("- a/stable: a.v1.1.0 -> a.v1.2.0 (replaces)");
    assertThat(Run.inProcess("diff", a.toString(), b.toString(), "--exit-code").rc()).isEqualTo(1);
    assertThat(Run.inProcess("diff", a.toString(), a.toString(), "--exit-code").rc()).isZero();
    JsonNode json = new ObjectMapper().readTree(Run.inProcess("diff", a.toString(), b.toString(), "-o", "json")
        .stdout());
    assertThat(json.get("changes")).hasSize(3);
    assertThat(json.get("edges")).hasSize(3);
    String md = Run.inProcess("diff", a.toString(), b.toString(), "-o", "markdown").out();
    assertThat(md).contains("| change | package |").contains("```diff").contains("1 gained, 2 lost");
  }
}
