package dev.fbc.build;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.GoFields;
import dev.fbc.internal.json.GoMarshal;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.json.RawJsonReader;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.model.RawJson;
import dev.fbc.model.RelatedImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CSV opm v1.54 synthesizes for a bundle that has one {@code olm.csv.metadata} property and no CSV object
 * ({@code pkg/api/model_to_api.go}): the metadata decoded into Go's {@code property.CSVMetadata} and marshalled as
 * an operator-framework/api v0.31.0 {@code ClusterServiceVersion} by {@code json.Marshal}: struct field order,
 * {@code omitempty} (which never drops a struct), {@code <>&} escaped, map keys sorted.
 */
final class StubCsv {
  private StubCsv() {}

  /** A value opm's decoder would refuse, so opm builds no cache either. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** One Go struct field: its JSON name, its kind, whether it has {@code omitempty}, its fields (for structs). */
  private record F(String name, Kind kind, boolean omit, List<F> fields) {
    static F str(String n, boolean omit) {
      return new F(n, Kind.STRING, omit, List.of());
    }
  }

  private enum Kind { STRING, BOOL, INT32, STRINGS, STRING_MAP, RAW, STRUCT, STRUCTS }

  private static F of(String n, Kind k, boolean omit) {
    return new F(n, k, omit, List.of());
  }

  private static F structs(String n, List<F> fields) {
    return new F(n, Kind.STRUCTS, true, fields);
  }

  private static final List<F> RESOURCE = List.of(F.str("name", false), F.str("kind", false),
      F.str("version", false));
  private static final List<F> DESCRIPTOR = List.of(F.str("path", false), F.str("displayName", true),
      F.str("description", true), of("x-descriptors", Kind.STRINGS, true), of("value", Kind.RAW, true));
  private static final List<F> CRD = List.of(F.str("name", false), F.str("version", false), F.str("kind", false),
      F.str("displayName", true), F.str("description", true), structs("resources", RESOURCE),
      structs("statusDescriptors", DESCRIPTOR), structs("specDescriptors", DESCRIPTOR),
      structs("actionDescriptors", DESCRIPTOR));
  private static final List<F> API_SERVICE = List.of(F.str("name", false), F.str("group", false),
      F.str("version", false), F.str("kind", false), F.str("deploymentName", true),
      of("containerPort", Kind.INT32, true), F.str("displayName", true), F.str("description", true),
      structs("resources", RESOURCE), structs("statusDescriptors", DESCRIPTOR),
      structs("specDescriptors", DESCRIPTOR), structs("actionDescriptors", DESCRIPTOR));
  private static final List<F> CRDS = List.of(structs("owned", CRD), structs("required", CRD));
  private static final List<F> API_SERVICES = List.of(structs("owned", API_SERVICE),
      structs("required", API_SERVICE));
  private static final List<F> INSTALL_MODE = List.of(F.str("type", false), of("supported", Kind.BOOL, false));
  private static final List<F> MAINTAINER = List.of(F.str("name", true), F.str("email", true));
  private static final List<F> LINK = List.of(F.str("name", true), F.str("url", true));
  private static final List<F> GVK = List.of(F.str("group", false), F.str("version", false),
      F.str("kind", false));

