package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the conformance corpus does not cover: fbc's own output, refusals and alignment of wide text. */
class MigrateListTest {
  @TempDir
  Path tmp;

  @Test
  void listJsonHasOneObjectPerTableRow() {
    Path input = Corpus.conformance("list").resolve("community-small6-bundles").resolve("input");
    Run table = Run.inProcess("list", "bundles", input.toString());
    Run json = Run.inProcess("list", "bundles", input.toString(), "-o", "json");
    assertThat(json.rc()).as(json.stderr()).isZero();
    long rows = table.out().lines().count() - 1;
    assertThat(json.out()).startsWith("[\n").endsWith("]\n");
    assertThat(json.out().split("\"bundle\": ", -1)).hasSize((int) rows + 1);
    assertThat(json.out()).contains("\"skips\": [\n").contains("\"skipRange\": ");
  }

  @Test
  void listRejectsAnUnknownOutputFormat() {
    Path input = Corpus.conformance("list").resolve("community-small6-bundles").resolve("input");
    Run r = Run.inProcess("list", "packages", input.toString(), "-o", "xml");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr().strip().lines()).hasSize(1).first().asString().contains("(text|json)");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void listRefusesABundleDirectoryAsOpmDoes() throws Exception {
    Path bundle = Corpus.conformance("render-bundle").resolve("cockroachdb-2.1.1").resolve("input");
    Path dir = firstBundleDir(bundle);
    Run r = Run.inProcess("list", "packages", dir.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("cannot list non-index").doesNotContain("Exception");
  }

  @Test
  void wideAndControlCharactersInTheTable() throws Exception {
    // a display name of multi-byte characters is as wide as its runes, and a control character is escaped, not
    // sent to the terminal
    String csv = "{\"apiVersion\":\"operators.coreos.com/v1alpha1\",\"kind\":\"ClusterServiceVersion\","
        + "\"metadata\":{\"name\":\"p.v1.0.0\"},\"spec\":{\"displayName\":\"Caf\u00e9 \u2713\\u001b[2J\"}}";
    String data = Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8));
    Path cat = tmp.resolve("cat");
    Files.createDirectories(cat);
    Files.writeString(cat.resolve("catalog.yaml"), "---\nschema: olm.package\nname: p\ndefaultChannel: stable\n"
        + "---\nschema: olm.channel\npackage: p\nname: stable\nentries:\n- name: p.v1.0.0\n"
        + "---\nschema: olm.bundle\npackage: p\nname: p.v1.0.0\nimage: quay.io/x/p:1.0.0\nproperties:\n"
        + "- type: olm.package\n  value: {packageName: p, version: 1.0.0}\n"
        + "- type: olm.bundle.object\n  value: {data: " + data + "}\n");
    Run r = Run.inProcess("list", "packages", cat.toString());
    assertThat(r.rc()).as(r.stderr()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    String name = lines.get(1).substring(lines.get(0).indexOf("DISPLAY NAME"));
    assertThat(name).doesNotContain("\u001b").startsWith("Caf\u00e9 \u2713");
    // DEFAULT CHANNEL starts in the same column (counted in characters) on both lines
    int header = lines.get(0).indexOf("DEFAULT CHANNEL");
    assertThat(lines.get(1).codePointCount(0, lines.get(1).indexOf("stable"))).isEqualTo(header);
  }

  @Test
  void migrateRefusesABundleDirectoryAndAnUnknownLevel() throws Exception {
    Path dir = firstBundleDir(Corpus.conformance("render-bundle").resolve("cockroachdb-2.1.1").resolve("input"));
    Path out = tmp.resolve("out");
    Run bundle = Run.inProcess("migrate", dir.toString(), out.toString());
    assertThat(bundle.rc()).isEqualTo(1);
    assertThat(bundle.stderr()).contains("is a bundle directory").doesNotContain("Exception");
    Path catalog = Corpus.conformance("migrate").resolve("ecr-secret-operator-v4.16-no-migration-yaml")
        .resolve("input");
    Run level = Run.inProcess("migrate", catalog.toString(), out.toString(), "--migrate-level", "csv");
    assertThat(level.rc()).isEqualTo(1);
    assertThat(level.stderr()).contains("unknown migration level \"csv\"");
    assertThat(out).doesNotExist();
  }

  @Test
  void migrateIntoAFileFailsWithOneLine() throws Exception {
    Path catalog = Corpus.conformance("migrate").resolve("ecr-secret-operator-v4.16-no-migration-yaml")
        .resolve("input");
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    Run r = Run.inProcess("migrate", catalog.toString(), file.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  private static Path firstBundleDir(Path input) throws Exception {
    try (var s = Files.list(input)) {
      return s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }
}
