package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.base.WriteOptions;
import dev.fbc.internal.io.CatalogLoader;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.Property;
import dev.fbc.testkit.CatalogBuilder;
import dev.fbc.validate.CatalogValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Fbc#validate} loads without the content of {@code olm.csv.metadata} values (it keeps their kind only):
 * its report must be the report of a full load, whatever is wrong inside those values. Each case is a generated
 * package whose bundle's CSV metadata property is replaced by the case's text (bytes: invalid UTF-8 included), or
 * a file of its own.
 */
class ValidateSkipLoadTest {
  private static final String MARK = "MARK-VALUE";
  private static final Pattern PROPERTY = Pattern.compile(
      "\\{\\s*\"type\": \"olm\\.csv\\.metadata\",\\s*\"value\": \"" + MARK + "\"\\s*}");

  /** A csv metadata property object with this value, type first. */
  private static String csv(String value) {
    return "{\"type\":\"olm.csv.metadata\",\"value\":" + value + "}";
  }

  /** Text whose chars are bytes (ISO-8859-1), so cases can hold any byte. */
  private static String bytes(String utf8) {
    return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** The property objects to put in place of a bundle's CSV metadata, by case name. */
  private static Map<String, String> propertyCases() {
    String longText = "line one\\nline \\\"two\\\"\\t<tag> & more \\u00e9 ".repeat(3000);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ok", csv("{\"displayName\":\"X\",\"description\":\"" + longText + "\",\"n\":[1,-2.5e3,{\"o\":null}]}"));
    m.put("ok-plain-long", csv("{\"d\":\"" + "plain text ".repeat(10_000) + "\"}"));
    m.put("ok-non-ascii", csv(bytes("{\"d\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\",\"k\u00e9\":true}")));
    m.put("out-of-range", csv("{\"a\":[1,2.5,{\"b\":1e400}],\"c\":-1e-400}"));
    m.put("out-of-range-two", csv("{\"a\":1e999,\"b\":-2e999}"));
    m.put("number-too-long", csv("{\"n\":" + "1".repeat(10_001) + "}"));
    m.put("nesting-deep-ok", csv("[".repeat(900) + "]".repeat(900)));
    m.put("nesting-too-deep", csv("[".repeat(1000) + "]".repeat(1000)));
    m.put("nesting-objects-too-deep", csv("{\"a\":".repeat(1000) + "1" + "}".repeat(1000)));
    m.put("utf8-bad-start", csv("{\"s\":\"a\u00ffb\"}"));
    m.put("utf8-bad-middle", csv("{\"s\":\"\u00c3(\"}"));
    m.put("utf8-surrogate", csv("{\"s\":\"\u00ed\u00a0\u0080\"}"));
    m.put("utf8-truncated", csv("{\"s\":\"\u00e2\u0082\"}"));
    m.put("utf8-overlong", csv("{\"s\":\"\u00c0\u00af\"}"));
    m.put("utf8-in-key", csv("{\"k\u00ff\":1}"));
    m.put("utf8-line-separator", csv(bytes("{\"s\":\"a\u2028b\"}")));
    m.put("missing-comma", csv("{\"a\":1 \"b\":2}"));
    m.put("trailing-comma", csv("{\"a\":1,}"));
    m.put("bad-escape", csv("{\"a\":\"\\x\"}"));
    m.put("control-char", csv("{\"a\":\"x\ty\"}"));
    m.put("nan", csv("{\"a\":NaN}"));
    m.put("leading-zero", csv("{\"a\":01}"));
    m.put("single-quotes", csv("{'a':1}"));
    m.put("unclosed-string", csv("{\"a\":\"never closed"));
    m.put("not-object-string", csv("\"text\""));
    m.put("not-object-array", csv("[1,{\"a\":2}]"));
    m.put("not-object-array-out-of-range", csv("[1,{\"a\":2e400}]"));
    m.put("not-object-empty-array", csv("[]"));
    m.put("not-object-number", csv("5"));
    m.put("not-object-null", csv("null"));
    m.put("not-object-bool", csv("true"));
    m.put("type-after-value", "{\"value\":{\"a\":1e400},\"type\":\"olm.csv.metadata\"}");
    m.put("type-after-value-array", "{\"value\":[1,2],\"type\":\"olm.csv.metadata\"}");
    m.put("duplicate-keys", csv("{\"a\":1,\"a\":2,\"A\":3}"));
    m.put("type-repeated-package", "{\"type\":\"olm.csv.metadata\",\"value\":{\"packageName\":7},"
        + "\"type\":\"olm.package\"}");
    m.put("type-repeated-object", "{\"type\":\"olm.csv.metadata\",\"value\":{\"data\":\"!!\"},"
        + "\"type\":\"olm.bundle.object\"}");
    m.put("value-repeated", "{\"type\":\"olm.csv.metadata\",\"value\":{\"a\":1e400},\"value\":[1]}");
    m.put("keys-in-other-case", "{\"TYPE\":\"olm.csv.metadata\",\"Value\":[1]}");
    m.put("value-in-two-cases", "{\"type\":\"olm.csv.metadata\",\"Value\":{\"x\":1},\"value\":[2]}");
    m.put("type-not-string", "{\"type\":5,\"value\":{\"a\":1}}");
    m.put("extra-field", "{\"type\":\"olm.csv.metadata\",\"value\":{\"a\":1},\"extra\":{\"b\":1e400}}");
    return m;
  }

