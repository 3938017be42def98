package dev.fbc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data sharing archive (not a subcommand: {@code bin/fbc} starts this
 * class with {@code -XX:ArchiveClassesAtExit} and nothing else does). It runs the common commands on a small
 * catalog it writes into a temporary directory, so that the archive holds the classes those commands load, not
 * only those of whatever command happened to run first. Output goes nowhere; the exit status is always 0, since
 * the launcher judges the run by the archive alone.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /** The commands run, CAT standing for the JSON catalog, YAML for the YAML one and BAD for an invalid one. */
  static final List<List<String>> COMMANDS = List.of(
      List.of("--help"),
      List.of("--version"),
      List.of("render", "CAT", "-o", "json"),
      List.of("render", "CAT", "-o", "yaml"),
      List.of("render", "YAML", "-o", "json"),
      List.of("validate", "CAT"),
      List.of("validate", "YAML"),
      List.of("validate", "BAD"),
      List.of("init", "etcd", "-c", "stable"),
      List.of("graph", "CAT"),
      List.of("list", "bundles", "CAT"),
      List.of("render", "--help"),
      List.of("validate", "--no-such-option"));

  public static void main(String[] args) {
    try {
      train();
    } catch (IOException | RuntimeException e) {
      // an archive of fewer classes is still an archive; the launcher never shows this run's output
    }
    System.exit(0);
  }

  static void train() throws IOException {
    Path dir = Files.createTempDirectory("fbc-cds-");
    try {
      Path cat = Files.createDirectories(dir.resolve("json/etcd"));
      Files.writeString(cat.resolve("catalog.json"), JSON);
      Path yaml = Files.createDirectories(dir.resolve("yaml/etcd"));
      Files.writeString(yaml.resolve("index.yaml"), YAML);
      Path bad = Files.createDirectories(dir.resolve("bad"));
      Files.writeString(bad.resolve("index.yaml"), "schema: olm.channel\npackage: nope\nname: stable\n");
      for (List<String> command : COMMANDS) {
        String[] args = command.stream().map(a -> switch (a) {
          case "CAT" -> cat.getParent().toString();
          case "YAML" -> yaml.getParent().toString();
          case "BAD" -> bad.toString();
          default -> a;
        }).toArray(String[]::new);
        Main.run(OutputStream.nullOutputStream(), new PrintWriter(Writer.nullWriter()), args);
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** One package as opm writes it: a channel with replaces and skips, bundles with the usual properties. */
  private static final String JSON = """
      {
          "schema": "olm.package",
          "name": "etcd",
          "defaultChannel": "stable",
          "description": "A message about \\"etcd\\" <b>operator</b>\\n",
          "icon": {"base64data": "iVBORw0KGgo=", "mediatype": "image/png"}
      }
      {
          "schema": "olm.channel",
          "package": "etcd",
          "name": "stable",
          "entries": [
              {"name": "etcd.v0.9.0"},
              {"name": "etcd.v0.9.2", "replaces": "etcd.v0.9.0", "skips": ["etcd.v0.9.1"], "skipRange": "<0.9.2"}
          ]
      }
      {
          "schema": "olm.bundle",
          "package": "etcd",
          "name": "etcd.v0.9.0",
          "image": "quay.io/example/etcd@sha256:%1$s",
          "properties": [
              {"type": "olm.package", "value": {"packageName": "etcd", "version": "0.9.0"}},
              {"type": "olm.gvk",
               "value": {"group": "etcd.database.coreos.com", "kind": "EtcdCluster", "version": "v1beta2"}},
              {"type": "olm.package.required", "value": {"packageName": "other", "versionRange": ">=1.0.0"}},
              {"type": "olm.csv.metadata", "value": {
                  "annotations": {"alm-examples": "[{\\"kind\\": \\"EtcdCluster\\", \\"n\\": 3.5e2}]",
                                  "categories": "Database"},
                  "description": "etcd\\tis \\u00e9 <a> store", "displayName": "etcd",
                  "keywords": ["etcd", "key value"], "maturity": "alpha", "provider": {"name": "CNCF"},
                  "installModes": [{"type": "OwnNamespace", "supported": true}]}}
          ],
          "relatedImages": [{"name": "etcd", "image": "quay.io/example/etcd@sha256:%1$s"}]
      }
      {
          "schema": "olm.bundle",
          "package": "etcd",
          "name": "etcd.v0.9.2",
          "image": "quay.io/example/etcd:v0.9.2",
          "properties": [
              {"type": "olm.package", "value": {"packageName": "etcd", "version": "0.9.2"}},
              {"type": "olm.bundle.object", "value": {"data": "eyJraW5kIjogIkNvbmZpZ01hcCJ9"}}
          ]
      }
      {
          "schema": "olm.deprecations",
          "package": "etcd",
          "entries": [{"reference": {"schema": "olm.bundle", "name": "etcd.v0.9.0"}, "message": "use 0.9.2"}]
      }
      """.formatted("0".repeat(64));

  private static final String YAML = """
      ---
      schema: olm.package
      name: etcd
      defaultChannel: stable
      ---
      schema: olm.channel
      package: etcd
      name: stable
      entries:
        - name: etcd.v0.9.0
        - name: etcd.v0.9.2
          replaces: etcd.v0.9.0
      ---
      schema: olm.bundle
      package: etcd
      name: etcd.v0.9.0
      image: quay.io/example/etcd:v0.9.0
      properties:
        - type: olm.package
          value: {packageName: etcd, version: 0.9.0}
      ---
      schema: olm.bundle
      package: etcd
      name: etcd.v0.9.2
      image: quay.io/example/etcd:v0.9.2
      properties:
        - type: olm.package
          value: {packageName: etcd, version: 0.9.2}
        - type: olm.gvk
          value: {group: etcd.database.coreos.com, kind: EtcdCluster, version: v1beta2}
      """;
}
