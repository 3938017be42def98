package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warnings of loading reach the user through the CLI (the library itself prints nothing). */
class LoadWarningsTest {
  @TempDir
  Path tmp;

  @Test
  void aByteOrderMarkedJsonFileIsReadWholeAndTheUserIsWarned() throws Exception {
    String json = "{\"schema\":\"olm.package\",\"name\":\"etcd\",\"defaultChannel\":\"alpha\"}\n"
        + "{\"schema\":\"olm.channel\",\"package\":\"etcd\",\"name\":\"alpha\",\"entries\":[{\"name\":\"etcd.v1\"}]}\n"
        + "{\"schema\":\"olm.bundle\",\"package\":\"etcd\",\"name\":\"etcd.v1\",\"image\":\"quay.io/x/etcd:v1\","
        + "\"properties\":[{\"type\":\"olm.package\",\"value\":{\"packageName\":\"etcd\",\"version\":\"1.0.0\"}}]}\n";
    Path dir = Files.createDirectories(tmp.resolve("c"));
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(dir.resolve("catalog.json"), bytes);

    Run render = Run.inProcess("render", dir.toString(), "-o", "json");
    assertThat(render.rc()).as(render.stderr()).isZero();
    assertThat(render.out()).contains("\"etcd.v1\"");
    assertThat(render.stderr()).contains("warning: JSON file starts with a byte-order mark");

    Run validate = Run.inProcess("validate", dir.toString());
    assertThat(validate.rc()).as(validate.stderr()).isZero();
    assertThat(validate.stderr()).contains("catalog.json:1: warning: JSON file starts with a byte-order mark");
    assertThat(Run.inProcess("validate", dir.toString(), "-q").stderr()).isEmpty();
  }
}
