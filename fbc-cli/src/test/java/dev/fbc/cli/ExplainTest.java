package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.Fbc;
import dev.fbc.base.FbcException;
import dev.fbc.base.WriteOptions;
import dev.fbc.explain.Explain;
import dev.fbc.explain.Explain.Explanation;
import dev.fbc.explain.Explain.Reason;
import dev.fbc.model.Catalog;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.PackageScopedReference;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.testkit.CatalogBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fbc explain} and {@link Explain} on a fixture covering each of OLM's cases, and on a real package. */
class ExplainTest {

  /**
   * stable: 1.0.0 <- 1.1.0 <- 1.2.0 (deprecated, skips 1.1.5) <- 1.3.0 (skipRange >=1.0.0 <1.3.0);
   * fast: 0.8.0 <- 0.9.0, 1.0.0 <- 1.1.0 which skips 0.9.0 (so 0.8.0 is stranded);
   * loop: 1.3.0 -> 1.2.0 -> 1.1.0 -> 1.2.0.
   */
  static Catalog fixture() {
    CatalogBuilder.PackageBuilder p = CatalogBuilder.create().pkg("a").defaultChannel("stable");
    for (String v : List.of("0.8.0", "0.9.0", "1.0.0", "1.1.0", "1.1.5", "1.2.0", "1.3.0")) {
      p.bundle(v);
    }
    p.channel("stable").entry("1.0.0").entry("1.1.0").replaces("1.0.0").entry("1.1.5")
        .entry("1.2.0").replaces("1.1.0").skips("1.1.5")
        .entry("1.3.0").replaces("1.2.0").skipRange(">=1.0.0 <1.3.0");
    p.channel("fast").entry("0.8.0").entry("0.9.0").replaces("0.8.0").entry("1.0.0")
        .entry("1.1.0").replaces("1.0.0").skips("0.9.0");
    p.channel("loop").entry("1.3.0").replaces("1.2.0").entry("1.2.0").replaces("1.1.0")
        .entry("1.1.0").replaces("1.2.0");
    return p.done().blob(new DeprecationsBlob("a", List.of(new DeprecationEntry(
        new PackageScopedReference("olm.bundle", "a.v1.2.0"), "use 1.3.0")), Map.of(), null)).build();
  }

  private static Explanation explain(String from, String channel, String to) {
    return Explain.explain(CatalogModel.of(fixture()), "a", from, Optional.ofNullable(channel),
        Optional.ofNullable(to));
  }

  @Test
  void skipRangeBeatsReplacesBecauseItsEntryIsNearerTheHead() {
    Explanation e = explain("1.0.0", null, null);
    assertThat(e.channel()).isEqualTo("stable");
    assertThat(e.candidates()).extracting(Explain.Candidate::bundle).containsExactly("a.v1.3.0", "a.v1.1.0");
    assertThat(e.candidates().get(0).via()).containsExactly("skipRange >=1.0.0 <1.3.0");
    assertThat(e.candidates().get(1).via()).containsExactly("replaces");
    assertThat(e.picked()).contains("a.v1.3.0");
    assertThat(e.path()).extracting(Explain.Step::to).containsExactly("a.v1.3.0");
    assertThat(e.reachesGoal()).isTrue();
  }

  @Test
  void aSkippedBundleUpgradesThroughItsSkipper() {
    Explanation e = explain("a.v1.1.5", null, null);
    assertThat(e.candidates()).extracting(Explain.Candidate::bundle).containsExactly("a.v1.3.0", "a.v1.2.0");
    assertThat(e.candidates().get(1).via()).containsExactly("skips");
    assertThat(e.path()).extracting(Explain.Step::to).containsExactly("a.v1.3.0");
  }

  @Test
  void deprecatedCandidatesAreMarked() {
    Explanation e = explain("1.1.0", null, "1.2.0");
    assertThat(e.candidates()).filteredOn(Explain.Candidate::deprecated).extracting(Explain.Candidate::bundle)
        .containsExactly("a.v1.2.0");
    // OLM still jumps to the head through the range, past the requested (deprecated) 1.2.0
    assertThat(e.blocker()).map(Explain.Blocker::reason).contains(Reason.TARGET_PASSED);
    assertThat(e.blocker().get().hint()).contains("a.v1.1.0 -> a.v1.2.0");
    assertThat(explain("1.2.0", null, null).fromDeprecated()).isTrue();
  }

  @Test
  void strandedBundleIsExplained() {
    Explanation e = explain("0.8.0", "fast", null);
    assertThat(e.blocker()).map(Explain.Blocker::reason).contains(Reason.STRANDED);
    assertThat(e.candidates()).singleElement().satisfies(c -> {
      assertThat(c.bundle()).isEqualTo("a.v0.9.0");
      assertThat(c.offered()).isFalse();
    });
    assertThat(e.path()).isEmpty();
  }

