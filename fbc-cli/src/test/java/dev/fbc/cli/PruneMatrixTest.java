package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.semver.Constraint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per row of oc-mirror v2's behaviour matrix (users-and-mirror.md, part 2), each on a real catalog of
 * the prune corpus, checking what the row promises rather than bytes (the conformance test checks those).
 */
class PruneMatrixTest {

  private static Path c(String name) {
    return Corpus.conformance("prune").resolve(name);
  }

  private static Run prune(String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("prune", c(name).resolve("input").toString(), "--config",
        c(name).resolve("filter.yaml").toString()));
    args.addAll(List.of(extra));
    return Run.inProcess(args.toArray(new String[0]));
  }

  private static Catalog parse(Run r) throws Exception {
    assertThat(r.rc()).as(r.stderr()).isZero();
    Path dir = Files.createTempDirectory("pruned");
    Files.write(dir.resolve("catalog.json"), r.stdout());
    return Fbc.load(dir);
  }

  private static Catalog input(String name) {
    return Fbc.load(c(name).resolve("input"));
  }

  @Test
  void catalogOnlyKeepsTheHeadOfEveryChannelOfEveryPackage() throws Exception {
    Catalog out = parse(prune("heads-only-whole-catalog-no-packages"));
    Catalog in = input("heads-only-whole-catalog-no-packages");
    assertThat(out.packages()).extracting(PackageBlob::name)
        .containsExactlyInAnyOrderElementsOf(in.packages().stream().map(PackageBlob::name).toList());
    assertThat(out.channels()).hasSameSizeAs(in.channels())
        .allSatisfy(ch -> assertThat(ch.entries()).hasSize(1));
  }

  @Test
  void catalogWithFullIsTheWholeCatalog() {
    Run r = prune("full-no-packages-whole-catalog", "--full");
    assertThat(r.out()).isEqualTo(Run.inProcess("render", c("full-no-packages-whole-catalog").resolve("input")
        .toString()).out());
  }

  @Test
  void aPackageWithoutChannelsKeepsEveryChannelHeadOnly() throws Exception {
    Catalog out = parse(prune("one-package-no-channels-heads-only"));
    assertThat(out.packages()).hasSize(1);
    String pkg = out.packages().get(0).name();
    long channelsIn = input("one-package-no-channels-heads-only").channels().stream()
        .filter(ch -> ch.packageName().equals(pkg)).count();
    assertThat(out.channels()).hasSize((int) channelsIn).allSatisfy(ch -> assertThat(ch.entries()).hasSize(1));
  }

  @Test
  void aPackageWithFullKeepsAllItsBundles() throws Exception {
    Catalog out = parse(prune("full-one-package", "--full"));
    String pkg = out.packages().get(0).name();
    Catalog in = input("full-one-package");
    for (ChannelBlob ch : out.channels()) {
      ChannelBlob orig = in.channels().stream().filter(x -> x.packageName().equals(pkg) && x.name().equals(ch.name()))
          .findFirst().orElseThrow();
      assertThat(ch.entries()).isEqualTo(orig.entries());
    }
  }

  @Test
  void aPackageWithChannelsKeepsThoseHeadsAndNeedsItsDefault() throws Exception {
    Catalog out = parse(prune("one-package-channels-including-default"));
    assertThat(out.channels()).allSatisfy(ch -> assertThat(ch.entries()).hasSize(1));
    assertThat(out.channels()).extracting(ChannelBlob::name).contains(out.packages().get(0).defaultChannel());
    Run missingDefault = prune("channels-without-default-channel-error");
    assertThat(missingDefault.rc()).isEqualTo(1);
    assertThat(missingDefault.stderr()).contains("a new default channel must be configured for this package");
  }

  @Test
  void aChannelMinVersionKeepsTheChainFromMinToTheHead() throws Exception {
    Catalog out = parse(prune("channel-range-min-only"));
    Catalog in = input("channel-range-min-only");
    ChannelBlob ch = out.channels().get(0);
    ChannelBlob orig = in.channels().stream().filter(x -> x.name().equals(ch.name())
        && x.packageName().equals(ch.packageName())).findFirst().orElseThrow();
    assertThat(dev.fbc.graph.UpgradeGraph.of(ch).heads()).isEqualTo(dev.fbc.graph.UpgradeGraph.of(orig).heads());
    Constraint min = Constraint.parse(">=1.18.1");
    assertThat(out.bundles()).allSatisfy(b -> assertThat(min.test(Constraint.strictVersion(b.version().orElseThrow())))
        .isTrue());
  }

  @Test
  void aChannelMaxVersionBelowTheHeadDropsTheHead() throws Exception {
    Catalog out = parse(prune("channel-range-new-head-below-head"));
    Catalog in = input("channel-range-new-head-below-head");
    String oldHead = dev.fbc.graph.UpgradeGraph.of(in.channels().stream()
        .filter(x -> x.name().equals("stable")).findFirst().orElseThrow()).head().orElseThrow();
    ChannelBlob ch = out.channels().get(0);
    assertThat(ch.entries()).extracting(e -> e.name()).doesNotContain(oldHead);
    assertThat(dev.fbc.graph.UpgradeGraph.of(ch).head()).contains("rabbitmq-messaging-topology-operator.v1.17.4");
  }

  @Test
  void aPackageRangeAppliesToEveryChannelAndDropsChannelsItEmpties() throws Exception {
    Catalog all = parse(prune("package-version-range-all-channels"));
    assertThat(all.channels()).isNotEmpty();
    Catalog dropped = parse(prune("package-version-range-drops-non-default-channels"));
    assertThat(dropped.channels().size())
        .isLessThan((int) input("package-version-range-drops-non-default-channels").channels().stream()
            .filter(ch -> ch.packageName().equals(dropped.packages().get(0).name())).count());
    assertThat(dropped.channels()).extracting(ChannelBlob::name).contains(dropped.packages().get(0).defaultChannel());
    Run empties = prune("package-version-range-empties-default-channel-error");
    assertThat(empties.rc()).isEqualTo(1);
    assertThat(empties.stderr()).contains("that results in an empty channel");
  }

  @Test
  void aPackageRangeAndAChannelRangeTogetherAreAnError() {
    Run r = prune("package-and-channel-range-error");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("package.VersionRange and channel.VersionRange are exclusive");
  }

  @Test
  void fullWithARangeIsAnError() {
    Run r = prune("full-with-channel-range-error", "--full");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("Full: true cannot be mixed with versionRange");
  }
}
