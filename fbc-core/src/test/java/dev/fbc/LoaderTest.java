package dev.fbc;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.OutputFormat;
import dev.fbc.base.WriteOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.UnknownBlob;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderTest {
  @TempDir
  Path tmp;

  private static final String PKG = "---\nschema: olm.package\nname: foo\ndefaultChannel: stable\n";
  private static final String CHANNEL = "---\nschema: olm.channel\nname: stable\npackage: foo\nentries:\n"
      + "- name: foo.v0.1.0\n";
  private static final String BUNDLE = "---\nschema: olm.bundle\nname: foo.v0.1.0\npackage: foo\n"
      + "image: quay.io/foo/bundle:v0.1.0\nproperties:\n- type: olm.package\n  value:\n"
      + "    packageName: foo\n    version: 0.1.0\n";

  private Path file(String rel, String content) throws IOException {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private CatalogLoadException loadFails(Path dir) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Fbc.load(dir));
    assertThat(t).isInstanceOf(CatalogLoadException.class);
    return (CatalogLoadException) t;
  }

  @Test
  void loadsEveryFileWhateverItsExtensionInLexicalOrder() throws IOException {
    file("c/foo/b-bundle.txt", BUNDLE);
    file("c/foo/a-package.yml", PKG + CHANNEL);
    Catalog c = Fbc.load(tmp.resolve("c"));
    assertThat(c.blobs()).extracting(b -> b.schema())
        .containsExactly("olm.package", "olm.channel", "olm.bundle");
    assertThat(c.bundles().get(0).source()).isEqualTo(
        new dev.fbc.base.Source(tmp.resolve("c/foo/b-bundle.txt").toString(), 2));
    assertThat(c.channels().get(0).source().line()).isEqualTo(6);
  }

  @Test
  void anchorsAndAliasesResolveWithinADocument() throws IOException {
    file("c/foo/catalog.yaml", PKG + "---\nschema: olm.bundle\nname: foo.v0.1.0\npackage: &p foo\n"
        + "image: img\nproperties:\n- type: olm.package\n  value:\n    packageName: *p\n    version: 0.1.0\n"
        + "- type: olm.gvk\n  value: &gvk {group: g, kind: K, version: v1}\n- type: olm.gvk.required\n"
        + "  value: *gvk\n");
    BundleBlob b = Fbc.load(tmp.resolve("c")).bundles().get(0);
    assertThat(b.properties().get(0).value().toString()).isEqualTo("{\"packageName\":\"foo\",\"version\":\"0.1.0\"}");
    assertThat(b.properties().get(2).value()).isEqualTo(b.properties().get(1).value());
    assertThat(b.properties().get(2).value().toString()).isEqualTo("{\"group\":\"g\",\"kind\":\"K\",\"version\":\"v1\"}");
  }

  @Test
  void anAliasToAnotherDocumentIsAnErrorWithFileAndLine() throws IOException {
    Path f = file("c/catalog.yaml", "---\nschema: x.a\nv: &a 1\n---\nschema: x.b\nv: *a\n");
    CatalogLoadException e = loadFails(tmp.resolve("c"));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).toLine())
        .startsWith(f + ":6: ")
        .contains("unknown anchor 'a' referenced");
  }

  @Test
  void aliasBombsAreRefused() throws IOException {
    StringBuilder y = new StringBuilder("---\nschema: x.bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 9; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int k = 0; k < 10; k++) {
        y.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    file("c/bomb.yaml", y.toString());
    CatalogLoadException e = loadFails(tmp.resolve("c"));
    assertThat(e.problems().get(0).message()).contains("alias");
  }

  @Test
  void recursiveAliasesAreRefused() throws IOException {
    file("c/rec.yaml", "---\nschema: x.rec\na: &a\n  b: *a\n");
    CatalogLoadException e = loadFails(tmp.resolve("c"));
    assertThat(e.problems().get(0).message()).contains("recursive alias");
  }

  @Test
  void aTenMegabyteYamlFileLoads() throws IOException {
    StringBuilder y = new StringBuilder(PKG).append(CHANNEL.replace("- name: foo.v0.1.0\n", ""));
    String description = "x".repeat(1000);
    int n = 0;
    while (y.length() < 10_500_000) {
      y.append("---\nschema: olm.bundle\nname: foo.v0.0.").append(n).append("\npackage: foo\nimage: img\n")
          .append("properties:\n- type: olm.package\n  value:\n    packageName: foo\n    version: 0.0.")
          .append(n).append("\n- type: olm.csv.metadata\n  value:\n    description: ").append(description)
          .append("\n");
      n++;
    }
    Path f = file("big/catalog.yaml", y.toString());
    assertThat(Files.size(f)).isGreaterThan(10_000_000L);
    Catalog c = Fbc.load(tmp.resolve("big"));
    assertThat(c.bundles()).hasSize(n);
  }

  @Test
  void aMalformedFileGivesOneProblemNamingFileAndLine() throws IOException {
    Path f = file("c/catalog.yaml", PKG + "---\nschema: olm.channel\nname: [unclosed\n");
    CatalogLoadException e = loadFails(tmp.resolve("c"));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage()).doesNotContain("\n").startsWith(f + ":");
    assertThat(e.problems().get(0).source().line()).isBetween(6, 8);
  }

  @Test
  void everyBrokenFileIsReportedInOneRun() throws IOException {
    file("c/a/catalog.yaml", PKG.replace("schema: olm.package\n", ""));
    file("c/b/catalog.json", "[{\"schema\": \"olm.package\", \"name\": \"b\"}]");
    file("c/c/catalog.yaml", "---\nschema: olm.package\nname: n\n");
    file("c/d/catalog.json", "{\"schema\": \"olm.package\", \"name\": \"d\"} xx");
    file("c/ok/catalog.yaml", PKG);
    CatalogLoadException e = loadFails(tmp.resolve("c"));
    assertThat(e.problems()).hasSize(4);
    assertThat(e.problems().get(0).message()).contains("is missing root schema field");
    assertThat(e.problems().get(1).message()).contains("cannot unmarshal array");
    assertThat(e.problems().get(1).hint()).contains("jq");
    assertThat(e.problems().get(2).message())
        .isEqualTo(dev.fbc.internal.io.BlobDecoder.YAML_PREFIX + "expected value for key \"name\" to be a string, got false: false");
    assertThat(e.problems().get(3).message()).contains("invalid JSON");
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.source().line()).isPositive());
  }

  @Test
  void yaml11ScalarsAreTypedAsOpmDoes() throws IOException {
    file("c/x.yaml", "---\nschema: x.scalars\npackage: foo\ny: 1\nv: [010, 0x1F, 1.10, yes, ~, 2025-06-24T14:07:09]\n");
    file("c/foo.yaml", PKG);
    Catalog c = Fbc.render(List.of(tmp.resolve("c")));
    String json = Fbc.writeToString(Catalog.of(c.others()), WriteOptions.defaults());
    assertThat(json).contains("\"true\": 1").contains("8,\n        31,\n        1.1,\n        true,\n        null,\n"
        + "        \"2025-06-24T14:07:09\"");
  }

  @Test
  void unknownFieldsAreKeptLosslesslyAndDroppedInOpmOutput() throws IOException {
    file("c/foo/catalog.yaml", PKG + "team: storage\n" + CHANNEL + "  note: first\n" + BUNDLE
        + "    extra: [1.50, {z: 1, a: 2}]\n");
    Catalog c = Fbc.load(tmp.resolve("c"));
    PackageBlob p = c.packages().get(0);
    assertThat(p.extras()).containsKey("team");
    assertThat(c.channels().get(0).entries().get(0).extras().get("note").toString()).isEqualTo("\"first\"");

    String lossless = Fbc.writeToString(c, WriteOptions.builder().lossless(true).build());
    assertThat(lossless).contains("\"team\": \"storage\"").contains("\"note\": \"first\"")
        .contains("1.50").contains("\"z\": 1,\n");
    String opm = Fbc.writeToString(c, WriteOptions.defaults());
    assertThat(opm).doesNotContain("team").doesNotContain("note").contains("\"a\": 2,\n");

    Path out = tmp.resolve("out/catalog.json");
    Fbc.writeFile(c, out, WriteOptions.builder().lossless(true).build());
    assertThat(Fbc.load(out).withoutSources()).isEqualTo(c.withoutSources());
    Path outYaml = tmp.resolve("out2/catalog.yaml");
    Fbc.writeFile(c, outYaml, WriteOptions.builder().lossless(true).format(OutputFormat.YAML).build());
    assertThat(Fbc.load(outYaml).withoutSources()).isEqualTo(c.withoutSources());
  }

  @Test
  void indexIgnoreExcludesFilesWithGitignoreRules() throws IOException {
    file("c/.indexignore", "# docs\n*.md\n/skip/\n!keep.md\n");
    file("c/README.md", "not a catalog");
    file("c/keep.md", PKG);
    file("c/skip/x.yaml", "not a catalog either: [");
    file("c/sub/.indexignore", "**/objects/*.json\n");
    file("c/sub/deep/objects/o.json", "{broken");
    file("c/sub/notes.md", "# junk");
    file("c/sub/foo.yaml", CHANNEL);
    Catalog c = Fbc.load(tmp.resolve("c"));
    assertThat(c.blobs()).hasSize(2);
  }

  @Test
  void loadsFromAnInMemoryFileSystem() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path dir = fs.getPath("/cat/foo");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("catalog.yaml"), PKG + CHANNEL + BUNDLE);
      Files.writeString(dir.resolve("custom.json"), "{\"schema\":\"acme.io/note\",\"package\":\"foo\",\"n\":1}");
      Catalog c = Fbc.load(fs.getPath("/cat"));
      assertThat(c.packages()).hasSize(1);
      assertThat(c.others()).singleElement().extracting(UnknownBlob::schema).isEqualTo("acme.io/note");
      assertThat(c.channels()).extracting(ChannelBlob::name).containsExactly("stable");
    }
  }

  @Test
  void aMissingDirectoryIsOneClearError() {
    assertThatThrownBy(() -> Fbc.load(tmp.resolve("nope")))
        .isInstanceOf(FbcException.class).hasMessageContaining("nope: no such file or directory");
  }

  @Test
  void oversizedFilesAreRefused() throws IOException {
    file("c/catalog.yaml", PKG + CHANNEL + BUNDLE);
    LoadOptions small = LoadOptions.builder().maxFileBytes(64).build();
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Fbc.load(List.of(tmp.resolve("c")), small));
    assertThat(t).isInstanceOf(CatalogLoadException.class).hasMessageContaining("more than the limit of 64 bytes");
  }

  @Test
  void writeFileIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
    Path target = file("w/catalog.json", "old content");
    Catalog c = Catalog.of(PackageBlob.of("foo", "stable"));
    Fbc.writeFile(c, target, WriteOptions.defaults());
    assertThat(Files.readString(target)).isEqualTo(
        "{\n    \"schema\": \"olm.package\",\n    \"name\": \"foo\",\n    \"defaultChannel\": \"stable\"\n}\n");
    try (var s = Files.list(target.getParent())) {
      assertThat(s.toList()).containsExactly(target);
    }
  }
}
