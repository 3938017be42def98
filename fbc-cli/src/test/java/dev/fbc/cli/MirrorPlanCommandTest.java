package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.image.ImageReference;
import dev.fbc.mirror.MirrorDestination;
import dev.fbc.mirror.MirrorPlan;
import dev.fbc.model.Catalog;
import dev.fbc.ops.CatalogFilter;
import dev.fbc.ops.FilterConfiguration;
import dev.fbc.ops.FilterMode;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.testkit.Fixtures;
import dev.fbc.testkit.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fbc mirror plan} end to end, and the plan of a pruned real catalog, against expected files written by
 * hand from the rules in docs/mirroring.md (test resources {@code dev/fbc/cli/mirror/*}, each with a README).
 */
class MirrorPlanCommandTest {
  private static final String INDEX = "registry.example.com/redhat/redhat-operator-index:v4.18";

  /** The expected files of a case, by name (README.md is the case's description, not an output). */
  static Map<String, String> expected(String name) throws Exception {
    Path dir = Path.of(MirrorPlanCommandTest.class.getResource("mirror/" + name).toURI());
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (!p.getFileName().toString().equals("README.md")) {
          out.put(p.getFileName().toString(), Files.readString(p));
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  static Map<String, String> written(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        out.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return out;
  }

  static Map<String, String> outputs(MirrorPlan plan) {
    Map<String, String> out = new TreeMap<>();
    plan.outputs().forEach(o -> out.put(o.fileName(), o.text()));
    return out;
  }

  @Test
  void walkthroughCatalogEndToEnd(@TempDir Path tmp) throws Exception {
    Path catalog = Fixtures.minioOperatorDir(tmp);
    Path out = tmp.resolve("plan");
    Run r = Run.inProcess("mirror", "plan", catalog.toString(), "--to", "docker://localhost:5000",
        "--output-dir", out.toString(), "--catalog-image", INDEX);
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).startsWith("3 images to mirror; wrote mapping.txt, itms-operator-0.yaml, "
        + "cs-redhat-operator-index-v4-18.yaml, cc-redhat-operator-index-v4-18.yaml, registries.conf in ");
    assertThat(written(out)).isEqualTo(expected("walkthrough"));

    // a second run finds the same files and succeeds without touching them
    Run again = Run.inProcess("mirror", "plan", catalog.toString(), "--to", "docker://localhost:5000",
        "--output-dir", out.toString(), "--catalog-image", INDEX);
    assertThat(again.rc()).as(again.stderr()).isZero();
    assertThat(written(out)).isEqualTo(expected("walkthrough"));

    // another destination would change every file: refused without --overwrite, nothing written
    Files.writeString(out.resolve("notes.txt"), "unrelated");
    Run other = Run.inProcess("mirror", "plan", catalog.toString(), "--to", "docker://other:5000",
        "--output-dir", out.toString(), "--catalog-image", INDEX);
    assertThat(other.rc()).isEqualTo(1);
    assertThat(other.stderr()).endsWith("mapping.txt: exists with other content; nothing was written "
        + "(--overwrite replaces it)\n").doesNotContain("Exception").hasLineCount(1);
    assertThat(Files.readString(out.resolve("mapping.txt"))).isEqualTo(expected("walkthrough").get("mapping.txt"));
    Run replaced = Run.inProcess("mirror", "plan", catalog.toString(), "--to", "docker://other:5000",
        "--output-dir", out.toString(), "--catalog-image", INDEX, "--overwrite");
    assertThat(replaced.rc()).as(replaced.stderr()).isZero();
    assertThat(Files.readString(out.resolve("mapping.txt"))).contains("=docker://other:5000/minio/operator:v5.0.10\n");
    assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("unrelated");
  }

  @Test
  void prunedBenchCatalogIsPlannedAsTheRulesSay(@TempDir Path tmp) throws Exception {
    Path archive = Corpus.shared().resolve("bench").resolve("community-catalogs-v4.20.tar.xz");
    assertThat(archive).exists();
    // only the two packages' files: unpacking the whole catalog is not needed
    Process p = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", tmp.toString(),
        "community-catalogs-v4.20/kubevirt-wol", "community-catalogs-v4.20/nfs-provisioner-operator")
        .inheritIO().start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    Catalog in = Fbc.load(tmp.resolve("community-catalogs-v4.20"));
    Catalog pruned = CatalogFilter.filter(in, FilterConfiguration.ofKeeps(List.of("kubevirt-wol",
        "nfs-provisioner-operator")), FilterMode.HEADS_ONLY).catalog();
    assertThat(pruned.bundles()).extracting(b -> b.name())
        .containsExactlyInAnyOrder("kubevirt-wol.v0.0.2", "nfs-provisioner-operator.v0.0.9");
    MirrorPlan plan = MirrorPlan.of(CatalogModel.of(pruned), MirrorPlan.Options.builder()
        .destination(MirrorDestination.parse("docker://mirror.example.com:5000/ocp"))
        .catalogImage(ImageReference.parse("registry.example.com/community/community-operator-index@sha256:"
            + "0123456789abcdef".repeat(4)))
        .icsp(MirrorPlan.Icsp.WRITE)
        .build());
    assertThat(outputs(plan)).isEqualTo(expected("bench-v4.20"));
  }

  @Test
  void aCatalogImageArgumentIsMirroredAndNamesTheCatalogSource(@TempDir Path tmp) throws Exception {
    Prerequisites.registryTools("a catalog image argument", TestRegistry.Auth.NONE, false);
    Path catalog = Fixtures.minioOperatorDir(tmp.resolve("cat"));
    try (TestRegistry reg = TestRegistry.start(tmp, TestRegistry.Auth.NONE, false)) {
      String image = reg.host() + "/redhat/redhat-operator-index:v4.18";
      Run built = Run.inProcess("build", catalog.toString(), "--base", "scratch", "--tag", image, "--use-http",
          "--no-cache");
      assertThat(built.rc()).as(built.stderr()).isZero();
      Path out = tmp.resolve("plan");
      Run r = Run.inProcess("mirror", "plan", image, "--use-http", "--no-cache", "--to", "docker://localhost:5000",
          "--output-dir", out.toString());
      assertThat(r.rc()).as(r.stderr()).isZero();
      Map<String, String> want = new TreeMap<>(expected("walkthrough"));
      // the same plan as the walkthrough's with the catalog at the test registry (its line sorts first)
      want.put("mapping.txt", "docker://" + image + "=docker://localhost:5000/redhat/redhat-operator-index:v4.18\n"
          + want.get("mapping.txt").lines().filter(l -> l.startsWith("docker://quay.io/"))
              .map(l -> l + "\n").reduce("", String::concat));
      assertThat(written(out)).isEqualTo(want);
    }
  }

  @Test
  void optionsOfEveryOutput(@TempDir Path tmp) throws Exception {
    Path catalog = Fixtures.minioOperatorDir(tmp);
    Path template = Files.writeString(tmp.resolve("cs.yaml"), """
        apiVersion: operators.coreos.com/v1alpha1
        kind: CatalogSource
        spec:
          displayName: Mirrored
        """);
    Path out = tmp.resolve("plan");
    Run r = Run.inProcess("mirror", "plan", catalog.toString(), "--to", "docker://mirror.example.com/a/b",
        "--output-dir", out.toString(), "--naming", "oc-adm", "--max-components", "3", "--catalog-image", INDEX,
        "--catalog-source-template", template.toString(), "--registries-conf-style", "rewrite",
        "--insecure-mirror", "--created-at", "2026-01-31T12:00:00+01:00", "--icsp");
    assertThat(r.rc()).as(r.stderr()).isZero();
    Map<String, String> files = written(out);
    // oc adm naming: a/b + minio/operator, 3 components -> a/b/minio-operator; no transports in mapping.txt
    assertThat(files.get("mapping.txt")).isEqualTo("""
        quay.io/minio/minio-operator-bundle:v5.0.10=mirror.example.com/a/b/minio-minio-operator-bundle:v5.0.10
        quay.io/minio/operator:v5.0.10=mirror.example.com/a/b/minio-operator:v5.0.10
        registry.example.com/redhat/redhat-operator-index:v4.18=mirror.example.com/a/b/redhat-redhat-operator-index:v4.18
        """);
    // no images by digest: no IDMS and no ICSP even with --icsp
    assertThat(files).doesNotContainKeys("idms-operator-0.yaml", "imageContentSourcePolicy.yaml");
    assertThat(files.get("registries.conf")).isEqualTo("""
        [[registry]]
          prefix = "quay.io/minio/minio-operator-bundle"
          location = "mirror.example.com/a/b/minio-minio-operator-bundle"
          insecure = true

        [[registry]]
          prefix = "quay.io/minio/operator"
          location = "mirror.example.com/a/b/minio-operator"
          insecure = true
        """);
    assertThat(files.get("cs-redhat-redhat-operator-index-v4-18.yaml")).isEqualTo("""
        apiVersion: operators.coreos.com/v1alpha1
        kind: CatalogSource
        metadata:
          annotations:
            createdAt: "2026-01-31T11:00:00Z"
            createdBy: fbc
          name: cs-redhat-redhat-operator-index-v4-18
          namespace: openshift-marketplace
        spec:
          displayName: Mirrored
          image: mirror.example.com/a/b/redhat-redhat-operator-index:v4.18
          sourceType: grpc
        """);
  }

  @Test
  void badInputIsOneLineAndWritesNothing(@TempDir Path tmp) throws Exception {
    Path catalog = Fixtures.minioOperatorDir(tmp);
    Path out = tmp.resolve("plan");
    Path badTemplate = Files.writeString(tmp.resolve("bad.yaml"),
        "apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\nspec:\n  configMap: x\n");
    Map<List<String>, String> cases = Map.of(
        List.of("--to", "quay.io/mirror"),
        "invalid mirror destination \"quay.io/mirror\": expected docker://HOST[:PORT][/PREFIX]",
        List.of("--to", "docker://m", "--naming", "oc-adm", "--max-components", "1"),
        "max components must be 0 (unlimited) or 2 or more, not 1",
        List.of("--to", "docker://m", "--max-components", "3"), "--max-components applies to --naming oc-adm",
        List.of("--to", "docker://m", "--naming", "v1"), "invalid --naming value \"v1\", expected (v2|oc-adm)",
        List.of("--to", "docker://m", "--registries-conf-style", "x"),
        "invalid --registries-conf-style value \"x\", expected (mirror|rewrite)",
        List.of("--to", "docker://m", "--created-at", "yesterday"),
        "invalid --created-at value \"yesterday\", expected an RFC 3339 time such as 2026-01-31T12:00:00Z, or now",
        List.of("--to", "docker://m", "--catalog-image", INDEX, "--catalog-source-template", badTemplate.toString()),
        "catalog source template " + badTemplate + ": spec.configMap must not be set (the catalog is served from an "
            + "image)");
    cases.forEach((args, message) -> {
      List<String> all = new java.util.ArrayList<>(List.of("mirror", "plan", catalog.toString(), "--output-dir",
          out.toString()));
      all.addAll(args);
      Run r = Run.inProcess(all.toArray(new String[0]));
      assertThat(r.rc()).as(args.toString()).isEqualTo(1);
      assertThat(r.stderr()).as(args.toString()).isEqualTo(message + "\n");
      assertThat(out).as(args.toString()).doesNotExist();
    });
  }

  @Test
  void mirrorHelpListsPlanAndPlanKeepsItsOptions() {
    // fbc mirror itself copies (MirrorCommandTest); plan stays its subcommand
    Run r = Run.inProcess("mirror", "--help");
    assertThat(r.rc()).isZero();
    assertThat(r.out()).contains("Usage: fbc mirror").contains("plan");
    assertThat(Run.inProcess("mirror", "plan", "--help").out()).contains("--registries-conf-style")
        .contains("--max-components").contains("--catalog-source-template");
  }
}
