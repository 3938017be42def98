package dev.fbc.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.base.LoadOptions;
import dev.fbc.internal.io.CatalogLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** fbc's serve cache against opm's, recorded under {@code src/test/resources/dev/fbc/build/serve-cache}. */
class ServeCacheTest {
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
    for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
      Files.write(cache.resolve(f.getKey()), f.getValue());
      Files.setPosixFilePermissions(cache.resolve(f.getKey()), PosixFilePermissions.fromString("rw-r-----"));
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

  static ServeCache.Outcome cacheOf(Path catalog) throws IOException {
    return ServeCache.of(catalog, new CatalogLoader(LoadOptions.defaults()).load(List.of(catalog)));
  }
}
