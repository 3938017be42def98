package dev.fbc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.PackageBlob;
import dev.fbc.ops.CatalogFilter.ChannelReport.Kind;
import dev.fbc.semver.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrunePlanTest {
  private static final ChannelBlob STABLE = ChannelBlob.inPackage("p", "stable", List.of(ChannelEntry.of("p.v1.0.0"),
      ChannelEntry.of("p.v1.1.0"), ChannelEntry.of("p.v1.2.0").withReplaces("p.v1.0.0"),
      ChannelEntry.of("p.v1.3.0").withReplaces("p.v1.2.0").withSkips(List.of("p.v1.1.0"))));
  private static final ChannelBlob FAST = ChannelBlob.inPackage("p", "fast", List.of(ChannelEntry.of("p.v1.3.0")));
  private static final Catalog CATALOG = Catalog.of(PackageBlob.of("p", "stable"), STABLE, FAST,
      PackageBlob.of("q", "alpha"), ChannelBlob.inPackage("q", "alpha", List.of(ChannelEntry.of("q.v1.0.0"))));

  private static FilterConfiguration keep(String defaultChannel, String range, String... channels) {
    return new FilterConfiguration(List.of(new FilterConfiguration.PackageFilter("p", defaultChannel, "",
        java.util.Arrays.stream(channels).map(c -> new FilterConfiguration.ChannelFilter(c, range)).toList())));
  }

  private static Version v(String name) {
    return Version.parse(name.substring(name.indexOf(".v") + 2));
  }

  @Test
  void aPlanKeepsTheListedChannelsWithTheOverriddenDefault() {
    PrunePlan plan = PrunePlan.of(CATALOG, keep("fast", "", "fast"), FilterMode.HEADS_ONLY);
    assertThat(plan.keepsPackage("p")).isTrue();
    assertThat(plan.keepsPackage("q")).isFalse();
    assertThat(plan.packages()).extracting(PackageBlob::defaultChannel).containsExactly("fast");
    assertThat(plan.channels()).extracting(c -> c.channel().name() + " " + c.kind() + " " + c.wasDefault())
        .containsExactly("fast HEAD false");
  }

  @Test
  void aPlanRefusesToDropTheDefaultChannelWithoutANewOne() {
    assertThatThrownBy(() -> PrunePlan.of(CATALOG, keep("", "", "fast"), FilterMode.HEADS_ONLY))
        .hasMessage("invalid default channel configuration for package \"p\": the default channel \"stable\" was "
            + "filtered out, a new default channel must be configured for this package");
    assertThatThrownBy(() -> PrunePlan.of(CATALOG, keep("beta", "", "fast"), FilterMode.HEADS_ONLY))
        .hasMessageContaining("specified default channel override \"beta\" does not exist");
    assertThatThrownBy(() -> PrunePlan.of(CATALOG, keep("", ">=1.0.0", "stable"), FilterMode.FULL))
        .hasMessage("Full: true cannot be mixed with versionRange");
  }

  @Test
  void aRangeCutGivesTheOutsideBundlesAsValuesAndTheReportAndWarningsFromThem() {
    PrunePlan plan = PrunePlan.of(CATALOG, keep("", ">=1.1.0 <1.2.0", "stable"), FilterMode.HEADS_ONLY);
    assertThat(plan.channels().get(0).kind()).isEqualTo(Kind.RANGE);
    ChannelPruner.Cut cut = ChannelPruner.prune(plan.channels().get(0), PrunePlanTest::v);
    assertThat(cut.keptBundles()).containsExactly("p.v1.3.0", "p.v1.1.0");
    assertThat(cut.channel().orElseThrow().entries()).extracting(ChannelEntry::name)
        .containsExactly("p.v1.1.0", "p.v1.3.0");
    assertThat(cut.keptOutsideRange()).extracting(o -> o.name() + " " + o.version().orElseThrow())
        .containsExactly("p.v1.3.0 1.3.0");
    assertThat(cut.report().keptOutsideRange()).containsExactly("p.v1.3.0");
    assertThat(cut.report().newHead()).isEqualTo("p.v1.3.0");
    assertThat(cut.warnings()).containsExactly("including bundle \"p.v1.3.0\" with version \"1.3.0\": it falls outside "
        + "the specified range of \">=1.1.0 <1.2.0\" but is required to ensure inclusion of all bundles in the range");
  }

  @Test
  void aRangeThatEmptiesTheDefaultChannelIsRefused() {
    PrunePlan plan = PrunePlan.of(CATALOG, keep("", ">=9.0.0", "stable"), FilterMode.HEADS_ONLY);
    assertThatThrownBy(() -> ChannelPruner.prune(plan.channels().get(0), PrunePlanTest::v))
        .hasMessage("package \"p\" channel \"stable\" has version range \">=9.0.0\" that results in an empty channel");
  }
}
