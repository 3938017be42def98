package dev.fbc.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.base.FbcException;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.semver.Constraint;
import dev.fbc.semver.Version;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChainRuleTest {
  private static ChannelEntry e(String name) {
    return ChannelEntry.of(name);
  }

  private static ChannelBlob channel(ChannelEntry... entries) {
    return ChannelBlob.inPackage("p", "stable", List.of(entries));
  }

  private static Version v(String name) {
    return Version.parse(name.substring(name.indexOf(".v") + 2));
  }

  @Test
  void ocMirrorsChainTakesTheReplacedNameOutsideTheChannelAndOpmsDoesNot() {
    UpgradeGraph g = ChainRule.OC_MIRROR.graph(channel(e("p.v1.1.0").withReplaces("p.v1.0.0"),
        e("p.v1.2.0").withReplaces("p.v1.1.0")));
    assertThat(ChainRule.OC_MIRROR.chain(g)).containsExactly("p.v1.2.0", "p.v1.1.0", "p.v1.0.0");
    assertThat(ChainRule.OPM.chain(g)).containsExactly("p.v1.2.0", "p.v1.1.0").isEqualTo(g.replacesChain());
  }

  @Test
  void ocMirrorRefusesTwoHeadsThatOpmOnlyReports() {
    ChannelBlob c = channel(e("p.v1.1.0"), e("p.v1.0.0"));
    assertThat(ChainRule.OPM.graph(c).heads()).containsExactly("p.v1.0.0", "p.v1.1.0");
    assertThatThrownBy(() -> ChainRule.OC_MIRROR.graph(c)).isInstanceOf(FbcException.class)
        .hasMessage("multiple channel heads found: [p.v1.0.0 p.v1.1.0]");
  }

  @Test
  void ocMirrorListsDuplicatesAndSelfReferencesInEntryOrder() {
    ChannelBlob c = channel(e("p.v1.0.0").withSkips(List.of("p.v1.0.0")), e("p.v1.0.0"),
        e("p.v1.1.0").withReplaces("p.v1.0.0"));
    assertThatThrownBy(() -> ChainRule.OC_MIRROR.graph(c)).hasMessage(String.join("\n",
        "invalid channel entry \"p.v1.0.0\": skips itself", "duplicate channel entry \"p.v1.0.0\""));
  }

  @Test
  void ocMirrorRefusesACycleThroughSkipsThatTheReplacesChainDoesNotShow() {
    ChannelBlob c = channel(e("p.v1.2.0").withReplaces("p.v1.1.0"),
        e("p.v1.1.0").withSkips(List.of("p.v1.0.0")), e("p.v1.0.0").withSkips(List.of("p.v1.1.0")));
    UpgradeGraph opm = ChainRule.OPM.graph(c);
    assertThat(opm.heads()).containsExactly("p.v1.2.0");
    assertThat(opm.cycle()).isEmpty();
    assertThatThrownBy(() -> ChainRule.OC_MIRROR.graph(c))
        .hasMessage("detected a cycle in the upgrade graph of the channel");
  }

  @Test
  void aRangeCutKeepsTheChainNodeThatSkipsAnInRangeBundleAndSaysItIsOutside() {
    UpgradeGraph g = ChainRule.OC_MIRROR.graph(channel(e("p.v1.0.0"), e("p.v1.1.0"),
        e("p.v1.2.0").withReplaces("p.v1.0.0"),
        e("p.v1.3.0").withReplaces("p.v1.2.0").withSkips(List.of("p.v1.1.0"))));
    RangeCut cut = RangeCut.of(g, ChainRule.OC_MIRROR, Constraint.parse(">=1.1.0 <1.2.0"), ChainRuleTest::v);
    assertThat(cut.kept()).containsExactly("p.v1.3.0", "p.v1.1.0");
    assertThat(cut.keptOutsideRange()).containsExactly(new RangeCut.Outside("p.v1.3.0", Optional.of(v("p.v1.3.0"))));
    assertThat(cut.newHead()).isEqualTo("p.v1.3.0");

    Function<String, Version> unversionedHead = n -> n.equals("p.v1.3.0") ? null : v(n);
    RangeCut unversioned = RangeCut.of(g, ChainRule.OC_MIRROR, Constraint.parse(">=1.1.0 <1.2.0"), unversionedHead);
    assertThat(unversioned.keptOutsideRange()).containsExactly(new RangeCut.Outside("p.v1.3.0", Optional.empty()));
  }

  @Test
  void aRangeCutOfTheInRangeEndOfAChainKeepsNoOutsideNode() {
    UpgradeGraph g = ChainRule.OC_MIRROR.graph(channel(e("p.v1.0.0"), e("p.v1.1.0").withReplaces("p.v1.0.0"),
        e("p.v1.2.0").withReplaces("p.v1.1.0"), e("p.v1.3.0").withReplaces("p.v1.2.0")));
    RangeCut cut = RangeCut.of(g, ChainRule.OC_MIRROR, Constraint.parse(">=1.1.0 <1.3.0"), ChainRuleTest::v);
    assertThat(cut.kept()).containsExactly("p.v1.2.0", "p.v1.1.0");
    assertThat(cut.keptOutsideRange()).isEmpty();
    assertThat(cut.newHead()).isEqualTo("p.v1.2.0");
    assertThat(RangeCut.of(g, ChainRule.OC_MIRROR, Constraint.parse(">=2.0.0"), ChainRuleTest::v).kept()).isEmpty();
  }

  @Test
  void aRangeCutKeepingOnlyANameOutsideTheChannelHasNoNewHead() {
    UpgradeGraph g = ChainRule.OC_MIRROR.graph(channel(e("p.v1.2.0").withReplaces("p.v1.1.0")));
    RangeCut cut = RangeCut.of(g, ChainRule.OC_MIRROR, Constraint.parse(">=1.1.0 <1.2.0"), ChainRuleTest::v);
    assertThat(cut.kept()).containsExactly("p.v1.1.0");
    assertThat(cut.newHead()).isEmpty();
  }
}
