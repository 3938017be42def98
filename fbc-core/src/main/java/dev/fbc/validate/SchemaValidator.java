package dev.fbc.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.fbc.base.Problem;
import dev.fbc.internal.io.CatalogWriter;
import dev.fbc.model.Blob;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks blobs against the JSON Schemas in the fbc-core jar ({@code schemas/package.schema.json},
 * {@code channel}, {@code bundle}, {@code deprecations}, with shared definitions in {@code common}). A blob is
 * checked in its canonical form (keys as opm matches them, ignoring case), so the schemas accept what opm
 * accepts. Each violation becomes a problem at the blob's file and line.
 *
 * <pre>{@code
 * List<Problem> problems = SchemaValidator.get().validate(Fbc.load(Path.of("catalog")));
 * }</pre>
 */
public final class SchemaValidator {
  /** The {@code $id} prefix of the schemas, mapped to {@code classpath:schemas/}. */
  public static final String ID_PREFIX = "https://fbc.dev/schemas/";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile SchemaValidator instance;

  private final Map<String, Schema> bySchema;

  private SchemaValidator() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:schemas/")));
    bySchema = Map.of(
        Blob.SCHEMA_PACKAGE, registry.getSchema(SchemaLocation.of(ID_PREFIX + "package.schema.json")),
        Blob.SCHEMA_CHANNEL, registry.getSchema(SchemaLocation.of(ID_PREFIX + "channel.schema.json")),
        Blob.SCHEMA_BUNDLE, registry.getSchema(SchemaLocation.of(ID_PREFIX + "bundle.schema.json")),
        Blob.SCHEMA_DEPRECATIONS, registry.getSchema(SchemaLocation.of(ID_PREFIX + "deprecations.schema.json")));
  }

  /** The shared validator (schemas are loaded once). */
  public static SchemaValidator get() {
    SchemaValidator v = instance;
    if (v == null) {
      synchronized (SchemaValidator.class) {
        v = instance;
        if (v == null) {
          v = new SchemaValidator();
          instance = v;
        }
      }
    }
    return v;
  }

  public List<Problem> validate(Catalog catalog) {
    List<Problem> out = new ArrayList<>();
    for (Blob b : catalog.blobs()) {
      out.addAll(validate(b));
    }
    return out;
  }

  /** Violations of one blob; blobs of other schemas have none. */
  public List<Problem> validate(Blob blob) {
    Schema schema = bySchema.get(blob.schema());
    if (schema == null) {
      return List.of();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(CatalogWriter.compactJson(blob, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Problem> out = new ArrayList<>();
    for (Error e : schema.validate(node)) {
      String where = e.getInstanceLocation().toString();
      out.add(new Problem("schema." + e.getKeyword(), Problem.Severity.ERROR, blob.source(), blob.packageName(),
          blob instanceof dev.fbc.model.ChannelBlob c ? c.name() : "",
          blob instanceof dev.fbc.model.BundleBlob bb ? bb.name() : "",
          blob.schema() + " does not match its JSON Schema at " + where + ": " + e.getMessage(),
          "see schemas/" + blob.schema().substring("olm.".length()) + ".schema.json"));
    }
    return out;
  }
}