  /** Whole files, for what the bundle of a generated package cannot show. */
  private static Map<String, String> fileCases() {
    String bundle = "{\"schema\":\"olm.bundle\",\"name\":\"z.v1.0.0\",\"package\":\"z\",\"image\":\"quay.io/z:1\","
        + "\"properties\":[{\"type\":\"olm.package\",\"value\":{\"packageName\":\"z\",\"version\":\"1.0.0\"}},";
    Map<String, String> m = new LinkedHashMap<>();
    // a syntax error in the first blob: opm reads the file again as YAML
    m.put("first-blob-syntax.json", bundle + csv("{\"a\":1 \"b\":2}") + "]}\n");
    m.put("first-blob-ok.json", bundle + csv("{\"a\":[1]}") + "]}\n" + bundle + csv("[3,") + "]}\n");
    // the decoder's message shows the whole object, value included
    m.put("no-schema.json", "{\"properties\":[" + csv("{\"k\":\"v\",\"n\":[1,2]}") + "]}\n");
    m.put("schema-wrong-type.json", "{\"schema\":7,\"properties\":[" + csv("{\"k\":\"v\"}") + "]}\n");
    m.put("package-properties.json", "{\"schema\":\"olm.package\",\"name\":\"w\",\"properties\":["
        + csv("{\"a\":1e400}") + "]}\n");
    m.put("unknown-schema.json", "{\"schema\":\"olm.other\",\"properties\":[" + csv("{\"k\":[\"v\"]}") + "]}\n");
    m.put("yaml.yaml", "schema: olm.bundle\nname: y.v1.0.0\npackage: y\nproperties:\n- type: olm.csv.metadata\n"
        + "  value: {a: [1, 2]}\n- type: olm.csv.metadata\n  value: 5\n");
    return m;
  }

