package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.Fbc;
import dev.fbc.base.OutputFormat;
import dev.fbc.model.Catalog;
import dev.fbc.model.UnknownBlob;
import dev.fbc.testkit.CatalogBuilder;
import dev.fbc.testkit.CatalogFiles;
import dev.fbc.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir
  Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aValidCatalogPrintsNothingAndExitsZero() {
    Run r = Run.inProcess("validate", Fixtures.minioOperatorDir(tmp).toString());
    assertThat(r.rc()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void everyProblemInEveryPackageAndFileIsReportedInOneRun() throws IOException {
    Catalog c = CatalogBuilder.create()
        .pkg("alpha-operator").defaultChannel("stable")
            .bundle("1.0.0").bundle("1.1.0").bundle("1.2.0")
            .channel("stable").entry("1.0.0").entry("1.1.0").entry("1.2.0").replaces("1.1.0").end()
        .pkg("beta-operator").defaultChannel("fast")
            .bundle("2.0.0").bundle("2.1.0")
            .channel("stable").entry("2.0.0").entry("2.1.0").replaces("2.0.0").end()
        .pkg("gamma-operator").defaultChannel("stable")
            .bundle("0.1.0")
            .channel("stable").entry("0.1.0").entry("0.2.0").replaces("0.1.0").end()
        .build();
    Path dir = CatalogFiles.write(c, tmp.resolve("c"), OutputFormat.YAML);
    Run r = Run.inProcess("validate", dir.toString());
    assertThat(r.rc()).isEqualTo(1);
    String err = r.stderr();
    assertThat(err).contains(dir.resolve("alpha-operator/catalog.yaml") + ":")
        .contains("multiple channel heads found in graph: alpha-operator.v1.0.0, alpha-operator.v1.2.0")
        .contains("probably \"alpha-operator.v1.2.0\" should replace (or skip) \"alpha-operator.v1.0.0\"");
    assertThat(err).contains(dir.resolve("beta-operator/catalog.yaml") + ":")
        .contains("invalid channel \"fast\": channel must contain at least one bundle");
    assertThat(err).contains(dir.resolve("gamma-operator/catalog.yaml") + ":")
        .contains("no olm.bundle blobs found in package \"gamma-operator\" for olm.channel entries "
            + "[gamma-operator.v0.2.0]");
    assertThat(err).contains("fbc validate: 3 errors");
  }

  @Test
  void typosInReplacesAreSpotted() {
    Catalog c = CatalogBuilder.create()
        .pkg("etcd").defaultChannel("stable").bundle("0.9.0").bundle("0.9.2")
        .channel("stable").entry("0.9.0").entry("0.9.2").replaces("etcd.v0.9.O").end()
        .build();
    Run r = Run.inProcess("validate", CatalogFiles.write(c, tmp.resolve("c"), OutputFormat.JSON).toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("multiple channel heads found in graph: etcd.v0.9.0, etcd.v0.9.2")
        .contains("refers to \"etcd.v0.9.O\", probably meant \"etcd.v0.9.0\"")
        .contains("warning: package \"etcd\", channel \"stable\": entry \"etcd.v0.9.2\" replaces or skips "
            + "\"etcd.v0.9.O\"");
  }

  @Test
  void jsonOutputHasTheDocumentedStructure() throws IOException {
    Catalog c = CatalogBuilder.create()
        .pkg("etcd").defaultChannel("stable").bundle("0.9.0").bundle("0.9.2")
        .channel("stable").entry("0.9.0").entry("0.9.2").end().done()
        .blob(new UnknownBlob("olm.deprecation", "etcd", "", dev.fbc.model.RawJson.parse(
            "{\"schema\":\"olm.deprecation\",\"package\":\"etcd\"}"), null))
        .build();
    Path dir = CatalogFiles.write(c, tmp.resolve("c"), OutputFormat.YAML);
    Run r = Run.inProcess("validate", dir.toString(), "-o", "json");
    assertThat(r.rc()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.stdout());
    assertThat(doc.get("passed").asBoolean()).isFalse();
    assertThat(doc.get("errors").asInt()).isEqualTo(1);
    assertThat(doc.get("warnings").asInt()).isEqualTo(1);
    JsonNode heads = doc.get("problems").get(0);
    assertThat(heads.get("rule").asText()).isEqualTo("channel.multiple-heads");
    assertThat(heads.get("severity").asText()).isEqualTo("error");
    assertThat(heads.get("package").asText()).isEqualTo("etcd");
    assertThat(heads.get("channel").asText()).isEqualTo("stable");
    assertThat(heads.get("file").asText()).isEqualTo(dir.resolve("etcd/catalog.yaml").toString());
    assertThat(heads.get("line").asInt()).isPositive();
    assertThat(heads.get("message").asText()).startsWith("multiple channel heads found in graph");
    assertThat(heads.get("hint").asText()).isNotEmpty();
    JsonNode typo = doc.get("problems").get(1);
    assertThat(typo.get("rule").asText()).isEqualTo("schema.unknown-olm");
    assertThat(typo.get("severity").asText()).isEqualTo("warning");
    assertThat(typo.get("hint").asText()).contains("did you mean \"olm.deprecations\"?");

    Run yaml = Run.inProcess("validate", dir.toString(), "-o", "yaml");
    assertThat(yaml.out()).startsWith("passed: false\nerrors: 1\nwarnings: 1\nproblems:\n- rule: channel.multiple-heads\n");
  }

  @Test
  void warningsNeverFailAndQuietHidesThem() throws IOException {
    Path dir = Fixtures.minioOperatorDir(tmp);
    Files.writeString(dir.resolve("x.yaml"), "---\nschema: olm.bundel\npackage: minio-operator\n");
    Run r = Run.inProcess("validate", dir.toString());
    assertThat(r.rc()).isZero();
    assertThat(r.stderr()).contains("warning:").contains("did you mean \"olm.bundle\"?");
    assertThat(Run.inProcess("validate", dir.toString(), "-q").stderr()).isEmpty();
    Run json = Run.inProcess("validate", dir.toString(), "-o", "json");
    assertThat(json.rc()).isZero();
    assertThat(json.out()).contains("\"passed\": true");
  }

  @Test
  void loadErrorsAreValidationErrorsWithFileAndLine() throws IOException {
    Path dir = Fixtures.minioOperatorDir(tmp);
    Files.writeString(dir.resolve("bad.yaml"), "---\nschema: olm.channel\nname: [x\n");
    Run r = Run.inProcess("validate", dir.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).startsWith(dir.resolve("bad.yaml") + ":");
    assertThat(Fbc.validate(dir).passed()).isFalse();
  }

  @Test
  void notADirectoryIsAnError() throws IOException {
    Path f = Files.writeString(tmp.resolve("f.yaml"), "");
    assertThat(Run.inProcess("validate", f.toString()).stderr()).contains("is not a directory");
    assertThat(Run.inProcess("validate", tmp.toString(), "-o", "xml").rc()).isEqualTo(1);
  }
}