  @Test
  void rangeThatExcludesTheVersionIsNamed() {
    Explanation e = explain("0.9.0", "stable", null);
    assertThat(e.blocker()).map(Explain.Blocker::reason).contains(Reason.RANGE_EXCLUDES);
    assertThat(e.blocker().get().detail()).contains(">=1.0.0 <1.3.0").contains("0.9.0");
    Explanation elsewhere = explain("1.1.5", "fast", null);
    assertThat(elsewhere.blocker()).map(Explain.Blocker::reason).contains(Reason.NOT_IN_CHANNEL);
    assertThat(elsewhere.blocker().get().hint()).contains("stable");
    Explanation range = Explain.explain(CatalogModel.of(CatalogBuilder.create().pkg("b").defaultChannel("s")
        .bundle("1.0.0").bundle("2.0.0").bundle("3.0.0").channel("s").entry("1.0.0").entry("2.0.0")
        .skipRange(">=1.5.0 <2.0.0").entry("3.0.0").replaces("2.0.0").end().build()), "b", "1.0.0",
        Optional.empty(), Optional.empty());
    // 1.0.0 is also a head here, so OLM refuses the channel before looking at ranges
    assertThat(range.blocker()).map(Explain.Blocker::reason).contains(Reason.SEVERAL_HEADS);
    Explanation excluded = Explain.explain(CatalogModel.of(CatalogBuilder.create().pkg("b").defaultChannel("s")
        .bundle("1.0.0").bundle("2.0.0").bundle("3.0.0").channel("s").entry("1.0.0").entry("2.0.0")
        .skipRange(">=1.5.0 <2.0.0").entry("3.0.0").replaces("2.0.0").skips("1.0.0").end().build()),
        "b", "1.0.0", Optional.of("s"), Optional.empty());
    assertThat(excluded.path()).extracting(Explain.Step::to).containsExactly("b.v3.0.0");
    Explanation outside = Explain.explain(CatalogModel.of(CatalogBuilder.create().pkg("b").defaultChannel("s")
        .bundle("1.0.0").bundle("2.0.0").bundle("3.0.0").channel("s").entry("2.0.0").entry("3.0.0")
        .replaces("2.0.0").skipRange(">=1.5.0 <3.0.0").end().build()), "b", "1.0.0", Optional.empty(),
        Optional.empty());
    assertThat(outside.blocker()).map(Explain.Blocker::reason).contains(Reason.RANGE_EXCLUDES);
    assertThat(outside.blocker().get().detail()).contains(">=1.5.0 <3.0.0").contains("1.0.0");
  }

  @Test
  void cycleIsReported() {
    Explanation e = explain("1.1.0", "loop", null);
    assertThat(e.blocker()).map(Explain.Blocker::reason).contains(Reason.CYCLE);
    assertThat(e.blocker().get().detail()).contains("a.v1.2.0 -> a.v1.1.0 -> a.v1.2.0");
  }

  @Test
  void unknownNamesAreOneClearError() {
    assertThatThrownBy(() -> explain("9.9.9", null, null)).isInstanceOf(FbcException.class)
        .hasMessageContaining("9.9.9");
    assertThatThrownBy(() -> explain("1.0.0", "nope", null)).hasMessageContaining("stable");
  }

  @Test
  void cliTextAndJson(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("catalog.json"), Fbc.writeToString(fixture(), WriteOptions.defaults()));
    Run text = Run.inProcess("explain", dir.toString(), "a", "--from", "1.0.0");
    assertThat(text.rc()).isZero();
    assertThat(text.out()).contains("picked: a.v1.3.0").contains("a.v1.0.0 -> a.v1.3.0 (skipRange");
    Run json = Run.inProcess("explain", dir.toString(), "a", "--from", "0.8.0", "--channel", "fast", "-o", "json");
    assertThat(json.rc()).isEqualTo(3);
    JsonNode n = new ObjectMapper().readTree(json.stdout());
    assertThat(n.get("blocker").get("reason").asText()).isEqualTo("STRANDED");
    assertThat(n.get("reachesGoal").asBoolean()).isFalse();
    Run bad = Run.inProcess("explain", dir.toString(), "zz", "--from", "1.0.0");
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.stderr()).isEqualTo("package \"zz\" is not in the catalog\n");
  }

  @Test
  void realPackageFromTheCorpus() {
    Path input = Corpus.conformance("graph").resolve("ecr-secret-operator-skips").resolve("input");
    CatalogModel m = CatalogModel.of(Fbc.load(input));
    String head = m.pkg("ecr-secret-operator").flatMap(p -> p.defaultChannel()).flatMap(c -> c.graph().head())
        .orElseThrow();
    Explanation e = Explain.explain(m, "ecr-secret-operator", "0.4.0", Optional.empty(), Optional.empty());
    // 0.4.1 replaces 0.4.0 but the head skips 0.4.0, and OLM prefers the entry nearest the head
    assertThat(e.candidates()).extracting(Explain.Candidate::bundle).contains(head, "ecr-secret-operator.v0.4.1");
    assertThat(e.picked()).contains(head);
    assertThat(e.path()).extracting(Explain.Step::to).containsExactly(head);
  }
}