  private static String generatedPackage(String name) throws IOException {
    Catalog c = CatalogBuilder.create().pkg(name).defaultChannel("stable")
        .bundle(name + ".v1.0.0", "1.0.0", "quay.io/x/" + name + ":1",
            CatalogBuilder.property(Property.CSV_METADATA, "\"" + MARK + "\""))
        .bundle("1.1.0")
        .channel("stable").entry(name + ".v1.0.0").entry("1.1.0").replaces(name + ".v1.0.0").end()
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Fbc.write(c, out, WriteOptions.json());
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static Path catalog(Path dir) throws IOException {
    return catalog(dir, List.copyOf(propertyCases().keySet()));
  }

  /** The property cases named, then (when all are asked for) the file cases. */
  private static Path catalog(Path dir, List<String> names) throws IOException {
    int i = 0;
    for (Map.Entry<String, String> e : propertyCases().entrySet()) {
      if (!names.contains(e.getKey())) {
        continue;
      }
      String text = generatedPackage(String.format("p%02d", i++));
      Matcher m = PROPERTY.matcher(text);
      assertThat(m.find()).as("the generated bundle has the property to replace").isTrue();
      text = text.substring(0, m.start()) + e.getValue() + text.substring(m.end());
      Files.write(dir.resolve(e.getKey() + ".json"), text.getBytes(StandardCharsets.ISO_8859_1));
    }
    for (Map.Entry<String, String> e : fileCases().entrySet()) {
      if (names.size() < propertyCases().size()) {
        break;
      }
      Files.write(dir.resolve(e.getKey()), e.getValue().getBytes(StandardCharsets.ISO_8859_1));
    }
    return dir;
  }

  /** What validation reports after a full load (no skipping). */
  private static List<Problem> fullReport(Path dir) {
    try {
      Catalog c = new CatalogLoader(LoadOptions.defaults()).load(List.of(dir));
      return new CatalogValidator().validate(c).problems();
    } catch (CatalogLoadException e) {
      return e.problems();
    }
  }

  @Test
  void skippingLoadReportsWhatTheFullLoadReports(@TempDir Path tmp) throws IOException {
    Path dir = catalog(tmp);
    List<Problem> full = fullReport(dir);
    List<Problem> skipping = Fbc.validate(List.of(dir), LoadOptions.defaults(), new CatalogValidator()).problems();
    assertThat(skipping).containsExactlyElementsOf(full);
    // the cases are seen: syntax errors, an out-of-range number, values of the wrong kind, the nesting limit
    List<String> lines = new ArrayList<>();
    full.forEach(p -> lines.add(p.toLine()));
    assertThat(lines).anyMatch(l -> l.contains("missing-comma.json") && l.contains("invalid JSON"))
        .anyMatch(l -> l.contains("out-of-range.json") && l.contains("1e400"))
        .anyMatch(l -> l.contains("nesting-too-deep.json") && l.contains("invalid JSON"))
        .anyMatch(l -> l.contains("utf8-bad-start.json"))
        .anyMatch(l -> l.contains("no-schema.json") && l.contains("\"k\":\"v\""));
    // one file at a time too, so that a file's problems cannot hide behind another's
    // (the load errors of some files keep the checks from running on the whole catalog)
    List<String> checked = new ArrayList<>();
    for (Path f : Files.list(dir).sorted().toList()) {
      List<Problem> one = Fbc.validate(List.of(f), LoadOptions.defaults(), new CatalogValidator()).problems();
      assertThat(one).as(f.getFileName().toString()).containsExactlyElementsOf(fullReport(f));
      one.forEach(p -> checked.add(p.toLine()));
    }
    assertThat(checked)
        .anyMatch(l -> l.contains("not-object-array.json") && l.contains("cannot unmarshal array"))
        .anyMatch(l -> l.contains("not-object-string.json") && l.contains("cannot unmarshal string"))
        .anyMatch(l -> l.contains("type-repeated-object.json") && l.contains("illegal base64"))
        .anyMatch(l -> l.contains("type-repeated-package.json") && l.contains("Package.packageName"));
  }

  @Test
  void validationLoadKeepsOnlyTheKindOfCsvMetadata(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("ok.json");
    String text = generatedPackage("p");
    Matcher m = PROPERTY.matcher(text);
    assertThat(m.find()).isTrue();
    Files.writeString(f, text.substring(0, m.start()) + propertyCases().get("ok") + text.substring(m.end()));
    CatalogLoader full = new CatalogLoader(LoadOptions.defaults());
    assertThat(csvValue(full.load(List.of(f)))).contains("displayName");
    assertThat(csvValue(full.skippingValues(CatalogLoader.KIND_ONLY_FOR_VALIDATION).load(List.of(f))))
        .isEqualTo("{}");
  }

  @Test
  void withSchemasTheValuesAreReadInFull(@TempDir Path tmp) throws IOException {
    // the schemas read every value: a schema-checking validation loads them whole (a catalog that loads, so the
    // schemas run)
    Path dir = catalog(tmp, List.of("ok", "ok-non-ascii", "not-object-array", "type-after-value-array",
        "duplicate-keys", "value-in-two-cases", "not-object-null"));
    CatalogValidator schemas = new CatalogValidator().withSchemas(true);
    assertThat(schemas.checksSchemas()).isTrue();
    assertThat(new CatalogValidator().checksSchemas()).isFalse();
    List<Problem> expected = schemas.validate(new CatalogLoader(LoadOptions.defaults()).load(List.of(dir)))
        .problems();
    assertThat(expected).anyMatch(p -> p.rule().startsWith("schema."));
    assertThat(Fbc.validate(List.of(dir), LoadOptions.defaults(), schemas).problems())
        .containsExactlyElementsOf(expected);
  }

  private static String csvValue(Catalog c) {
    return c.blobs().stream().filter(b -> b instanceof BundleBlob).map(b -> (BundleBlob) b)
        .flatMap(b -> b.properties().stream()).filter(p -> p.type().equals(Property.CSV_METADATA))
        .findFirst().orElseThrow().value().toString();
  }
}
