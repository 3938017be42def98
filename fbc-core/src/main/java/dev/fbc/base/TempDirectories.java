package dev.fbc.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The work directories fbc makes while it renders, builds and copies images, and their removal. */
public final class TempDirectories {
  private TempDirectories() {}

  /**
   * Deletes {@code dir} and everything in it, best effort: symbolic links are removed, never followed, and a
   * directory that cannot be removed is left behind silently, since a leftover in the temporary directory is no
   * reason to fail (or to change the reason of) the operation that used it.
   */
  public static void deleteQuietly(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // keep going: remove what can be removed
        }
      }
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // the walk failed part-way: what is left stays, see above
    }
  }
}
