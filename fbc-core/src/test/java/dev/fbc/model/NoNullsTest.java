package dev.fbc.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoNullsTest {
  @TempDir
  Path tmp;

  @Test
  void absentEntriesAreEmptyButStillWrittenAsNull() throws Exception {
    Path f = tmp.resolve("c.json");
    Files.writeString(f, "{\"schema\":\"olm.channel\",\"name\":\"a\",\"package\":\"p\"}\n"
        + "{\"schema\":\"olm.deprecations\",\"package\":\"p\"}\n"
        + "{\"schema\":\"olm.channel\",\"name\":\"b\",\"package\":\"p\",\"entries\":[]}\n"
        + "{\"schema\":\"olm.package\",\"name\":\"p\"}\n");
    Catalog c = Fbc.load(List.of(f), LoadOptions.defaults());
    ChannelBlob absent = c.channels().get(0);
    ChannelBlob empty = c.channels().get(1);
    assertThat(absent.entries()).isEmpty();
    assertThat(absent.entriesPresent()).isFalse();
    assertThat(empty.entries()).isEmpty();
    assertThat(empty.entriesPresent()).isTrue();
    assertThat(absent.withEntries(List.of()).entriesPresent()).isTrue();
    DeprecationsBlob d = c.blobs().stream().filter(DeprecationsBlob.class::isInstance)
        .map(DeprecationsBlob.class::cast).findFirst().orElseThrow();
    assertThat(d.entries()).isEmpty();
    assertThat(d.entriesPresent()).isFalse();
    assertThat(c.packages().get(0).icon()).isEmpty();
    String out = Fbc.writeToString(c, WriteOptions.defaults());
    assertThat(out.split("\"entries\": null", -1)).hasSize(3); // the channel and the deprecations
    assertThat(out).contains("\"entries\": []");
  }

  @Test
  void constructorsNormaliseNullToAbsentAndEmpty() {
    ChannelBlob c = new ChannelBlob("a", "p", null, List.of(), Map.of(), null);
    assertThat(c.entries()).isEmpty();
    assertThat(c.entriesPresent()).isFalse();
    assertThat(new ChannelBlob("a", "p", null, true, List.of(), Map.of(), null).entriesPresent()).isFalse();
    assertThat(new DeprecationsBlob("p", null, Map.of(), null).entries()).isEmpty();
    assertThat(new PackageBlob("p", "", null, "", List.of(), Map.of(), null).icon()).isEmpty();
    assertThat(PackageBlob.of("p", "s").withIcon(new Icon("AA==", "image/png")).icon()).isPresent();
  }
}
