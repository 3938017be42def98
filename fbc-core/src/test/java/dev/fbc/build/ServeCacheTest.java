package dev.fbc.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fbc's serve cache against opm v1.54's, recorded under {@code src/test/resources/dev/fbc/build/serve-cache}
 * (each fixture: {@code catalog/} and opm's {@code expected/cache/*} and {@code expected/digest}; recorded with
 * {@code record.sh} there, see its README.md). {@link ServeCacheOpmTest} runs opm itself where it is installed.
 */
class ServeCacheTest {
  @ParameterizedTest
  @MethodSource("fixtures")
  void writesOpmsCacheByteForByte(Path fixture, @TempDir Path tmp) throws IOException {
    ServeCache.Outcome outcome = cacheOf(fixture.resolve("catalog"), tmp);
    assertThat(outcome.cache()).as(outcome.reason()).isPresent();
    writeWithOpmModes(outcome.cache().get(), tmp.resolve("written"));
    assertSameFiles(tmp.resolve("written"), fixture.resolve("expected"));
  }

  @Test
  void sameCatalogSameCacheAndAnyChangeChangesTheDigest(@TempDir Path tmp) throws IOException {
    Path catalog = tmp.resolve("catalog");
    copyWithLayerModes(FIXTURES.resolve("edge-values/catalog"), catalog);
    ServeCache first = cacheOf(catalog, tmp).cache().orElseThrow();
    assertThat(cacheOf(catalog, tmp).cache().orElseThrow().digest()).isEqualTo(first.digest());
    // a change that means nothing to the cache still counts: the digest covers the catalog's bytes
    Files.writeString(catalog.resolve("other.yaml"), Files.readString(catalog.resolve("other.yaml")) + "\n");
    ServeCache changed = cacheOf(catalog, tmp).cache().orElseThrow();
    assertThat(changed.files()).isEqualTo(first.files());
    assertThat(changed.dir().resolve("packages.json")).hasSameBinaryContentAs(first.dir().resolve("packages.json"));
    assertThat(changed.digest()).isNotEqualTo(first.digest()).matches("[0-9a-f]{16}");
  }

  @Test
  void declinesWhatItCannotWriteExactly(@TempDir Path tmp) throws IOException {
    Path catalog = tmp.resolve("catalog");
    copyWithLayerModes(FIXTURES.resolve("csv-metadata/catalog"), catalog);
    Path index = catalog.resolve("index.json");
    // a bundle object whose data is not UTF-8: Go would replace bytes one by one when marshalling
    String broken = Files.readString(index).replace("\"olm.csv.metadata\",\n   \"value\": {}",
        "\"olm.bundle.object\",\n   \"value\": {\"data\": \"e/8=\"}");
    assertThat(broken).isNotEqualTo(Files.readString(index));
    Files.writeString(index, broken);
    ServeCache.Outcome outcome = cacheOf(catalog, tmp);
    assertThat(outcome.cache()).isEmpty();
    assertThat(outcome.reason()).isEqualTo("an olm.bundle.object is not UTF-8");
  }

  @Test
  void noCacheForAnInvalidCatalog(@TempDir Path tmp) throws IOException {
    Path catalog = Files.createDirectories(tmp.resolve("catalog"));
    Files.writeString(catalog.resolve("c.json"),
        "{\"schema\":\"olm.channel\",\"package\":\"missing\",\"name\":\"c\",\"entries\":[]}\n");
    assertThat(cacheOf(catalog, tmp).reason()).isEqualTo("the catalog is not valid");
    Files.writeString(catalog.resolve("c.json"), "{not json");
    assertThat(cacheOf(catalog, tmp).reason()).isEqualTo("the catalog is not valid");
  }

  static final Path FIXTURES = Path.of("src/test/resources/dev/fbc/build/serve-cache");

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(FIXTURES)) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  /** The tree as the catalog layer holds it: directories 0755, files 0644. */
  static void copyWithLayerModes(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(t);
          Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(p, t);
          Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }

  /** Writes the cache as opm lays it out, with opm's modes. */
  static void writeWithOpmModes(ServeCache c, Path dir) throws IOException {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-x---"));
    for (String f : c.files()) {
      Files.copy(c.dir().resolve(f), cache.resolve(f));
      Files.setPosixFilePermissions(cache.resolve(f), PosixFilePermissions.fromString("rw-r-----"));
    }
    Files.writeString(dir.resolve("digest"), c.digest());
    Files.setPosixFilePermissions(dir.resolve("digest"), PosixFilePermissions.fromString("rw-r-----"));
  }

  /** Every file below {@code dir} by relative path, as text (cache files are JSON; digest is hex). */
  static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }

  /** Same file names and bytes; a difference is shown around its first byte, not as two whole files. */
  static void assertSameFiles(Path actual, Path expected) throws IOException {
    Map<String, String> a = read(actual);
    Map<String, String> e = read(expected);
    assertThat(a.keySet()).isEqualTo(e.keySet());
    for (String name : e.keySet()) {
      String x = a.get(name);
      String y = e.get(name);
      int i = 0;
      while (i < Math.min(x.length(), y.length()) && x.charAt(i) == y.charAt(i)) {
        i++;
      }
      int from = Math.max(0, i - 80);
      assertThat(x.substring(from, Math.min(x.length(), i + 80))).as(name + " at " + i)
          .isEqualTo(y.substring(from, Math.min(y.length(), i + 80)));
      assertThat(x).as(name).isEqualTo(y);
    }
  }

  /** The cache of {@code catalog}, written to a new directory below {@code tmp}. */
  static ServeCache.Outcome cacheOf(Path catalog, Path tmp) throws IOException {
    return ServeCache.of(catalog, Files.createTempDirectory(tmp, "serve-cache"));
  }
}
