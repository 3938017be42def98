package dev.fbc.template;

import dev.fbc.Fbc;
import dev.fbc.base.OutputFormat;
import dev.fbc.base.WriteOptions;
import dev.fbc.internal.io.Documents;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.yaml.GoYamlEmitter;
import dev.fbc.internal.yaml.YamlTree;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Catalog templates as opm's {@code alpha render-template} and {@code alpha convert-template} handle them.
 *
 * <pre>{@code
 * BundleSource images = BundleSource.images(RegistryOptions.defaults(), BundleRenderer.builder().build(),
 *     LoadOptions.defaults(), false, 4);
 * Catalog c = Templates.semver(TemplateSource.of(Path.of("catalog-template.yaml")), images);
 * Fbc.write(c, System.out, WriteOptions.builder().build());       // = opm alpha render-template semver
 * byte[] t = Templates.convertBasic(Fbc.render(List.of(Path.of("catalog"))), OutputFormat.YAML);
 * }</pre>
 */
public final class Templates {
  private Templates() {}

  /** Renders an {@code olm.template.basic} template; its bundle entries come from {@code bundles}. */
  public static Catalog basic(TemplateSource template, BundleSource bundles) {
    return BasicTemplate.render(template, bundles);
  }

  /** Renders an {@code olm.semver} template. */
  public static Catalog semver(TemplateSource template, BundleSource bundles) {
    return SemverTemplate.render(template, bundles);
  }

  /**
   * A basic template that renders back to {@code catalog}: every blob as it is, except bundles, which become
   * {@code {schema: olm.bundle, image: ...}} entries. The JSON form is indented by four spaces with HTML
   * characters escaped, the YAML form starts with {@code ---}, as opm writes them.
   */
  public static byte[] convertBasic(Catalog catalog, OutputFormat format) {
    String stream = Fbc.writeToString(catalog, WriteOptions.builder().build());
    List<JsonValue> blobs = Documents.all(stream.getBytes(StandardCharsets.UTF_8), "catalog");
    List<Blob> order = catalog.blobs();
    ByteSink out = new ByteSink(stream.length() / 4 + 64);
    JsonSink sink;
    YamlTree.Builder tree = null;
    if (format == OutputFormat.JSON) {
      sink = JsonTextWriter.pretty(out, 4).escapeHtml(true);
    } else {
      tree = new YamlTree.Builder(true);
      sink = tree;
    }
    sink.beginObject();
    sink.key("schema");
    sink.string(BasicTemplate.SCHEMA);
    sink.key("entries");
    sink.beginArray();
    for (JsonValue v : blobs) {
      if (v instanceof JsonValue.Obj o && o.members().get("schema") instanceof JsonValue.Str s
          && s.value().equals(Blob.SCHEMA_BUNDLE)) {
        sink.beginObject();
        sink.key("schema");
        sink.string(Blob.SCHEMA_BUNDLE);
        sink.key("image");
        sink.string(o.members().get("image") instanceof JsonValue.Str img ? img.value() : "");
        sink.endObject();
      } else {
        v.emit(sink, true);
      }
    }
    sink.endArray();
    sink.endObject();
    if (tree == null) {
      out.write('\n');
      return out.toByteArray();
    }
    out.write("---\n".getBytes(StandardCharsets.UTF_8));
    GoYamlEmitter.writeDocument(tree.result(), out);
    out.write('\n');
    return out.toByteArray();
  }
}
