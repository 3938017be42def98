package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.base.OutputFormat;
import dev.fbc.testkit.CatalogBuilder;
import dev.fbc.testkit.CatalogFiles;
import dev.fbc.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path tmp;

  @Test
  void aMalformedFileIsOneLineWithFileAndLineAndExitCode1() throws IOException {
    Path dir = Fixtures.minioOperatorDir(tmp);
    Path bad = dir.resolve("broken.yaml");
    Files.writeString(bad, "---\nschema: olm.channel\nname: [oops\n");
    Run r = Run.process(tmp, List.of("render", "catalog"));
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr().strip().lines()).singleElement()
        .satisfies(line -> assertThat(line).startsWith("catalog/broken.yaml:"));
  }

  @Test
  void everyBrokenFileIsListed() throws IOException {
    Path dir = Fixtures.minioOperatorDir(tmp);
    Files.writeString(dir.resolve("a.json"), "[1, 2]");
    Files.writeString(dir.resolve("b.yaml"), "--- trailing\n");
    Run r = Run.inProcess("render", dir.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr().strip().lines().toList()).hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("a.json:1:").contains("jq"))
        .anySatisfy(l -> assertThat(l).contains("b.yaml:1: invalid Yaml document separator: trailing"));
  }

  @Test
  void renderConcatenatesDirectoriesAndNormalizesLikeOpm() {
    Path a = CatalogFiles.write(CatalogBuilder.create().pkg("zeta").defaultChannel("s").bundle("1.0.0")
        .channel("s").entry("1.0.0").end().build(), tmp.resolve("a"), OutputFormat.YAML);
    Path b = CatalogFiles.write(Fixtures.minioOperator(), tmp.resolve("b"), OutputFormat.JSON);
    Run r = Run.inProcess("render", a.toString(), b.toString(), "-o", "yaml");
    assertThat(r.rc()).isZero();
    String out = r.out();
    assertThat(out.indexOf("name: minio-operator\n")).isLessThan(out.indexOf("name: zeta\n"));
    assertThat(out).startsWith("---\ndefaultChannel: preview\n");
  }

  @Test
  void losslessKeepsUnknownFieldsThatOpmDrops() throws IOException {
    Path dir = tmp.resolve("c");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("p.yaml"), "---\nschema: olm.package\nname: p\nowner: team-a\n");
    assertThat(Run.inProcess("render", dir.toString()).out()).doesNotContain("owner");
    assertThat(Run.inProcess("render", dir.toString(), "--lossless").out()).contains("\"owner\": \"team-a\"");
  }

  @Test
  void badOutputFormatAndMissingArgumentsFail() {
    Run r = Run.inProcess("render", tmp.toString(), "-o", "xml");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("invalid --output value \"xml\", expected (json|yaml)");
    assertThat(Run.inProcess("render").rc()).isEqualTo(1);
    assertThat(Run.inProcess("render", tmp.resolve("missing").toString()).stderr()).contains("missing");
  }

  @Test
  void theLibrarysRemedyGetsTheFlagThatTakesIt() {
    for (dev.fbc.base.FbcException.Remedy r : dev.fbc.base.FbcException.Remedy.values()) {
      java.io.StringWriter out = new java.io.StringWriter();
      Failure.report(new dev.fbc.base.FbcException("channel \"c\" has no single head; name the bundle", r), "add",
          false, new java.io.PrintWriter(out));
      assertThat(out.toString().strip()).startsWith("channel \"c\" has no single head; name the bundle")
          .satisfies(line -> assertThat(line.contains("--") || line.contains("(fbc "))
              .as(r + ": " + line).isEqualTo(r != dev.fbc.base.FbcException.Remedy.NONE));
    }
    java.io.StringWriter out = new java.io.StringWriter();
    Failure.report(new dev.fbc.base.FbcException("x; name the bundle to replace",
        dev.fbc.base.FbcException.Remedy.NAME_REPLACED_BUNDLE), "add", false, new java.io.PrintWriter(out));
    assertThat(out.toString().strip()).isEqualTo("x; name the bundle to replace with --replaces");
  }

  @Test
  void helpAndVersionSucceed() {
    Run help = Run.inProcess("--help");
    assertThat(help.rc()).isZero();
    assertThat(Run.inProcess("init", "--help").rc()).isZero();
    assertThat(Run.inProcess("--version").rc()).isZero();
  }
}
