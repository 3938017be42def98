package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.base.OutputFormat;
import dev.fbc.model.Catalog;
import dev.fbc.testkit.CatalogBuilder;
import dev.fbc.testkit.CatalogFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fbc add, set, merge and the extras of prune, through the command line. */
class AuthoringCommandsTest {
  @TempDir
  Path tmp;

  private Path bundleDir(String version) throws IOException {
    Path src = Path.of(System.getProperty("user.dir")).getParent().resolve("testdata/minio-operator-bundle-5.0.10");
    Path dir = tmp.resolve("bundles/" + version);
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dir.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.writeString(t, Files.readString(p).replace("5.0.10", version));
        }
      }
    }
    return dir;
  }

  private Run add(String version, String... extra) throws IOException {
    String[] base = {"add", "bundle", bundleDir(version).toString(), "--catalog", tmp.resolve("cat").toString(),
        "--channel", "stable", "--image-ref-template", "quay.io/minio/minio-operator-bundle:v{{.Version}}"};
    String[] args = Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
    return Run.inProcess(args);
  }

  @Test
  void addBundleBuildsAValidThreeVersionChannelFromNothingAndRefusesASecondHead() throws IOException {
    for (String v : List.of("1.0.0", "1.1.0", "1.2.0")) {
      Run r = add(v);
      assertThat(r.rc()).as(r.stderr()).isZero();
    }
    Path cat = tmp.resolve("cat");
    assertThat(Run.inProcess("validate", cat.toString()).rc()).isZero();
    Catalog c = Fbc.load(cat);
    assertThat(c.packages()).singleElement().satisfies(p -> assertThat(p.defaultChannel()).isEqualTo("stable"));
    assertThat(c.channels().get(0).entries()).extracting(e -> e.name() + "<" + e.replaces()).containsExactly(
        "minio-operator.v1.0.0<", "minio-operator.v1.1.0<minio-operator.v1.0.0",
        "minio-operator.v1.2.0<minio-operator.v1.1.0");

    String before = Files.readString(cat.resolve("minio-operator/catalog.yaml"));
    Run second = add("1.3.0", "--replaces", "none");
    assertThat(second.rc()).isEqualTo(1);
    assertThat(second.stderr()).contains("refusing the edit")
        .contains("multiple channel heads found in graph: minio-operator.v1.2.0, minio-operator.v1.3.0")
        .contains("probably \"minio-operator.v1.3.0\" should replace (or skip) \"minio-operator.v1.2.0\"");
    assertThat(Files.readString(cat.resolve("minio-operator/catalog.yaml"))).isEqualTo(before);

    Run again = add("1.2.0");
    assertThat(again.rc()).isEqualTo(1);
    assertThat(again.stderr()).contains("already in package");
  }

  @Test
  void addChannelAndSetDefaultChannel() throws IOException {
    add("1.0.0");
    add("1.1.0");
    Path cat = tmp.resolve("cat");
    Run ch = Run.inProcess("add", "channel", "fast", "--package", "minio-operator", "--catalog", cat.toString(),
        "--entry", "minio-operator.v1.0.0", "--entry", "minio-operator.v1.1.0");
    assertThat(ch.rc()).as(ch.stderr()).isZero();
    Run set = Run.inProcess("set", "default-channel", "minio-operator", "fast", "--catalog", cat.toString());
    assertThat(set.rc()).as(set.stderr()).isZero();
    assertThat(Fbc.load(cat).packages().get(0).defaultChannel()).isEqualTo("fast");
    Run bad = Run.inProcess("set", "default-channel", "minio-operator", "nope", "--catalog", cat.toString());
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.stderr()).contains("has no channel \"nope\"");
    Run bogus = Run.inProcess("add", "channel", "broken", "--package", "minio-operator", "--catalog",
        cat.toString(), "--entry", "minio-operator.v9.9.9");
    assertThat(bogus.rc()).isEqualTo(1);
    assertThat(bogus.stderr()).contains("no olm.bundle blobs found in package \"minio-operator\"");
  }

  @Test
  void mergeReportsConflictsWithBothPlacesAndResolvesThemOnRequest() {
    Catalog a = CatalogBuilder.create().pkg("etcd").defaultChannel("stable").bundle("1.0.0")
        .channel("stable").entry("1.0.0").end().build();
    Catalog b = CatalogBuilder.create().pkg("etcd").defaultChannel("fast").bundle("1.0.0")
        .channel("stable").entry("1.0.0").end().channel("fast").entry("1.0.0").end().build();
    Path da = CatalogFiles.write(a, tmp.resolve("a"), OutputFormat.YAML);
    Path db = CatalogFiles.write(b, tmp.resolve("b"), OutputFormat.JSON);
    Run conflict = Run.inProcess("merge", da.toString(), db.toString());
    assertThat(conflict.rc()).isEqualTo(1);
    assertThat(conflict.stdout()).isEmpty();
    assertThat(conflict.stderr()).contains("defaultChannel \"stable\" vs \"fast\"")
        .contains(da.resolve("etcd/catalog.yaml") + ":").contains(db.resolve("etcd/catalog.json") + ":");
    Run last = Run.inProcess("merge", da.toString(), db.toString(), "--on-conflict", "prefer-last", "-o", "yaml");
    assertThat(last.rc()).as(last.stderr()).isZero();
    assertThat(last.out()).contains("defaultChannel: fast").contains("name: fast");
    Run first = Run.inProcess("merge", da.toString(), db.toString(), "--on-conflict", "prefer-first",
        "--output-dir", tmp.resolve("out").toString());
    assertThat(first.rc()).as(first.stderr()).isZero();
    assertThat(Fbc.load(tmp.resolve("out")).packages().get(0).defaultChannel()).isEqualTo("stable");
    assertThat(Files.exists(tmp.resolve("out/etcd/catalog.json"))).isTrue();
  }

  @Test
  void unionChannelsAndProblemsTheMergeIntroduces() {
    Catalog a = CatalogBuilder.create().pkg("etcd").defaultChannel("stable").bundle("1.0.0").bundle("1.1.0")
        .channel("stable").entry("1.0.0").entry("1.1.0").replaces("1.0.0").end().build();
    Catalog b = CatalogBuilder.create().pkg("etcd").defaultChannel("stable").bundle("1.0.0").bundle("1.2.0")
        .channel("stable").entry("1.0.0").entry("1.2.0").replaces("1.0.0").end().build();
    Path da = CatalogFiles.write(a, tmp.resolve("a"), OutputFormat.YAML);
    Path db = CatalogFiles.write(b, tmp.resolve("b"), OutputFormat.YAML);
    Run union = Run.inProcess("merge", da.toString(), db.toString(), "--union-channels");
    assertThat(union.rc()).isEqualTo(1);
    assertThat(union.stderr()).contains("after merging: multiple channel heads found in graph: etcd.v1.1.0, "
        + "etcd.v1.2.0").contains("each input alone did not have this problem");
  }

  @Test
  void pruneDropsOrphansOnRequestAndReports() {
    Path c = Corpus.conformance("prune").resolve("skipped-bundles-from-other-channels-kept");
    Run kept = Run.inProcess("prune", c.resolve("input").toString(), "--config", c.resolve("filter.yaml").toString());
    assertThat(kept.stderr()).contains("note: kept 4 bundles with no channel entry")
        .contains("report: package \"konflux-operator\" channel \"stable-v0.2\"");
    Run dropped = Run.inProcess("prune", c.resolve("input").toString(), "--config",
        c.resolve("filter.yaml").toString(), "--drop-orphans", "--report", "json", "--output-dir",
        tmp.resolve("pruned").toString());
    assertThat(dropped.rc()).as(dropped.stderr()).isZero();
    assertThat(dropped.stderr()).contains("\"keptOutsideRange\": [").contains("\"newHead\":");
    assertThat(Run.inProcess("validate", tmp.resolve("pruned").toString()).rc()).isZero();
    assertThat(Fbc.load(tmp.resolve("pruned")).bundles()).hasSize(2);
    Run quiet = Run.inProcess("prune", c.resolve("input").toString(), "--config",
        c.resolve("filter.yaml").toString(), "--report", "none");
    assertThat(quiet.rc()).as(quiet.stderr()).isZero();
    assertThat(quiet.stderr()).doesNotContain("report:").doesNotContain("keptOutsideRange");
    Run bad = Run.inProcess("prune", c.resolve("input").toString(), "--report", "xml");
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.stdout()).isEmpty();
    assertThat(bad.stderr()).contains("invalid --report value \"xml\", expected (text|json|none)");
  }

  @Test
  void pruneWithDependenciesAddsWhatKeptBundlesRequireAndSaysWhy() {
    Catalog c = CatalogBuilder.create()
        .pkg("app").defaultChannel("stable")
            .bundle("app.v1.0.0", "1.0.0", "quay.io/x/app:1.0.0",
                CatalogBuilder.property("olm.package.required", "{\"packageName\":\"db\",\"versionRange\":\">=1.1.0\"}"),
                CatalogBuilder.property("olm.gvk.required", "{\"group\":\"cache.example.com\",\"kind\":\"Cache\",\"version\":\"v1\"}"))
            .channel("stable").entry("app.v1.0.0").end()
        .pkg("db").defaultChannel("stable").bundle("1.0.0").bundle("1.1.0").bundle("1.2.0")
            .channel("stable").replacesChain("1.0.0", "1.1.0", "1.2.0").end()
        .pkg("cache").defaultChannel("alpha")
            .bundle("cache.v0.1.0", "0.1.0", "quay.io/x/cache:0.1.0",
                CatalogBuilder.property("olm.gvk", "{\"group\":\"cache.example.com\",\"kind\":\"Cache\",\"version\":\"v1\"}"))
            .channel("alpha").entry("cache.v0.1.0").end()
        .pkg("unrelated").defaultChannel("stable").bundle("9.0.0").channel("stable").entry("9.0.0").end()
        .build();
    Path dir = CatalogFiles.write(c, tmp.resolve("deps"), OutputFormat.YAML);
    Run r = Run.inProcess("prune", dir.toString(), "--keep", "app", "--with-dependencies", "--output-dir",
        tmp.resolve("out").toString());
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.stderr())
        .contains("dependency: added db.v1.2.0 (channel stable): package db >=1.1.0 is required by app.v1.0.0")
        .contains("dependency: added cache.v0.1.0 (channel alpha): it provides API cache.example.com/v1 Cache,"
            + " required by app.v1.0.0");
    Catalog out = Fbc.load(tmp.resolve("out"));
    assertThat(out.packages()).extracting(p -> p.name()).containsExactlyInAnyOrder("app", "db", "cache");
    assertThat(Run.inProcess("validate", tmp.resolve("out").toString()).rc()).isZero();
  }

  @Test
  void aDependencyOnlyInANonDefaultChannelKeepsThatBundleAndUnmetOnesAreSaidOnce() {
    Catalog c = CatalogBuilder.create()
        .pkg("app").defaultChannel("stable")
            .bundle("app.v1.0.0", "1.0.0", "quay.io/x/app:1.0.0",
                CatalogBuilder.property("olm.package.required", "{\"packageName\":\"db\",\"versionRange\":\">=2.0.0\"}"),
                CatalogBuilder.property("olm.package.required", "{\"packageName\":\"nowhere\",\"versionRange\":\">=1.0.0\"}"))
            .channel("stable").entry("app.v1.0.0").end()
        .pkg("db").defaultChannel("stable").bundle("1.0.0").bundle("1.1.0").bundle("2.0.0")
            .channel("stable").replacesChain("1.0.0", "1.1.0").end()
            .channel("fast").replacesChain("1.1.0", "2.0.0").end()
        .build();
    Path dir = CatalogFiles.write(c, tmp.resolve("deps-fast"), OutputFormat.YAML);
    Run r = Run.inProcess("prune", dir.toString(), "--keep", "app", "--with-dependencies", "--output-dir",
        tmp.resolve("out-fast").toString());
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.stderr()).contains("dependency: added db.v2.0.0 (channel fast): package db >=2.0.0 is required"
        + " by app.v1.0.0");
    assertThat(r.stderr().lines().filter(l -> l.contains("unsatisfied: app.v1.0.0 requires package nowhere")))
        .hasSize(1);
    Catalog out = Fbc.load(tmp.resolve("out-fast"));
    assertThat(out.bundles()).extracting(b -> b.name()).contains("db.v2.0.0");
    assertThat(out.findPackage("db").orElseThrow().defaultChannel()).isEqualTo("fast");
    assertThat(Run.inProcess("validate", tmp.resolve("out-fast").toString()).rc()).isZero();
  }

  @Test
  void aPackageTheCatalogLacksIsNamedWithADidYouMean() throws IOException {
    Path input = Corpus.conformance("prune").resolve("channel-range-min-only/input");
    String pkg = Fbc.load(input).packages().get(0).name();
    String typo = pkg.substring(0, pkg.length() - 1);
    Run none = Run.inProcess("prune", input.toString(), "--keep", typo);
    assertThat(none.rc()).isEqualTo(1);
    assertThat(none.stderr()).contains("note: package \"" + typo + "\" is not in the catalog (did you mean \""
        + pkg + "\"?)").contains("none of the packages to keep is in the catalog");
    assertThat(none.stdout()).isEmpty();
    Run some = Run.inProcess("prune", input.toString(), "--keep", typo, "--keep", pkg);
    assertThat(some.rc()).as(some.stderr()).isZero();
    assertThat(some.stderr()).contains("note: package \"" + typo + "\" is not in the catalog");
    Path cfg = Files.writeString(tmp.resolve("typo.yaml"), "apiVersion: olm.operatorframework.io/filter/mirror/"
        + "v1alpha1\nkind: FilterConfiguration\npackages:\n- name: " + typo + "\n");
    Run byConfig = Run.inProcess("prune", input.toString(), "--config", cfg.toString());
    assertThat(byConfig.rc()).as("a FilterConfiguration keeps oc-mirror's way: empty output").isZero();
    assertThat(byConfig.stderr()).contains("oc-mirror ignores it too");
  }

  @Test
  void pruneByKeepFlagsAndByImageSetConfiguration() throws IOException {
    Path input = Corpus.conformance("prune").resolve("channel-range-min-only/input");
    Path filter = Corpus.conformance("prune").resolve("channel-range-min-only/filter.yaml");
    Run byConfig = Run.inProcess("prune", input.toString(), "--config", filter.toString());
    String yaml = Files.readString(filter);
    String pkg = yaml.replaceAll("(?s).*?packages:\\s*\\n\\s*- name: ([^\\n]+)\\n.*", "$1").strip();
    String channel = yaml.replaceAll("(?s).*channels:\\s*\\n\\s*- name: ([^\\n]+)\\n.*", "$1").strip();
    String range = yaml.replaceAll("(?s).*versionRange: \"([^\"]+)\".*", "$1").strip();
    Run byKeep = Run.inProcess("prune", input.toString(), "--keep", pkg + ":" + channel + "@" + range);
    assertThat(byKeep.rc()).as(byKeep.stderr()).isZero();
    assertThat(byKeep.out()).isEqualTo(byConfig.out());
    String min = range.replace(">=", "");
    Path isc = Files.writeString(tmp.resolve("isc.yaml"), "apiVersion: mirror.openshift.io/v2alpha1\n"
        + "kind: ImageSetConfiguration\nmirror:\n  operators:\n  - catalog: registry.example.com/catalog:v1\n"
        + "    packages:\n    - name: " + pkg + "\n      channels:\n      - name: " + channel + "\n        minVersion: "
        + min + "\n");
    Run byIsc = Run.inProcess("prune", input.toString(), "--config", isc.toString());
    assertThat(byIsc.rc()).as(byIsc.stderr()).isZero();
    assertThat(byIsc.out()).isEqualTo(byConfig.out());
  }
}
