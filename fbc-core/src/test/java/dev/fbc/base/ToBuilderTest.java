package dev.fbc.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.image.RegistryOptions;
import dev.fbc.ops.PackageInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToBuilderTest {
  @TempDir
  Path tmp;

  @Test
  void writeOptionsKeepWhatIsNotChanged() {
    WriteOptions o = WriteOptions.builder().format(OutputFormat.YAML).lossless(true).parallelism(3).build();
    WriteOptions json = o.toBuilder().format(OutputFormat.JSON).build();
    assertThat(json.format()).isEqualTo(OutputFormat.JSON);
    assertThat(json.lossless()).isTrue();
    assertThat(json.parallelism()).isEqualTo(3);
    assertThat(o.format()).isEqualTo(OutputFormat.YAML);
  }

  @Test
  void registryOptionsKeepWhatIsNotChanged() {
    RegistryOptions o = RegistryOptions.builder().caFile(tmp.resolve("ca.pem")).useHttp(true).retries(7)
        .timeout(Duration.ofSeconds(5)).build();
    RegistryOptions changed = o.toBuilder().retries(1).build();
    assertThat(changed.retries()).isEqualTo(1);
    assertThat(changed.caFile()).contains(tmp.resolve("ca.pem"));
    assertThat(changed.useHttp()).isTrue();
    assertThat(changed.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(changed.platform()).isEqualTo(o.platform());
    assertThat(o.retries()).isEqualTo(7);
  }

  @Test
  void packageInitKeepsWhatIsNotChanged() throws Exception {
    Path readme = Files.writeString(tmp.resolve("README.md"), "hello");
    PackageInit init = PackageInit.builder("p").defaultChannel("stable").description(readme).build();
    assertThat(init.toBuilder().defaultChannel("fast").build().run())
        .satisfies(p -> assertThat(p.defaultChannel()).isEqualTo("fast"))
        .satisfies(p -> assertThat(p.description()).isEqualTo("hello"))
        .satisfies(p -> assertThat(p.name()).isEqualTo("p"));
  }
}
