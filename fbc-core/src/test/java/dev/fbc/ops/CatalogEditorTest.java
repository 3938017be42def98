package dev.fbc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.Fbc;
import dev.fbc.base.FbcException;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogEditorTest {
  @TempDir
  Path tmp;

  private static BundleBlob bundle(String version) {
    return BundleBlob.inPackage("p", "p.v" + version, "example.com/p:v" + version,
        List.of(Property.packageProperty("p", version)));
  }

  private Path catalog(ChannelEntry... entries) {
    Path dir = tmp.resolve("cat");
    Catalog c = new Catalog(List.of(PackageBlob.of("p", "stable"), bundle("1.0.0"), bundle("1.1.0"),
        ChannelBlob.inPackage("p", "stable", List.of(entries))));
    Fbc.writeDirectory(c, dir, WriteOptions.defaults());
    return dir;
  }

  private static ChannelEntry entry(CatalogEditor e, String name) {
    ChannelBlob ch = e.catalog().channels().get(0);
    return ch.entries().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void eachReplacesKindLinksTheEntryItsWay() {
    Path dir = catalog(ChannelEntry.of("p.v1.0.0"), ChannelEntry.of("p.v1.1.0").withReplaces("p.v1.0.0"));
    CatalogEditor auto = CatalogEditor.open(dir).addBundle(bundle("1.2.0"), "stable");
    assertThat(entry(auto, "p.v1.2.0").replaces()).isEqualTo("p.v1.1.0");
    CatalogEditor none = CatalogEditor.open(dir).addBundle(bundle("1.2.0"), "stable",
        CatalogEditor.EntryOptions.defaults().withReplaces(Replaces.none()));
    assertThat(entry(none, "p.v1.2.0").replaces()).isEmpty();
    CatalogEditor named = CatalogEditor.open(dir).addBundle(bundle("1.2.0"), "stable",
        CatalogEditor.EntryOptions.defaults().withReplaces(Replaces.bundle("p.v1.0.0")).withSkipRange("<1.2.0")
            .withSkips(List.of("p.v1.1.0")));
    ChannelEntry e = entry(named, "p.v1.2.0");
    assertThat(e.replaces()).isEqualTo("p.v1.0.0");
    assertThat(e.skipRange()).isEqualTo("<1.2.0");
    assertThat(e.skips()).containsExactly("p.v1.1.0");
    assertThat(Replaces.bundle("")).isEqualTo(Replaces.none());
  }

  @Test
  void noSingleHeadIsReportedInLibraryWordsWithARemedy() {
    Path dir = catalog(ChannelEntry.of("p.v1.0.0"), ChannelEntry.of("p.v1.1.0"));
    assertThatThrownBy(() -> CatalogEditor.open(dir).addBundle(bundle("1.2.0"), "stable"))
        .isInstanceOf(FbcException.class)
        .hasMessageContaining("has no single head to replace")
        .hasMessageNotContaining("--")
        .satisfies(t -> assertThat(((FbcException) t).remedy()).isEqualTo(FbcException.Remedy.NAME_REPLACED_BUNDLE));
  }
}
