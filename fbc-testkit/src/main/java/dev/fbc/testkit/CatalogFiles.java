package dev.fbc.testkit;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.fbc.Fbc;
import dev.fbc.base.OutputFormat;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.Blob;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes catalogs as directories, the layout {@code opm} and {@code fbc} read: one {@code <package>/catalog.json}
 * (or {@code .yaml}) per package, blobs of no package in {@code catalog.json} at the root.
 *
 * <pre>{@code
 * Path dir = CatalogFiles.write(catalog, tempDir, OutputFormat.YAML);
 * Path mem = CatalogFiles.inMemory(catalog);          // on a Jimfs file system, no disk
 * }</pre>
 */
public final class CatalogFiles {
  private CatalogFiles() {}

  public static Path write(Catalog catalog, Path dir, OutputFormat format) {
    String ext = format == OutputFormat.JSON ? ".json" : ".yaml";
    Map<String, List<Blob>> byPackage = catalog.stream()
        .collect(Collectors.groupingBy(Blob::packageName, LinkedHashMap::new, Collectors.toList()));
    WriteOptions opts = WriteOptions.builder().format(format).lossless(true).build();
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, List<Blob>> e : byPackage.entrySet()) {
        Path file = e.getKey().isEmpty() ? dir.resolve("catalog" + ext)
            : dir.resolve(e.getKey()).resolve("catalog" + ext);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Fbc.writeToString(new Catalog(e.getValue()), opts));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Writes to {@code /catalog} on a new in-memory Jimfs file system (Unix style). */
  public static Path inMemory(Catalog catalog, OutputFormat format) {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    return write(catalog, fs.getPath("/catalog"), format);
  }

  public static Path inMemory(Catalog catalog) {
    return inMemory(catalog, OutputFormat.YAML);
  }
}
