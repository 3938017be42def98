package dev.fbc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.base.OutputFormat;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogBuilderTest {
  @TempDir
  Path tmp;

  private static Catalog etcd() {
    return CatalogBuilder.create()
        .pkg("etcd").defaultChannel("stable")
        .bundle("0.9.0").bundle("0.9.2").bundle("0.9.4")
        .channel("stable").replacesChain("0.9.0", "0.9.2", "0.9.4").skips("0.9.0").end()
        .channel("fast").entry("0.9.4").skipRange(">=0.9.0 <0.9.4").end()
        .build();
  }

  @Test
  void buildsPackagesChannelsAndBundles() {
    Catalog c = etcd();
    assertThat(c.packages()).singleElement().satisfies(p -> assertThat(p.defaultChannel()).isEqualTo("stable"));
    ChannelBlob stable = c.channels().get(0);
    assertThat(stable.entries()).containsExactly(
        ChannelEntry.of("etcd.v0.9.0"),
        ChannelEntry.of("etcd.v0.9.2").withReplaces("etcd.v0.9.0"),
        ChannelEntry.of("etcd.v0.9.4").withReplaces("etcd.v0.9.2").withSkips(List.of("etcd.v0.9.0")));
    assertThat(c.channels().get(1).entries().get(0).skipRange()).isEqualTo(">=0.9.0 <0.9.4");
    assertThat(c.bundles()).extracting(BundleBlob::name)
        .containsExactly("etcd.v0.9.0", "etcd.v0.9.2", "etcd.v0.9.4");
    assertThat(c.bundles().get(2).version()).contains("0.9.4");
    assertThat(c.bundles().get(2).image()).isEqualTo("quay.io/fbc-testkit/etcd-bundle:v0.9.4");
  }

  @Test
  void writtenCatalogsLoadBackUnchanged() {
    Catalog c = etcd();
    for (OutputFormat f : OutputFormat.values()) {
      Path dir = CatalogFiles.write(c, tmp.resolve(f.name()), f);
      assertThat(Files.exists(dir.resolve("etcd/catalog." + f.name().toLowerCase()))).isTrue();
      assertThat(Fbc.load(dir).withoutSources()).isEqualTo(c.withoutSources());
    }
    Path mem = CatalogFiles.inMemory(c);
    assertThat(mem.getFileSystem()).isNotEqualTo(tmp.getFileSystem());
    assertThat(Fbc.load(mem).withoutSources()).isEqualTo(c.withoutSources());
  }

  @Test
  void theMinioWalkthroughFixtureIsTheCatalogOfTheTutorial() {
    Catalog c = Fixtures.minioOperator();
    assertThat(c.packages()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("minio-operator");
      assertThat(p.defaultChannel()).isEqualTo("preview");
    });
    assertThat(c.bundles()).singleElement().satisfies(b -> {
      assertThat(b.name()).isEqualTo("minio-operator.v5.0.10");
      assertThat(b.version()).contains("5.0.10");
    });
    assertThat(c.channels()).singleElement().satisfies(ch -> {
      assertThat(ch.name()).isEqualTo("preview");
      assertThat(ch.entries()).containsExactly(ChannelEntry.of("minio-operator.v5.0.10"));
    });
    Path dir = Fixtures.minioOperatorDir(tmp);
    assertThat(Fbc.load(dir).withoutSources()).isEqualTo(c);
  }
}
