package dev.fbc.mirror;

import dev.fbc.base.FbcException;
import dev.fbc.internal.io.Documents;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.text.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CatalogSource to start the generated one from (oc-mirror's {@code targetCatalogSourceTemplate}), checked as
 * oc-mirror checks it: a {@code operators.coreos.com/v1alpha1} {@code CatalogSource}, {@code spec.sourceType}
 * {@code grpc} or absent, no {@code spec.configMap}. The name, namespace ({@code openshift-marketplace}),
 * source type and image are set by the plan, fbc's annotations are added over the template's, and
 * {@code metadata.creationTimestamp} and {@code status} are dropped. Every other field is kept as written.
 *
 * <p>Unlike oc-mirror, which logs the error and falls back to a plain CatalogSource, a template that fails the
 * checks is an error: a silently different CatalogSource is worse than none.
 */
public final class CatalogSourceTemplate {
  static final int MAX_BYTES = 1 << 20;
  private final Map<String, Object> object;

  private CatalogSourceTemplate(Map<String, Object> object) {
    this.object = object;
  }

  /** Reads and checks a template file (at most 1 MiB). */
  public static CatalogSourceTemplate load(Path file) {
    String where = "catalog source template " + SafeText.path(file);
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw new FbcException(where + ": " + (Files.exists(file) ? "not a regular file" : "does not exist"));
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new FbcException(where + ": larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new FbcException(where + ": does not exist", e);
    } catch (IOException e) {
      throw new FbcException(where + ": cannot be read", e);
    }
    return parse(bytes, SafeText.path(file));
  }

  /** Checks a template given as bytes; {@code name} names it in errors. */
  public static CatalogSourceTemplate parse(byte[] bytes, String name) {
    String where = "catalog source template " + name;
    List<JsonValue> docs;
    try {
      docs = Documents.all(bytes, name);
    } catch (FbcException e) {
      throw new FbcException(where + " is not a valid CatalogSource: " + e.getMessage(), e);
    }
    List<JsonValue> real = docs.stream().filter(d -> !(d instanceof JsonValue.Null)).toList();
    if (real.size() != 1 || !(real.get(0) instanceof JsonValue.Obj root)) {
      throw new FbcException(where + " is not a valid CatalogSource: expected one object");
    }
    String apiVersion = string(root, "apiVersion", where);
    if (!apiVersion.equals("operators.coreos.com/v1alpha1")) {
      throw new FbcException(where + ": apiVersion must be operators.coreos.com/v1alpha1, not \""
          + SafeText.value(apiVersion) + "\"");
    }
    String kind = string(root, "kind", where);
    if (!kind.equals("CatalogSource")) {
      throw new FbcException(where + ": kind must be CatalogSource, not \"" + SafeText.value(kind) + "\"");
    }
    JsonValue.Obj metadata = object(root, "metadata", where);
    JsonValue.Obj spec = object(root, "spec", where);
    JsonValue v = metadata.members().get("annotations");
    if (v != null && !(v instanceof JsonValue.Null)) {
      if (!(v instanceof JsonValue.Obj a) || a.members().values().stream()
          .anyMatch(x -> !(x instanceof JsonValue.Str))) {
        throw new FbcException(where + ": metadata.annotations must map names to strings");
      }
    }
    String sourceType = string(spec, "sourceType", where);
    if (!sourceType.isEmpty() && !sourceType.equals("grpc")) {
      throw new FbcException(where + ": spec.sourceType must be grpc, not \"" + SafeText.value(sourceType) + "\"");
    }
    if (!string(spec, "configMap", where).isEmpty()) {
      throw new FbcException(where + ": spec.configMap must not be set (the catalog is served from an image)");
    }
    JsonValue p = spec.members().get("priority");
    if (p != null && !(p instanceof JsonValue.Null)
        && !(p instanceof JsonValue.Num n && n.text().matches("-?[0-9]+"))) {
      throw new FbcException(where + ": spec.priority must be an integer");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = (Map<String, Object>) K8sYaml.plain(root);
    return new CatalogSourceTemplate(plain);
  }

  private static String string(JsonValue.Obj o, String key, String where) {
    JsonValue v = o.members().get(key);
    if (v == null || v instanceof JsonValue.Null) {
      return "";
    }
    if (v instanceof JsonValue.Str s) {
      return s.value();
    }
    throw new FbcException(where + ": " + key + " must be a string, not " + v.kind());
  }

  private static JsonValue.Obj object(JsonValue.Obj o, String key, String where) {
    JsonValue v = o.members().get(key);
    if (v == null || v instanceof JsonValue.Null) {
      return new JsonValue.Obj(Map.of());
    }
    if (v instanceof JsonValue.Obj obj) {
      return obj;
    }
    throw new FbcException(where + ": " + key + " must be an object, not " + v.kind());
  }

  /** The CatalogSource for one catalog: the template with the plan's values set. */
  @SuppressWarnings("unchecked")
  Map<String, Object> apply(String name, String image, Map<String, Object> annotations) {
    Map<String, Object> out = new LinkedHashMap<>(object);
    out.remove("status");
    Map<String, Object> metadata = out.get("metadata") instanceof Map<?, ?> m
        ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    metadata.remove("creationTimestamp");
    metadata.put("name", name);
    metadata.put("namespace", "openshift-marketplace");
    Map<String, Object> ann = metadata.get("annotations") instanceof Map<?, ?> a
        ? new LinkedHashMap<>((Map<String, Object>) a) : new LinkedHashMap<>();
    ann.putAll(annotations);
    metadata.put("annotations", ann);
    out.put("metadata", metadata);
    Map<String, Object> spec = out.get("spec") instanceof Map<?, ?> s
        ? new LinkedHashMap<>((Map<String, Object>) s) : new LinkedHashMap<>();
    spec.put("sourceType", "grpc");
    spec.put("image", image);
    out.put("spec", spec);
    return out;
  }
}