  /**
   * The stub CSV's JSON text.
   *
   * @param metadata the {@code olm.csv.metadata} value
   * @param version the bundle's version as opm prints its parsed semver (valid semver prints as written)
   * @param icon the package icon's decoded data and media type, if the package has an icon
   */
  static String json(RawJson metadata, String name, String version, Optional<byte[]> iconData, String iconType,
      String packageDescription, List<RelatedImage> relatedImages) throws Refused {
    JsonValue.TreeBuilder tb = new JsonValue.TreeBuilder();
    RawJsonReader.emit(RawAccess.bytes(metadata), tb, false);
    if (!(tb.result() instanceof JsonValue.Obj m)) {
      throw new Refused("an olm.csv.metadata value is not an object");
    }
    ByteSink out = new ByteSink(1 << 12);
    JsonTextWriter w = JsonTextWriter.compact(out).escapeHtml(true);
    w.beginObject();
    w.key("kind");
    w.string("ClusterServiceVersion");
    w.key("apiVersion");
    w.string("operators.coreos.com/v1alpha1");
    w.key("metadata");
    w.beginObject();
    w.key("name");
    w.string(name);
    w.key("creationTimestamp");
    w.nul();
    field(w, of("labels", Kind.STRING_MAP, true), GoFields.get(m, "labels"));
    field(w, of("annotations", Kind.STRING_MAP, true), GoFields.get(m, "annotations"));
    w.endObject();
    w.key("spec");
    w.beginObject();
    w.key("install");
    w.beginObject();
    w.key("strategy");
    w.string("deployment");
    w.key("spec");
    w.beginObject();
    w.key("deployments");
    w.nul();
    w.endObject();
    w.endObject();
    w.key("version");
    w.string(version);
    field(w, F.str("maturity", true), GoFields.get(m, "maturity"));
    field(w, new F("customresourcedefinitions", Kind.STRUCT, true, CRDS), GoFields.get(m, "crdDescriptions"));
    field(w, new F("apiservicedefinitions", Kind.STRUCT, true, API_SERVICES),
        GoFields.get(m, "apiServiceDefinitions"));
    field(w, structs("nativeAPIs", GVK), GoFields.get(m, "nativeAPIs"));
    field(w, F.str("minKubeVersion", true), GoFields.get(m, "minKubeVersion"));
    field(w, F.str("displayName", false), GoFields.get(m, "displayName"));
    String description = string(GoFields.get(m, "description"));
    field(w, F.str("description", true),
        Optional.of(new JsonValue.Str(description.isEmpty() ? packageDescription : description)));
    field(w, of("keywords", Kind.STRINGS, true), GoFields.get(m, "keywords"));
    field(w, structs("maintainers", MAINTAINER), GoFields.get(m, "maintainers"));
    field(w, new F("provider", Kind.STRUCT, true, LINK), GoFields.get(m, "provider"));
    field(w, structs("links", LINK), GoFields.get(m, "links"));
    if (iconData.isPresent()) {
      w.key("icon");
      w.beginArray();
      w.beginObject();
      w.key("base64data");
      w.string(java.util.Base64.getEncoder().encodeToString(iconData.get()));
      w.key("mediatype");
      w.string(iconType);
      w.endObject();
      w.endArray();
    }
    field(w, structs("installModes", INSTALL_MODE), GoFields.get(m, "installModes"));
    w.key("cleanup");
    w.beginObject();
    w.key("enabled");
    w.bool(false);
    w.endObject();
    if (!relatedImages.isEmpty()) {
      w.key("relatedImages");
      w.beginArray();
      for (RelatedImage r : relatedImages) {
        w.beginObject();
        w.key("name");
        w.string(r.name());
        w.key("image");
        w.string(r.image());
        w.endObject();
      }
      w.endArray();
    }
    w.endObject();
    w.key("status");
    w.beginObject();
    w.key("cleanup");
    w.beginObject();
    w.endObject();
    w.endObject();
    w.endObject();
    return out.toString();
  }

