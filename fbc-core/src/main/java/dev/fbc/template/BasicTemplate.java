package dev.fbc.template;

import dev.fbc.base.FbcException;
import dev.fbc.internal.io.BlobDecoder;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.base.Source;
import dev.fbc.ops.RenderNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * opm's basic template ({@code schema: olm.template.basic}): {@code entries} are catalog blobs that pass through,
 * except {@code olm.bundle} entries that only name an {@code image}, which become the rendered bundle.
 */
final class BasicTemplate {
  static final String SCHEMA = "olm.template.basic";

  private BasicTemplate() {}

  static Catalog render(TemplateSource source, BundleSource bundles) {
    TemplateDocument doc = TemplateDocument.parse(source, m -> "decoding template schema: " + m);
    Map<String, JsonValue> top = doc.members();
    JsonValue schema = TemplateDocument.field(top, "schema");
    String s = schema instanceof JsonValue.Str str ? str.value() : "";
    if (!SCHEMA.equals(s)) {
      throw doc.error(schema == null ? "" : "schema", "template has unknown schema (" + quote(s) + "), should be "
          + quote(SCHEMA));
    }
    JsonValue entries = TemplateDocument.field(top, "entries");
    List<JsonValue> items = entries instanceof JsonValue.Arr a ? a.items() : List.of();
    List<Blob> blobs = new ArrayList<>();
    List<Integer> bundleAt = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonValue e = items.get(i);
      int line = doc.line("entries[" + i + "]");
      if (e instanceof JsonValue.Obj o && TemplateDocument.field(o.members(), "schema") == null) {
        // opm prints the entry as re-encoded JSON, with the encoder's newline inside the quotes
        throw source.error(line, "object '" + compact(o) + "\n' is missing root schema field");
      }
      try {
        Blob b = BlobDecoder.decode(e, new Source(source.name(), line));
        blobs.add(b);
        if (b instanceof BundleBlob) {
          bundleAt.add(i);
        }
      } catch (BlobDecoder.BlobException ex) {
        throw source.error(line, ex.getMessage());
      }
    }
    List<String> refs = new ArrayList<>();
    for (int i : bundleAt) {
      BundleBlob b = (BundleBlob) blobs.get(i); // one blob per entry, in order
      if (!isImageOnly(b)) {
        throw source.error(doc.line("entries[" + i + "]"), "unexpected fields present in basic template bundle");
      }
      refs.add(b.image());
    }
    Map<String, BundleBlob> rendered;
    try {
      rendered = bundles.renderAll(refs);
    } catch (FbcException ex) {
      int line = 0;
      for (int k = 0; k < refs.size(); k++) {
        if (ex.getMessage().contains("\"" + refs.get(k) + "\"")) {
          line = doc.line("entries[" + bundleAt.get(k) + "]");
          break;
        }
      }
      throw source.error(line, ex.getMessage());
    }
    List<Blob> out = new ArrayList<>();
    for (Blob b : blobs) {
      if (!(b instanceof BundleBlob)) {
        out.add(b);
      }
    }
    for (String r : refs) {
      out.add(rendered.get(r));
    }
    return RenderNormalizer.normalize(new Catalog(out));
  }

  /** What opm accepts as a bundle entry: a schema and an image, no package, properties or related images. */
  static boolean isImageOnly(BundleBlob b) {
    return !b.image().isEmpty() && b.packageName().isEmpty() && b.properties().isEmpty()
        && b.relatedImages().isEmpty();
  }

  static String compact(JsonValue v) {
    ByteSink sink = new ByteSink(128);
    v.emit(JsonTextWriter.compact(sink), true);
    return sink.toString();
  }

  static String quote(String s) {
    return dev.fbc.internal.json.GoJson.quote(s);
  }
}
