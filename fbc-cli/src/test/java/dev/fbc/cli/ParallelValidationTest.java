package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.base.Problem;
import dev.fbc.model.Catalog;
import dev.fbc.testkit.CatalogBuilder;
import dev.fbc.validate.CatalogValidator;
import dev.fbc.validate.ValidationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation on several threads gives the report of a sequential one: the same problems in the same order (the
 * catalog is built in memory, so no problem has a file or line and the report keeps the order the checks found
 * them in), and the same did-you-mean hints, whose one budget runs out part way through the packages here.
 */
class ParallelValidationTest {
  private static final String DANGLING_TYPO = "may be a typo of";
  private static final String DANGLING_NO_HINT = "fine if those bundles were removed on purpose (opm allows it)";

  /** A package with problems in bundles, channels and the package blob, several of them with did-you-mean hints. */
  private static void troubled(CatalogBuilder c, String name, int i) {
    CatalogBuilder.PackageBuilder p = c.pkg(name).defaultChannel(i % 3 == 0 ? "stabe" : "stable");
    p.bundle("1.0.0").bundle("1.1.0").bundle("1.2.0").bundle("1.3.0");
    // 1.3.0 replaces a misspelt 1.1.0: a dangling reference and a second head, both with hints
    p.channel("stable").replacesChain("1.0.0", "1.1.0", "1.2.0").entry("1.3.0").replaces("1.1.1").end();
    p.channel("fast").entry("1.2.0").skipRange(i % 2 == 0 ? "not a range" : ">=1.0.0 <1.2.0").end();
    if (i % 4 == 1) {
      p.bundle(name + ".v2.0.0", "2.0.0", "Quay.io/Upper/Case:v2").channel("fast").entry("2.0.0").end();
    }
    if (i % 5 == 2) {
      p.bundle(name + ".v1.4.0", "v1.4.0", "quay.io/x/y:v1.4.0"); // no semver, and in no channel
    }
    if (i % 6 == 3) {
      p.bundle(name + ".v1.5.0", "1.5.0", "quay.io/x/y@sha256:abc", CatalogBuilder.property("olm.gvk", "[1]"));
    }
    if (i % 7 == 4) {
      p.bundle(name + ".dup", "1.0.0", "quay.io/x/y:dup").channel("fast").entry(name + ".dup").end();
    }
  }

  /**
   * Packages p00..p39, then one whose dangling references spend the whole did-you-mean budget (each is compared
   * with its channel's 3,100 entries), then q00..q19, whose hints the budget no longer covers.
   */
  private static Catalog catalog() {
    CatalogBuilder c = CatalogBuilder.create();
    for (int i = 0; i < 40; i++) {
      troubled(c, String.format("p%02d", i), i);
    }
    CatalogBuilder.ChannelBuilder big = c.pkg("big").defaultChannel("stable").channel("stable");
    for (int k = 0; k < 2000; k++) {
      big.entry("big.v1.0." + k);
      if (k > 0) {
        big.replaces("big.v1.0." + (k - 1));
      }
    }
    for (int k = 0; k < 1100; k++) {
      big.entry("big.extra." + k).replaces("a-bundle-that-went-away-long-ago-number-" + k);
    }
    for (int i = 0; i < 20; i++) {
      troubled(c, String.format("q%02d", i), i);
    }
    return c.build();
  }

  private static List<Problem> validate(Catalog c, int threads) {
    ValidationResult r = new CatalogValidator().withParallelism(threads).validate(c);
    return r.problems();
  }

  private static List<String> danglingHints(List<Problem> problems, String pkgPrefix) {
    return problems.stream().filter(p -> p.rule().equals("channel.dangling-reference")
        && p.packageName().startsWith(pkgPrefix)).map(Problem::hint).toList();
  }

  @Test
  void parallelValidationReportsWhatSequentialDoesInTheSameOrder() {
    Catalog c = catalog();
    List<Problem> sequential = validate(c, 1);
    for (int threads : new int[] {2, 3, 8}) {
      assertThat(validate(c, threads)).as("%d threads", threads).containsExactlyElementsOf(sequential);
    }
    // the catalog must hold what makes the comparison worth something: problems of every kind the parallel
    // parts produce, in many packages
    assertThat(sequential).extracting(Problem::rule).contains("bundle.image-invalid", "bundle.version-invalid",
        "bundle.property-invalid", "bundle.not-in-channel", "package.duplicate-versions",
        "package.default-channel-unknown", "channel.multiple-heads", "channel.dangling-reference",
        "bundle.skiprange-invalid");
    assertThat(sequential.stream().map(Problem::packageName).distinct().count()).isGreaterThan(50);
  }

  @Test
  void didYouMeanHintsSpendTheirBudgetInCheckOrder() {
    Catalog c = catalog();
    List<Problem> sequential = validate(c, 1);
    // before the package that spends the budget every misspelling gets its hint, after it none does
    assertThat(danglingHints(sequential, "p")).hasSize(40).allMatch(h -> h.contains(DANGLING_TYPO));
    assertThat(danglingHints(sequential, "q")).hasSize(20).allMatch(h -> h.equals(DANGLING_NO_HINT));
    List<String> big = danglingHints(sequential, "big");
    assertThat(big).hasSize(1100);
    assertThat(sequential).filteredOn(p -> p.rule().equals("package.default-channel-unknown"))
        .extracting(Problem::hint).anyMatch(h -> h.contains("did you mean \"stable\"?"))
        .anyMatch(h -> !h.contains("did you mean"));
    List<Problem> parallel = validate(c, 2);
    assertThat(danglingHints(parallel, "p")).containsExactlyElementsOf(danglingHints(sequential, "p"));
    assertThat(danglingHints(parallel, "q")).containsExactlyElementsOf(danglingHints(sequential, "q"));
    assertThat(danglingHints(parallel, "big")).containsExactlyElementsOf(big);
  }
}
