package classpath;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbc.Fbc;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This project depends on fbc-core alone, as the README says a library user does: its optional dependencies
 * (schema checks, image layers) must not be on the class path, and loading, validating and writing a catalog
 * directory must work without them.
 */
class OptionalDependenciesTest {
  @Test
  void optionalDependenciesAreNotOnTheClassPath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.networknt.schema.Schema"));
    assertThrows(ClassNotFoundException.class,
        () -> Class.forName("org.apache.commons.compress.archivers.tar.TarArchiveInputStream"));
  }

  @Test
  void loadValidateAndWriteWithoutThem(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in/etcd/catalog.yaml");
    Files.createDirectories(in.getParent());
    Files.copy(Path.of("src/test/catalog/etcd/catalog.yaml"), in);
    Catalog catalog = Fbc.load(tmp.resolve("in"));
    assertTrue(Fbc.validate(tmp.resolve("in")).passed());
    Fbc.writeDirectory(Fbc.render(java.util.List.of(tmp.resolve("in"))), tmp.resolve("out"), WriteOptions.yaml());
    assertTrue(Files.readString(tmp.resolve("out/etcd/catalog.yaml")).contains("name: etcd.v0.9.2"));
    assertTrue(catalog.bundles().size() == 2);
  }
}
