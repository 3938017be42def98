package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.ops.CatalogFilter;
import dev.fbc.ops.CatalogMerger;
import dev.fbc.ops.FilterConfiguration;
import dev.fbc.semver.Constraint;
import dev.fbc.semver.Version;
import dev.fbc.validate.CatalogValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Properties of prune and merge over generated catalogs (seeded, so a failure names its seed). */
class AuthoringPropertiesTest {
  private static final CatalogValidator VALIDATOR = new CatalogValidator();

  @TestFactory
  Stream<DynamicTest> generatedCatalogsAreValid() {
    return LongStream.rangeClosed(1, 40).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
        () -> assertThat(VALIDATOR.validate(Generated.catalog(seed, "gen")).errors()).isEmpty()));
  }

  @TestFactory
  Stream<DynamicTest> prunedCatalogsValidateKeepTheRangeReachableAndHaveOneHead() {
    return LongStream.rangeClosed(1, 40).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
      Catalog c = Generated.catalog(seed, "gen");
      String min = Generated.someVersion(seed, c);
      String range = ">=" + min;
      FilterConfiguration f = FilterConfiguration.ofKeeps(List.of("gen:stable@" + range, "gen:fast"));
      CatalogFilter.Result r = CatalogFilter.filter(c, f, dev.fbc.ops.FilterMode.HEADS_ONLY).withoutOrphans();
      Catalog out = r.catalog();
      assertThat(VALIDATOR.validate(out).errors()).as("seed %d range %s", seed, range).isEmpty();
      Constraint constraint = Constraint.parse(range);
      Map<String, Version> versions = out.bundles().stream().collect(Collectors.toMap(BundleBlob::name,
          b -> Version.parse(b.version().orElseThrow())));
      for (ChannelBlob ch : out.channels()) {
        UpgradeGraph g = UpgradeGraph.of(ch);
        assertThat(g.heads()).as("seed %d channel %s", seed, ch.name()).hasSize(1);
        for (ChannelEntry e : ch.entries()) {
          assertThat(g.pathToHead(e.name(), versions::get)).as("seed %d: %s reaches the head", seed, e.name())
              .isPresent();
        }
      }
      ChannelBlob before = c.channels().stream().filter(ch -> ch.name().equals("stable")).findFirst().orElseThrow();
      ChannelBlob after = out.channels().stream().filter(ch -> ch.name().equals("stable")).findFirst().orElseThrow();
      List<String> kept = after.entries().stream().map(ChannelEntry::name).toList();
      for (ChannelEntry e : before.entries()) {
        String v = e.name().substring(e.name().indexOf(".v") + 2);
        if (constraint.test(Constraint.strictVersion(v))) {
          assertThat(kept).as("seed %d: in-range %s is kept", seed, e.name()).contains(e.name());
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> mergingACatalogWithItselfGivesTheCatalog() {
    return LongStream.rangeClosed(1, 20).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
      Catalog a = Generated.catalog(seed, "gen");
      CatalogMerger.Result r = CatalogMerger.builder().build().merge(List.of(a, a));
      assertThat(r.ok()).isTrue();
      assertThat(r.catalog().withoutSources()).isEqualTo(a.withoutSources());
    }));
  }

  @TestFactory
  Stream<DynamicTest> mergingDisjointCatalogsConcatenatesThem() {
    return LongStream.rangeClosed(1, 20).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
      Catalog a = Generated.catalog(seed, "alpha");
      Catalog b = Generated.catalog(seed + 1000, "beta");
      CatalogMerger.Result r = CatalogMerger.builder().build().merge(List.of(a, b));
      assertThat(r.ok()).isTrue();
      assertThat(r.catalog().withoutSources()).isEqualTo(a.concat(b).withoutSources());
      assertThat(Fbc.writeToString(r.catalog(), dev.fbc.base.WriteOptions.defaults()))
          .isEqualTo(Fbc.writeToString(a.concat(b), dev.fbc.base.WriteOptions.defaults()));
    }));
  }

  static List<String> names(List<ChannelEntry> entries) {
    List<String> out = new ArrayList<>();
    for (ChannelEntry e : entries) {
      out.add(e.name());
    }
    return out;
  }
}
