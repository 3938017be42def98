package dev.fbc.testkit;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.fbc.Fbc;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Ready-made catalogs.
 *
 * <p>{@link #minioOperator()} is the catalog of the classic walkthrough: {@code opm init minio-operator
 * --default-channel preview}, one bundle {@code minio-operator.v5.0.10} rendered from its image, and a
 * {@code preview} channel with that one entry. It is valid.
 */
public final class Fixtures {
  private static final String MINIO = "minio-operator/index.yaml";

  private Fixtures() {}

  /**
   * The walkthrough catalog as a model. It is read from an in-memory file system that is closed before this
   * returns, so a call leaves nothing on disk; {@link #minioOperatorDir(Path)} writes the files where the caller
   * wants them (and cleans them up).
   */
  public static Catalog minioOperator() {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      return Fbc.load(List.of(minioOperatorDir(fs.getPath("/"))), dev.fbc.base.LoadOptions.defaults()).withoutSources();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the walkthrough catalog into {@code parent/minio-operator/index.yaml} and returns the catalog dir. */
  public static Path minioOperatorDir(Path parent) {
    Path dir = parent.resolve("catalog");
    try (InputStream in = Fixtures.class.getResourceAsStream(MINIO)) {
      if (in == null) {
        throw new IllegalStateException("fixture missing from the jar: " + MINIO);
      }
      Path file = dir.resolve(MINIO);
      Files.createDirectories(file.getParent());
      Files.write(file, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
