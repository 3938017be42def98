package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which of several keys that differ only in case gives a bundle its version. The expected verdicts are opm
 * v1.54's, run on these same catalogs (2026-11-30, the oracle from ../shared/tools/build-oracles): opm sorts a
 * property value's keys before Go decodes it (the last matching key wins), so the bytewise greatest key wins.
 * etcd.v1 has version 1.0.0; when etcd.v2 reads as 1.0.0 too, the package has duplicate versions.
 */
class PropertyFieldCaseTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"version\":\"2.0.0\"|0",
      "\"version\":\"1.0.0\"|1",
      "\"version\":\"2.0.0\",\"Version\":\"1.0.0\"|0",
      "\"Version\":\"1.0.0\",\"version\":\"2.0.0\"|0",
      "\"Version\":\"2.0.0\",\"VERSION\":\"1.0.0\"|0",
      "\"VERSION\":\"1.0.0\",\"Version\":\"2.0.0\"|0",
      "\"version\":\"1.0.0\",\"Version\":\"2.0.0\"|1"})
  void theBytewiseGreatestKeyWinsAsInOpm(String versionFields, int opmRc) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("c/etcd"));
    Files.writeString(dir.resolve("catalog.json"), String.join("\n",
        "{\"schema\":\"olm.package\",\"name\":\"etcd\",\"defaultChannel\":\"stable\"}",
        "{\"schema\":\"olm.channel\",\"package\":\"etcd\",\"name\":\"stable\",\"entries\":[{\"name\":\"etcd.v1\"},"
            + "{\"name\":\"etcd.v2\",\"replaces\":\"etcd.v1\"}]}",
        "{\"schema\":\"olm.bundle\",\"package\":\"etcd\",\"name\":\"etcd.v1\",\"image\":\"quay.io/x/etcd:v1\","
            + "\"properties\":[{\"type\":\"olm.package\",\"value\":{\"packageName\":\"etcd\",\"version\":\"1.0.0\"}}]}",
        "{\"schema\":\"olm.bundle\",\"package\":\"etcd\",\"name\":\"etcd.v2\",\"image\":\"quay.io/x/etcd:v2\","
            + "\"properties\":[{\"type\":\"olm.package\",\"value\":{\"packageName\":\"etcd\"," + versionFields + "}}]}",
        ""));
    Run r = Run.inProcess("validate", tmp.resolve("c").toString());
    assertThat(r.rc()).as(r.stderr()).isEqualTo(opmRc);
    if (opmRc == 1) {
      assertThat(r.stderr()).contains("duplicate versions found in bundles: [{1.0.0: [etcd.v1, etcd.v2]}]");
    }
  }
}
