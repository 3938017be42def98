package dev.fbc.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.semver.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradeGraphTest {
  private static ChannelEntry e(String name) {
    return ChannelEntry.of(name);
  }

  private static UpgradeGraph graph(ChannelEntry... entries) {
    return UpgradeGraph.of(ChannelBlob.inPackage("p", "stable", List.of(entries)));
  }

  private static Version v(String name) {
    return Version.parse(name.substring(name.indexOf(".v") + 2));
  }

  @Test
  void aReplacesChainHasOneHeadAndNothingStranded() {
    UpgradeGraph g = graph(e("p.v1.0.0"), e("p.v1.1.0").withReplaces("p.v1.0.0"),
        e("p.v1.2.0").withReplaces("p.v1.1.0"));
    assertThat(g.heads()).containsExactly("p.v1.2.0");
    assertThat(g.replacesChain()).containsExactly("p.v1.2.0", "p.v1.1.0", "p.v1.0.0");
    assertThat(g.stranded()).isEmpty();
    assertThat(g.cycle()).isEmpty();
    assertThat(g.danglingReferences()).isEmpty();
  }

  @Test
  void skipRangeIsNoEdgeForHeads() {
    UpgradeGraph g = graph(e("p.v1.0.0"), e("p.v1.1.0").withSkipRange(">=1.0.0 <1.1.0"));
    assertThat(g.heads()).containsExactly("p.v1.0.0", "p.v1.1.0");
    assertThat(g.head()).isEmpty();
  }

  @Test
  void edgesAreTheWrittenOnesAndTheSkipRangeOnesInEntryOrder() {
    UpgradeGraph g = graph(e("p.v1.0.0"), e("p.v1.1.0").withReplaces("p.v1.0.0"),
        e("p.v1.2.0").withReplaces("p.v1.1.0").withSkips(List.of("p.v0.9.0")).withSkipRange(">=1.0.0 <1.2.0"),
        e("p.v2.0.0").withSkipRange("not a range"));
    assertThat(g.edges(UpgradeGraphTest::v)).containsExactly(
        new UpgradeGraph.Edge("p.v1.0.0", "p.v1.1.0", UpgradeGraph.EdgeKind.REPLACES),
        new UpgradeGraph.Edge("p.v1.1.0", "p.v1.2.0", UpgradeGraph.EdgeKind.REPLACES),
        // a skip naming a bundle outside the channel is still an edge as written
        new UpgradeGraph.Edge("p.v0.9.0", "p.v1.2.0", UpgradeGraph.EdgeKind.SKIPS),
        new UpgradeGraph.Edge("p.v1.0.0", "p.v1.2.0", UpgradeGraph.EdgeKind.SKIP_RANGE),
        new UpgradeGraph.Edge("p.v1.1.0", "p.v1.2.0", UpgradeGraph.EdgeKind.SKIP_RANGE));
    // without versions no skipRange edge is known
    assertThat(g.edges(n -> null)).extracting(UpgradeGraph.Edge::kind)
        .doesNotContain(UpgradeGraph.EdgeKind.SKIP_RANGE);
  }

  @Test
  void skipsAreEdgesAndSkippedBundlesAreNotStranded() {
    UpgradeGraph g = graph(e("p.v1.0.0"), e("p.v1.1.0"), e("p.v1.2.0").withReplaces("p.v1.0.0")
        .withSkips(List.of("p.v1.1.0", "p.v0.9.0")));
    assertThat(g.heads()).containsExactly("p.v1.2.0");
    assertThat(g.stranded()).isEmpty();
    assertThat(g.skipped()).containsExactlyInAnyOrder("p.v1.1.0", "p.v0.9.0");
    assertThat(g.danglingReferences()).isEqualTo(Map.of("p.v1.2.0", List.of("p.v0.9.0")));
  }

  @Test
  void bundlesOffTheChainAndUnskippedAreStranded() {
    UpgradeGraph g = graph(e("p.v1.0.0"), e("p.v1.1.0").withReplaces("p.v1.0.0"),
        e("p.v1.2.0").withSkips(List.of("p.v1.1.0")));
    assertThat(g.heads()).containsExactly("p.v1.2.0");
    // v1.1.0 is skipped, so only v1.0.0 (replaced by a skipped bundle) is stranded
    assertThat(g.stranded()).containsExactly("p.v1.0.0");
  }

  @Test
  void theChainGoesOnThroughSkippedBundlesAsInOpm154() {
    UpgradeGraph g = graph(e("p.v1.0.0"), e("p.v1.1.0").withReplaces("p.v1.0.0"),
        e("p.v1.2.0").withReplaces("p.v1.1.0").withSkips(List.of("p.v1.1.0")));
    assertThat(g.replacesChain()).containsExactly("p.v1.2.0", "p.v1.1.0", "p.v1.0.0");
    assertThat(g.stranded()).isEmpty();
  }

  @Test
  void aLoopBelowTheHeadIsReportedFromItsFirstNode() {
    UpgradeGraph g = graph(e("p.v1.3.0").withReplaces("p.v1.2.0"), e("p.v1.2.0").withReplaces("p.v1.1.0"),
        e("p.v1.1.0").withReplaces("p.v1.0.0"), e("p.v1.0.0").withReplaces("p.v1.2.0"));
    assertThat(g.heads()).containsExactly("p.v1.3.0");
    assertThat(g.cycle()).containsExactly("p.v1.2.0", "p.v1.1.0", "p.v1.0.0", "p.v1.2.0");
  }

  @Test
  void withEveryBundleReplacedThereIsNoHead() {
    UpgradeGraph g = graph(e("p.v1.0.0").withReplaces("p.v1.1.0"), e("p.v1.1.0").withReplaces("p.v1.0.0"));
    assertThat(g.heads()).isEmpty();
    assertThat(g.replacesChain()).isEmpty();
  }

  @Test
  void pathToHeadFollowsReplacesSkipsAndSkipRanges() {
    UpgradeGraph g = graph(e("p.v1.0.0"), e("p.v1.1.0").withReplaces("p.v1.0.0"),
        e("p.v1.2.0").withReplaces("p.v1.1.0"), e("p.v2.0.0").withReplaces("p.v1.2.0")
            .withSkipRange(">=1.0.0 <1.2.0"));
    assertThat(g.pathToHead("p.v1.0.0", UpgradeGraphTest::v)).contains(List.of("p.v1.0.0", "p.v2.0.0"));
    assertThat(g.pathToHead("p.v1.0.0", n -> null))
        .contains(List.of("p.v1.0.0", "p.v1.1.0", "p.v1.2.0", "p.v2.0.0"));
    assertThat(g.pathToHead("p.v2.0.0", UpgradeGraphTest::v)).contains(List.of("p.v2.0.0"));
    assertThat(g.upgradesFrom("p.v1.1.0", UpgradeGraphTest::v)).containsExactlyInAnyOrder("p.v1.2.0", "p.v2.0.0");
  }

  @Test
  void whatTheGraphHandsOutCannotChangeIt() {
    UpgradeGraph g = graph(e("p.v1.0.0"), e("p.v1.1.0").withReplaces("p.v1.0.0").withSkips(List.of("p.v0.9.0")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.predecessorsOf("p.v1.0.0").add("p.v9.0.0"))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.predecessorsOf("p.v1.0.0").clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.heads().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.skipped().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.entries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.danglingReferences().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(g.predecessorsOf("p.v1.0.0")).containsExactly("p.v1.1.0");
    assertThat(g.heads()).containsExactly("p.v1.1.0");
  }
}
