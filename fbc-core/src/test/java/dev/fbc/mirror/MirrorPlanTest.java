package dev.fbc.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.base.FbcException;
import dev.fbc.image.ImageReference;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.RelatedImage;
import dev.fbc.base.Source;
import dev.fbc.semantic.CatalogModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's naming and outputs against the rules of docs/mirroring.md (oc-mirror v2, {@code oc adm catalog
 * mirror}); every expected value is written out from the rules, not taken from a run.
 */
class MirrorPlanTest {
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);
  private static final String ETCD =
      "quay.io/coreos/etcd-operator@sha256:db563baa8194fcfe39d1df744ed70024b0f1f9e9b55b5923c2f3a413c44dc6b8";

  /** A package {@code p} with one bundle per argument: its image, then its related images. */
  static CatalogModel catalog(List<String>... bundles) {
    List<dev.fbc.model.Blob> blobs = new ArrayList<>();
    blobs.add(PackageBlob.of("p", "c"));
    for (int i = 0; i < bundles.length; i++) {
      List<String> b = bundles[i];
      List<RelatedImage> related = b.subList(1, b.size()).stream().map(r -> new RelatedImage("", r)).toList();
      blobs.add(new BundleBlob("p.v" + i, "p", b.get(0), List.of(), related, Map.of(), Source.NONE));
    }
    return CatalogModel.of(Catalog.of(blobs));
  }

  static MirrorPlan.Options.Builder to(String dest) {
    return MirrorPlan.Options.builder().destination(MirrorDestination.parse(dest));
  }

  static String text(MirrorPlan plan, String file) {
    return plan.outputs().stream().filter(o -> o.fileName().equals(file)).findFirst().orElseThrow().text();
  }

  static List<String> files(MirrorPlan plan) {
    return plan.outputs().stream().map(MirrorPlan.Output::fileName).toList();
  }

  // ---- v2 naming ----

  @Test
  void v2NamingOfDigestOnlyTaggedAndTagPlusDigestSources() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/ns/bundle@" + D1, "quay.io/ns/tagged:v1",
        "quay.io/ns/both:v2@" + D2, "")), to("docker://mirror.example.com/ocp").build());
    assertThat(plan.images()).extracting(MirrorPlan.Image::destination).containsExactly(
        "mirror.example.com/ocp/ns/both:v2",
        "mirror.example.com/ocp/ns/bundle:sha256-" + "1".repeat(64),
        "mirror.example.com/ocp/ns/tagged:v1");
    assertThat(plan.images()).extracting(MirrorPlan.Image::pinning).containsExactly(
        MirrorPlan.Pinning.TAG_AND_DIGEST, MirrorPlan.Pinning.DIGEST, MirrorPlan.Pinning.TAG);
    assertThat(plan.images()).extracting(MirrorPlan.Image::kind).containsExactly(
        MirrorPlan.Kind.RELATED_IMAGE, MirrorPlan.Kind.BUNDLE, MirrorPlan.Kind.RELATED_IMAGE);
    // tag+digest: pulled by digest, pushed with the tag only
    assertThat(plan.mapping().text()).isEqualTo(""
        + "docker://quay.io/ns/both@" + D2 + "=docker://mirror.example.com/ocp/ns/both:v2\n"
        + "docker://quay.io/ns/bundle@" + D1 + "=docker://mirror.example.com/ocp/ns/bundle:sha256-" + "1".repeat(64)
        + "\n"
        + "docker://quay.io/ns/tagged:v1=docker://mirror.example.com/ocp/ns/tagged:v1\n");
  }

  @Test
  void imagesAreDeduplicatedAndBundleImagesWinOverRelatedImages() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/a/b:1", "quay.io/a/b:1", "quay.io/a/r:1"),
        List.of("quay.io/a/c:1", "quay.io/a/r:1", "quay.io/a/b:1")), to("docker://m").build());
    assertThat(plan.images()).extracting(i -> i.source().original() + " " + i.kind()).containsExactly(
        "quay.io/a/b:1 BUNDLE", "quay.io/a/c:1 BUNDLE", "quay.io/a/r:1 RELATED_IMAGE");
  }

  @Test
  void digestOnlyTaggedAndTagPlusDigestGoToTheRightMirrorSets() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/d/x@" + D1, "quay.io/t/y:v1", "quay.io/b/z:v2@" + D2)),
        to("docker://localhost:5000").build());
    // IDMS: digest-only and tag+digest; ITMS: everything with a tag (tag+digest is in both, as in oc-mirror v2)
    assertThat(text(plan, "idms-operator-0.yaml")).isEqualTo("""
        ---
        apiVersion: config.openshift.io/v1
        kind: ImageDigestMirrorSet
        metadata:
          annotations:
            createdBy: fbc
          name: idms-operator-0
        spec:
          imageDigestMirrors:
          - mirrors:
            - localhost:5000/b
            source: quay.io/b
          - mirrors:
            - localhost:5000/d
            source: quay.io/d
        """);
    assertThat(text(plan, "itms-operator-0.yaml")).isEqualTo("""
        ---
        apiVersion: config.openshift.io/v1
        kind: ImageTagMirrorSet
        metadata:
          annotations:
            createdBy: fbc
          name: itms-operator-0
        spec:
          imageTagMirrors:
          - mirrors:
            - localhost:5000/b
            source: quay.io/b
          - mirrors:
            - localhost:5000/t
            source: quay.io/t
        """);
    assertThat(files(plan)).containsExactly("mapping.txt", "idms-operator-0.yaml", "itms-operator-0.yaml",
        "registries.conf");
  }

  @Test
  void onlyDigestSourcesGiveNoItmsAndOnlyTagSourcesNoIdms() {
    assertThat(files(MirrorPlan.of(catalog(List.of("quay.io/d/x@" + D1)), to("docker://m").build())))
        .containsExactly("mapping.txt", "idms-operator-0.yaml", "registries.conf");
    assertThat(files(MirrorPlan.of(catalog(List.of("quay.io/d/x:1")), to("docker://m").build())))
        .containsExactly("mapping.txt", "itms-operator-0.yaml", "registries.conf");
  }

  // ---- scope ----

  @Test
  void namespaceScopeForNestedAndRootLevelRepositories() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("registry.redhat.io/amq7/amq-streams@" + D1,
        "registry.redhat.io/a/b/c@" + D1, "registry.redhat.io/rootimage@" + D2)),
        to("docker://myregistry/mynamespace").build());
    assertThat(text(plan, "idms-operator-0.yaml")).endsWith("""
          imageDigestMirrors:
          - mirrors:
            - myregistry/mynamespace
            source: registry.redhat.io
          - mirrors:
            - myregistry/mynamespace/a/b
            source: registry.redhat.io/a/b
          - mirrors:
            - myregistry/mynamespace/amq7
            source: registry.redhat.io/amq7
        """);
  }

  @Test
  void maxNestedPathsCollapsesTheWholePathAndForcesRepositoryScope() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/a/b/c@" + D1, "quay.io/x/y:1")),
        to("docker://mirror.example.com/ocp").maxNestedPaths(3).build());
    // ocp/a/b/c has 4 components under the host: 2 kept, the rest joined
    assertThat(plan.images()).extracting(MirrorPlan.Image::destination).containsExactly(
        "mirror.example.com/ocp/a/b-c:sha256-" + "1".repeat(64), "mirror.example.com/ocp/x/y:1");
    assertThat(text(plan, "idms-operator-0.yaml")).endsWith("""
          imageDigestMirrors:
          - mirrors:
            - mirror.example.com/ocp/a/b-c
            source: quay.io/a/b/c
        """);
    assertThat(text(plan, "itms-operator-0.yaml")).endsWith("""
          imageTagMirrors:
          - mirrors:
            - mirror.example.com/ocp/x/y
            source: quay.io/x/y
        """);
  }

  @Test
  void aCollapsedNameEndingInTheSourceNameIsNotTakenForNamespaceScope() {
    // oc adm naming, dest prefix a/b, max 2: quay.io/c -> host/a/b-c, which ends in "c" as a string only
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/c@" + D1)),
        to("docker://host/a/b").naming(MirrorPlan.Naming.OC_ADM).build());
    assertThat(plan.images().get(0).destination()).startsWith("host/a/b-c:");
    assertThat(text(plan, "idms-operator-0.yaml")).endsWith("""
          - mirrors:
            - host/a/b-c
            source: quay.io/c
        """);
  }

  @Test
  void twoSourcesNamedIntoOneDestinationAreRefusedNamingBoth() {
    // v2 naming drops the registry: the same path on two registries would share one mirror repository and tag
    assertThatThrownBy(() -> MirrorPlan.of(catalog(List.of("quay.io/a/b:v1", "docker.io/a/b:v1")),
        to("docker://m").build()))
        .isInstanceOf(FbcException.class)
        .hasMessage("mirror destination m/a/b:v1 would hold both docker.io/a/b:v1 and quay.io/a/b:v1: mirror them "
            + "in two runs with different destinations, or change --max-nested-paths");
    // one repository by tag and by tag and digest is one image, not a clash
    assertThat(MirrorPlan.of(catalog(List.of("quay.io/a/b:v1", "quay.io/a/b:v1@" + D1)), to("docker://m").build())
        .images()).hasSize(2);
  }

  @Test
  void credentialsInTheDestinationAreRefusedWithoutRepeatingThem() {
    assertThatThrownBy(() -> MirrorDestination.parse("docker://user:s3cret@mirror.example.com/ocp"))
        .isInstanceOf(FbcException.class)
        .hasMessageNotContaining("s3cret").hasMessageNotContaining("user")
        .satisfies(e -> assertThat(((FbcException) e).remedy()).isEqualTo(FbcException.Remedy.PROVIDE_CREDENTIALS));
  }

  // ---- oc adm naming ----

  @Test
  void ocAdmNamingMapsWholeRepositoriesAsOcAdmsDefaultScope() {
    // the destination path ends with the source path, which gives namespace scope with v2 naming
    MirrorPlan.Options.Builder o = to("docker://localhost:5000");
    CatalogModel c = catalog(List.of("quay.io/coreos/etcd-operator@" + D1));
    assertThat(text(MirrorPlan.of(c, o.build()), "idms-operator-0.yaml")).endsWith("""
          - mirrors:
            - localhost:5000/coreos
            source: quay.io/coreos
        """);
    assertThat(text(MirrorPlan.of(c, o.naming(MirrorPlan.Naming.OC_ADM).build()), "idms-operator-0.yaml"))
        .endsWith("""
          - mirrors:
            - localhost:5000/coreos/etcd-operator
            source: quay.io/coreos/etcd-operator
        """);
  }

  @Test
  void fnv32aIsTheStandardHash() {
    assertThat(DestinationNames.fnv32a("")).isEqualTo(0x811c9dc5);
    assertThat(DestinationNames.fnv32a("a")).isEqualTo(0xe40c292c);
    assertThat(DestinationNames.fnv32a("foobar")).isEqualTo(0xbf9cf968);
  }

  @Test
  void ocAdmTagIsTheFnv32aOfTheSourceReferenceAsWritten() {
    ImageReference etcd = ImageReference.parse(ETCD);
    assertThat(DestinationNames.hashInput(etcd)).isEqualTo(ETCD);
    assertThat(DestinationNames.fnvTag(etcd)).isEqualTo("b56e2636");
    // library-go prints Docker Hub names with library/
    assertThat(DestinationNames.hashInput(ImageReference.parse("docker.io/busybox@" + D1)))
        .isEqualTo("docker.io/library/busybox@" + D1);
    assertThat(DestinationNames.hashInput(ImageReference.parse("busybox@" + D1))).isEqualTo("busybox@" + D1);
  }

  @Test
  void ocAdmMaxComponentsExamplesFromOcsTests() {
    MirrorPlan.Options.Builder oc = to("docker://localhost:5000").naming(MirrorPlan.Naming.OC_ADM);
    assertThat(MirrorPlan.of(catalog(List.of(ETCD)), oc.build()).images().get(0).destination())
        .isEqualTo("localhost:5000/coreos/etcd-operator:b56e2636");
    assertThat(MirrorPlan.of(catalog(List.of(ETCD)), to("docker://localhost:5000/org")
        .naming(MirrorPlan.Naming.OC_ADM).build()).images().get(0).destination())
        .isEqualTo("localhost:5000/org/coreos-etcd-operator:b56e2636");
    assertThat(MirrorPlan.of(catalog(List.of(ETCD)), to("docker://localhost:5000/org")
        .naming(MirrorPlan.Naming.OC_ADM).maxComponents(0).build()).images().get(0).destination())
        .isEqualTo("localhost:5000/org/coreos/etcd-operator:b56e2636");
    MirrorPlan.Options quay = to("docker://quay.io").naming(MirrorPlan.Naming.OC_ADM).build();
    assertThat(MirrorPlan.of(catalog(List.of(
        "registry.access.redhat.com/ubi8-minimal@sha256:9285da611437622492f9ef4229877efe302589f1401bbd4052e9bb261b3d4387",
        "docker.io/my/image:tag")), quay).images()).extracting(MirrorPlan.Image::destination)
        .containsExactly("quay.io/my/image:tag", "quay.io/ubi8-minimal:51f124fa");
    MirrorPlan deep = MirrorPlan.of(catalog(List.of("quay.io/a/b/c:1")), to("docker://h/org/sub")
        .naming(MirrorPlan.Naming.OC_ADM).maxComponents(3).build());
    assertThat(deep.images().get(0).destination()).isEqualTo("h/org/sub/a-b-c:1");
    // oc adm's mapping.txt has no transports
    assertThat(MirrorPlan.of(catalog(List.of(ETCD)), oc.build()).mapping().text())
        .isEqualTo(ETCD + "=localhost:5000/coreos/etcd-operator:b56e2636\n");
  }

  @Test
  void limitsAreCheckedWithOneLine() {
    assertThatThrownBy(() -> to("docker://m").naming(MirrorPlan.Naming.OC_ADM).maxComponents(1).build())
        .isInstanceOf(FbcException.class).hasMessage("max components must be 0 (unlimited) or 2 or more, not 1");
    assertThatThrownBy(() -> to("docker://m").maxComponents(-1).build()).isInstanceOf(FbcException.class);
    assertThatThrownBy(() -> to("docker://m").maxNestedPaths(1).build())
        .hasMessage("max nested paths must be 0 (unlimited) or 2 or more, not 1");
    assertThatThrownBy(() -> to("docker://m").naming(MirrorPlan.Naming.OC_ADM).maxNestedPaths(3).build())
        .hasMessageContaining("oc-adm naming uses max components");
    assertThatThrownBy(() -> to("docker://m").targetTag("bad tag").build()).hasMessage("invalid target tag \"bad tag\"");
    assertThatThrownBy(() -> to("docker://m").targetCatalog("Upper/x").build())
        .hasMessageStartingWith("invalid target catalog \"Upper/x\"");
  }

  @Test
  void toBuilderKeepsWhatIsNotChanged() {
    MirrorPlan.Options o = to("docker://m/p").naming(MirrorPlan.Naming.OC_ADM).maxComponents(0)
        .catalogImage(ImageReference.parse("r.io/x/i:1")).icsp(MirrorPlan.Icsp.WRITE).icspMaxBytes(1000)
        .registriesConfStyle(MirrorPlan.RegistriesConfStyle.REWRITE).mirrorTls(MirrorPlan.MirrorTls.INSECURE)
        .catalogSourceTemplate(template("apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\n"))
        .createdAt(Instant.EPOCH).build();
    assertThat(o.toBuilder().build()).isEqualTo(o);
    MirrorPlan.Options v2 = o.toBuilder().naming(MirrorPlan.Naming.V2).targetTag("v2").build();
    assertThat(v2.naming()).isEqualTo(MirrorPlan.Naming.V2);
    assertThat(v2.targetTag()).contains("v2");
    assertThat(v2.icspMaxBytes()).isEqualTo(1000);
    assertThat(v2.catalogSourceTemplate()).isEqualTo(o.catalogSourceTemplate());
    assertThat(MirrorPlan.Options.builder().destination(MirrorDestination.parse("docker://m")).build())
        .satisfies(d -> {
          assertThat(d.naming()).isEqualTo(MirrorPlan.Naming.V2);
          assertThat(d.maxComponents()).isEqualTo(2);
          assertThat(d.maxNestedPaths()).isZero();
          assertThat(d.icspMaxBytes()).isEqualTo(250_000);
          assertThat(d.createdAt()).isEmpty();
        });
  }

  @Test
  void destinationsAreCheckedWithOneLine() {
    assertThat(MirrorDestination.parse("docker://mirror.example.com:5000/a/b/")).isEqualTo(
        new MirrorDestination("mirror.example.com:5000", "a/b"));
    for (String bad : List.of("mirror.example.com", "oci:/tmp/x", "docker://", "docker://h/Upper",
        "docker://h/x:tag", "docker://h/x@" + D1, "docker://-bad-")) {
      assertThatThrownBy(() -> MirrorDestination.parse(bad)).as(bad).isInstanceOf(FbcException.class)
          .hasMessageNotContaining("\n").hasMessageContaining("mirror destination");
    }
  }

  @Test
  void aBadReferenceInABundleIsAnErrorNamingTheBundle() {
    assertThatThrownBy(() -> MirrorPlan.of(catalog(List.of("quay.io/ok:1", "quay.io/Bad Ref")),
        to("docker://m").build())).isInstanceOf(FbcException.class)
        .hasMessageStartingWith("bundle \"p.v0\" of package \"p\": invalid image reference");
  }

  // ---- ICSP ----

  @Test
  void icspHasDigestImagesOnlyAndIsSplitAtTheLimit() {
    List<String> images = new ArrayList<>();
    images.add("quay.io/tagged/only:1");
    int n = 3000;
    for (int i = 0; i < n; i++) {
      images.add(String.format("registry.example.com/team-%04d/operator@%s", i, D1));
    }
    MirrorPlan plan = MirrorPlan.of(catalog(images), to("docker://mirror.example.com:5000/disconnected")
        .icsp(MirrorPlan.Icsp.WRITE).build());
    String icsp = text(plan, "imageContentSourcePolicy.yaml");
    assertThat(icsp.length()).isGreaterThan(250_000);
    assertThat(icsp).startsWith("---\n");
    String[] objects = icsp.substring(4).split("---\n", -1);
    assertThat(objects.length).isGreaterThan(1);
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < objects.length; i++) {
      assertThat(objects[i].getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(250_000);
      assertThat(objects[i]).startsWith("""
          apiVersion: operator.openshift.io/v1alpha1
          kind: ImageContentSourcePolicy
          metadata:
            labels:
              operators.openshift.org/catalog: "true"
            name: operator-%d
          spec:
            repositoryDigestMirrors:
          """.formatted(i));
      for (String line : objects[i].split("\n")) {
        if (line.startsWith("    source: ")) {
          sources.add(line.substring(12));
        }
      }
    }
    // every digest source once, in order; the tagged image is not in the ICSP
    List<String> want = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      want.add(String.format("registry.example.com/team-%04d", i));
    }
    assertThat(sources).isEqualTo(want);
    // greedy: every object but the last is full enough that the next entry would not have fit
    assertThat(objects[0].length()).isGreaterThan(250_000 - 200);
    assertThat(icsp).contains("""
          - mirrors:
            - mirror.example.com:5000/disconnected/team-0000
            source: registry.example.com/team-0000
        """);
  }

  @Test
  void icspSplitsExactlyAtASmallLimit() {
    MirrorPlan.Options.Builder b = to("docker://m").icsp(MirrorPlan.Icsp.WRITE);
    List<String> three = List.of("q.io/a/x@" + D1, "q.io/b/x@" + D1, "q.io/c/x@" + D1);
    String one = text(MirrorPlan.of(catalog(List.of("q.io/a/x@" + D1)), b.build()), "imageContentSourcePolicy.yaml");
    int single = one.length() - 4;
    String item = "  - mirrors:\n    - m/a\n    source: q.io/a\n";
    // room for exactly two entries per object
    String split = text(MirrorPlan.of(catalog(three), b.icspMaxBytes(single + item.length()).build()),
        "imageContentSourcePolicy.yaml");
    assertThat(split).isEqualTo("""
        ---
        apiVersion: operator.openshift.io/v1alpha1
        kind: ImageContentSourcePolicy
        metadata:
          labels:
            operators.openshift.org/catalog: "true"
          name: operator-0
        spec:
          repositoryDigestMirrors:
          - mirrors:
            - m/a
            source: q.io/a
          - mirrors:
            - m/b
            source: q.io/b
        ---
        apiVersion: operator.openshift.io/v1alpha1
        kind: ImageContentSourcePolicy
        metadata:
          labels:
            operators.openshift.org/catalog: "true"
          name: operator-1
        spec:
          repositoryDigestMirrors:
          - mirrors:
            - m/c
            source: q.io/c
        """);
    assertThatThrownBy(() -> MirrorPlan.of(catalog(three), b.icspMaxBytes(single - 1).build()).outputs())
        .isInstanceOf(FbcException.class).hasMessageContaining("cannot fit into any ImageContentSourcePolicy");
  }

  // ---- CatalogSource / ClusterCatalog ----

  static String csName(String catalogRef, MirrorPlan.Options.Builder b) {
    MirrorPlan plan = MirrorPlan.of(catalog(), b.catalogImage(ImageReference.parse(catalogRef)).build());
    return files(plan).stream().filter(f -> f.startsWith("cs-")).findFirst().orElseThrow();
  }

  @Test
  void catalogSourceNamesAsOcMirrorV2() {
    assertThat(csName("registry.example.com/redhat/redhat-operator-index:v4.18", to("docker://m")))
        .isEqualTo("cs-redhat-operator-index-v4-18.yaml");
    // the tag cut to 12 characters, lowercased, anything else made "-"
    assertThat(csName("r.io/x/index:V4.18_2026.01.01", to("docker://m"))).isEqualTo("cs-index-v4-18-2026-0.yaml");
    // digest-only: the tag in the mirror is sha256-<hex>, cut to 12
    assertThat(csName("r.io/x/index@" + D1, to("docker://m"))).isEqualTo("cs-index-sha256-11111.yaml");
    assertThat(csName("r.io/x/index:v1", to("docker://m").targetCatalog("mirrored/my-catalog").targetTag("v9.9")))
        .isEqualTo("cs-my-catalog-v9-9.yaml");
    // the name is from the mirrored repository, after max nested paths (a/b/c, N=2 -> a/b-c)
    assertThat(csName("r.io/a/b/c:v1", to("docker://m").maxNestedPaths(2))).isEqualTo("cs-b-c-v1.yaml");
    assertThatThrownBy(() -> csName("r.io/x/my_index:v1", to("docker://m")))
        .isInstanceOf(FbcException.class).hasMessageContaining("\"cs-my_index-v1\" is not a DNS-1035 label");
    assertThatThrownBy(() -> csName("r.io/x/" + "a".repeat(60) + ":v1", to("docker://m")))
        .isInstanceOf(FbcException.class).hasMessageContaining("is not a DNS-1035 label of at most 63 characters");
  }

  @Test
  void catalogImageIsMirroredButNotInTheMirrorSets() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/x/b@" + D1)), to("docker://m.example.com")
        .catalogImage(ImageReference.parse("registry.example.com/cat/index:v1@" + D2)).build());
    assertThat(plan.mapping().text()).isEqualTo(""
        + "docker://quay.io/x/b@" + D1 + "=docker://m.example.com/x/b:sha256-" + "1".repeat(64) + "\n"
        + "docker://registry.example.com/cat/index@" + D2 + "=docker://m.example.com/cat/index:v1\n");
    assertThat(text(plan, "idms-operator-0.yaml")).doesNotContain("cat").contains("source: quay.io/x\n");
    assertThat(files(plan)).doesNotContain("itms-operator-0.yaml");
    assertThat(text(plan, "cs-index-v1.yaml")).isEqualTo("""
        apiVersion: operators.coreos.com/v1alpha1
        kind: CatalogSource
        metadata:
          annotations:
            createdBy: fbc
          name: cs-index-v1
          namespace: openshift-marketplace
        spec:
          image: m.example.com/cat/index:v1
          sourceType: grpc
        """);
    assertThat(text(plan, "cc-index-v1.yaml")).isEqualTo("""
        apiVersion: olm.operatorframework.io/v1
        kind: ClusterCatalog
        metadata:
          annotations:
            createdBy: fbc
          name: cc-index-v1
        spec:
          priority: 0
          source:
            image:
              ref: m.example.com/cat/index:v1
            type: Image
        """);
  }

  @Test
  void createdAtOnlyWhenAskedQuotedAsATimestamp() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/x/b:1")), to("docker://m")
        .createdAt(Instant.parse("2026-01-31T12:34:56.789Z")).build());
    assertThat(text(plan, "itms-operator-0.yaml")).contains("""
          annotations:
            createdAt: "2026-01-31T12:34:56Z"
            createdBy: fbc
        """);
  }

  // ---- template ----

  static CatalogSourceTemplate template(String yaml) {
    return CatalogSourceTemplate.parse(yaml.getBytes(StandardCharsets.UTF_8), "t.yaml");
  }

  @Test
  void aTemplateKeepsItsFieldsAndGetsThePlansValues() {
    CatalogSourceTemplate t = template("""
        apiVersion: operators.coreos.com/v1alpha1
        kind: CatalogSource
        metadata:
          name: will-be-replaced
          namespace: somewhere
          creationTimestamp: null
          annotations:
            team: platform
            createdBy: someone
        spec:
          displayName: Mirrored operators
          publisher: Platform team
          priority: -400
          image: will-be-replaced
          updateStrategy:
            registryPoll:
              interval: 30m
          grpcPodConfig:
            securityContextConfig: restricted
        status:
          message: dropped
        """);
    MirrorPlan plan = MirrorPlan.of(catalog(), to("docker://m").catalogSourceTemplate(t)
        .catalogImage(ImageReference.parse("r.io/redhat/redhat-operator-index:v4.18")).build());
    assertThat(text(plan, "cs-redhat-operator-index-v4-18.yaml")).isEqualTo("""
        apiVersion: operators.coreos.com/v1alpha1
        kind: CatalogSource
        metadata:
          annotations:
            createdBy: fbc
            team: platform
          name: cs-redhat-operator-index-v4-18
          namespace: openshift-marketplace
        spec:
          displayName: Mirrored operators
          grpcPodConfig:
            securityContextConfig: restricted
          image: m/redhat/redhat-operator-index:v4.18
          priority: -400
          publisher: Platform team
          sourceType: grpc
          updateStrategy:
            registryPoll:
              interval: 30m
        """);
  }

  @Test
  void templateErrorsAreOneLineEach() {
    String ok = "apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\n";
    Map<String, String> bad = Map.of(
        "apiVersion: operators.coreos.com/v1\nkind: CatalogSource\n",
        "catalog source template t.yaml: apiVersion must be operators.coreos.com/v1alpha1, not \"operators.coreos.com/v1\"",
        "apiVersion: operators.coreos.com/v1alpha1\nkind: Subscription\n",
        "catalog source template t.yaml: kind must be CatalogSource, not \"Subscription\"",
        ok + "spec:\n  sourceType: configmap\n",
        "catalog source template t.yaml: spec.sourceType must be grpc, not \"configmap\"",
        ok + "spec:\n  configMap: my-config\n",
        "catalog source template t.yaml: spec.configMap must not be set (the catalog is served from an image)",
        ok + "spec: [1]\n", "catalog source template t.yaml: spec must be an object, not an array",
        ok + "spec:\n  priority: high\n", "catalog source template t.yaml: spec.priority must be an integer",
        "- a\n- b\n", "catalog source template t.yaml is not a valid CatalogSource: expected one object",
        ok + "---\n" + ok, "catalog source template t.yaml is not a valid CatalogSource: expected one object",
        ok + "metadata:\n  annotations:\n    a: [1]\n",
        "catalog source template t.yaml: metadata.annotations must map names to strings");
    bad.forEach((yaml, message) -> assertThatThrownBy(() -> template(yaml)).as(yaml)
        .isInstanceOf(FbcException.class).hasMessage(message));
    assertThatThrownBy(() -> template("a: [\n")).isInstanceOf(FbcException.class)
        .hasMessageStartingWith("catalog source template t.yaml is not a valid CatalogSource: t.yaml:");
  }

  @Test
  void aTemplateFileThatIsMissingIsNamed(@TempDir Path tmp) {
    assertThatThrownBy(() -> CatalogSourceTemplate.load(tmp.resolve("nope.yaml")))
        .isInstanceOf(FbcException.class).hasMessageEndingWith("nope.yaml: does not exist");
    assertThatThrownBy(() -> CatalogSourceTemplate.load(tmp))
        .isInstanceOf(FbcException.class).hasMessageEndingWith(": not a regular file");
  }

  // ---- registries.conf ----

  @Test
  void registriesConfRewriteStyleWithInsecureMirror() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("registry.redhat.io/amq7/op@" + D1, "quay.io/t/x:1")),
        to("docker://registry.example.com").registriesConfStyle(MirrorPlan.RegistriesConfStyle.REWRITE)
            .mirrorTls(MirrorPlan.MirrorTls.INSECURE).build());
    assertThat(text(plan, "registries.conf")).isEqualTo("""
        [[registry]]
          prefix = "quay.io/t"
          location = "registry.example.com/t"
          insecure = true

        [[registry]]
          prefix = "registry.redhat.io/amq7"
          location = "registry.example.com/amq7"
          mirror-by-digest-only = true
          insecure = true
        """);
  }

  @Test
  void registriesConfMirrorStyleWithInsecureMirror() {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("registry.redhat.io/amq7/op@" + D1)),
        to("docker://registry.example.com:5000").mirrorTls(MirrorPlan.MirrorTls.INSECURE).build());
    assertThat(text(plan, "registries.conf")).isEqualTo("""
        [[registry]]
          prefix = ""
          location = "registry.redhat.io/amq7"

          [[registry.mirror]]
            location = "registry.example.com:5000/amq7"
            pull-from-mirror = "digest-only"
            insecure = true
        """);
  }

  // ---- writing ----

  @Test
  void writeLeavesOtherFilesAloneAndRefusesToReplaceChangedOnes(@TempDir Path tmp) throws Exception {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/x/b:1")), to("docker://m").build());
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    List<Path> written = plan.write(out, MirrorPlan.ExistingFiles.REFUSE);
    assertThat(written).extracting(p -> p.getFileName().toString())
        .containsExactly("mapping.txt", "itms-operator-0.yaml", "registries.conf");
    assertThat(Files.readString(out.resolve("mapping.txt"))).isEqualTo(plan.mapping().text());
    // the same plan again: nothing differs, nothing refused
    plan.write(out, MirrorPlan.ExistingFiles.REFUSE);
    Files.writeString(out.resolve("registries.conf"), "edited");
    assertThatThrownBy(() -> plan.write(out, MirrorPlan.ExistingFiles.REFUSE)).isInstanceOf(FbcException.class)
        .hasMessageEndingWith("registries.conf: exists with other content; nothing was written");
    assertThat(Files.readString(out.resolve("registries.conf"))).isEqualTo("edited");
    plan.write(out, MirrorPlan.ExistingFiles.REPLACE);
    assertThat(Files.readString(out.resolve("registries.conf"))).startsWith("[[registry]]");
    assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
    try (var s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("itms-operator-0.yaml", "mapping.txt", "notes.txt", "registries.conf");
    }
  }

  @Test
  void writeRefusesASymbolicLinkInPlaceOfAnOutput(@TempDir Path tmp) throws Exception {
    MirrorPlan plan = MirrorPlan.of(catalog(List.of("quay.io/x/b:1")), to("docker://m").build());
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep");
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.createSymbolicLink(out.resolve("mapping.txt"), outside);
    assertThatThrownBy(() -> plan.write(out, MirrorPlan.ExistingFiles.REPLACE)).isInstanceOf(FbcException.class)
        .hasMessageEndingWith("mapping.txt: is a symbolic link; not written");
    assertThat(Files.readString(outside)).isEqualTo("keep");
    assertThat(out.resolve("registries.conf")).doesNotExist();
  }
}