  /** Writes one field from the decoded value ({@code empty} when the key is absent or null: Go's zero value). */
  private static void field(JsonTextWriter w, F f, Optional<JsonValue> v) throws Refused {
    switch (f.kind()) {
      case STRING -> {
        String s = string(v);
        if (!(f.omit() && s.isEmpty())) {
          w.key(f.name());
          w.string(s);
        }
      }
      case BOOL -> {
        boolean b = false;
        if (v.isPresent()) {
          if (!(v.get() instanceof JsonValue.Bool x)) {
            throw new Refused("an olm.csv.metadata field \"" + f.name() + "\" is not a boolean");
          }
          b = x.value();
        }
        if (!(f.omit() && !b)) {
          w.key(f.name());
          w.bool(b);
        }
      }
      case INT32 -> {
        long n = 0;
        if (v.isPresent()) {
          n = int32(v.get(), f.name());
        }
        if (!(f.omit() && n == 0)) {
          w.key(f.name());
          w.number(Long.toString(n));
        }
      }
      case STRINGS -> {
        List<JsonValue> items = array(v, f.name());
        if (!(f.omit() && items.isEmpty())) {
          w.key(f.name());
          w.beginArray();
          for (JsonValue item : items) {
            w.string(item instanceof JsonValue.Null ? "" : string(Optional.of(item)));
          }
          w.endArray();
        }
      }
      case STRING_MAP -> {
        Map<String, JsonValue> members = v.isEmpty() ? Map.of() : object(v.get(), f.name()).members();
        if (!(f.omit() && members.isEmpty())) {
          TreeMap<String, String> sorted = new TreeMap<>(CatalogLayer::compareBytes);
          for (Map.Entry<String, JsonValue> e : members.entrySet()) {
            sorted.put(e.getKey(), e.getValue() instanceof JsonValue.Null ? "" : string(Optional.of(e.getValue())));
          }
          w.key(f.name());
          w.beginObject();
          for (Map.Entry<String, String> e : sorted.entrySet()) {
            w.key(e.getKey());
            w.string(e.getValue());
          }
          w.endObject();
        }
      }
      case RAW -> {
        if (v.isPresent()) {
          w.key(f.name());
          GoMarshal.emit(v.get(), w);
        }
      }
      case STRUCT -> {
        JsonValue.Obj o = v.isEmpty() ? new JsonValue.Obj(Map.of()) : object(v.get(), f.name());
        w.key(f.name());
        struct(w, f.fields(), o);
      }
      case STRUCTS -> {
        List<JsonValue> items = array(v, f.name());
        if (!(f.omit() && items.isEmpty())) {
          w.key(f.name());
          w.beginArray();
          for (JsonValue item : items) {
            struct(w, f.fields(), item instanceof JsonValue.Null ? new JsonValue.Obj(Map.of()) : object(item,
                f.name()));
          }
          w.endArray();
        }
      }
      default -> throw new IllegalStateException(f.kind().name());
    }
  }

  private static void struct(JsonTextWriter w, List<F> fields, JsonValue.Obj o) throws Refused {
    w.beginObject();
    for (F f : fields) {
      field(w, f, f.kind() == Kind.RAW ? raw(o, f.name()) : GoFields.get(o, f.name()));
    }
    w.endObject();
  }

  /**
   * A {@code json.RawMessage} field: unlike other fields, a JSON {@code null} is kept (as {@code null}), since
   * Go hands it to the field's own decoder.
   */
  private static Optional<JsonValue> raw(JsonValue.Obj o, String field) {
    JsonValue found = null;
    String foundKey = null;
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      if (e.getKey().equalsIgnoreCase(field)
          && (foundKey == null || CatalogLayer.compareBytes(e.getKey(), foundKey) > 0)) {
        found = e.getValue();
        foundKey = e.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  private static String string(Optional<JsonValue> v) throws Refused {
    if (v.isEmpty()) {
      return "";
    }
    if (!(v.get() instanceof JsonValue.Str s)) {
      throw new Refused("an olm.csv.metadata field is not a string");
    }
    return s.value();
  }

  private static List<JsonValue> array(Optional<JsonValue> v, String name) throws Refused {
    if (v.isEmpty()) {
      return List.of();
    }
    if (!(v.get() instanceof JsonValue.Arr a)) {
      throw new Refused("an olm.csv.metadata field \"" + name + "\" is not a list");
    }
    return new ArrayList<>(a.items());
  }

  private static JsonValue.Obj object(JsonValue v, String name) throws Refused {
    if (!(v instanceof JsonValue.Obj o)) {
      throw new Refused("an olm.csv.metadata field \"" + name + "\" is not an object");
    }
    return o;
  }

  private static long int32(JsonValue v, String name) throws Refused {
    if (v instanceof JsonValue.Num n) {
      try {
        long x = new BigDecimal(n.text()).longValueExact();
        if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
          return x;
        }
      } catch (ArithmeticException e) {
        // not a whole number: refused below
      }
    }
    throw new Refused("an olm.csv.metadata field \"" + name + "\" is not a 32-bit integer");
  }
}
