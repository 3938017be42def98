package dev.fbc.model;

import java.util.Map;

/**
 * A {@code {type, value}} property of a bundle, package or channel. The value is kept as raw JSON whatever the
 * type, so unknown property types survive untouched.
 *
 * @param extras fields other than {@code type} and {@code value}, kept for lossless writing
 */
public record Property(String type, RawJson value, Map<String, RawJson> extras) {
  public static final String PACKAGE = "olm.package";
  public static final String PACKAGE_REQUIRED = "olm.package.required";
  public static final String GVK = "olm.gvk";
  public static final String GVK_REQUIRED = "olm.gvk.required";
  public static final String BUNDLE_OBJECT = "olm.bundle.object";
  public static final String CSV_METADATA = "olm.csv.metadata";

  public Property {
    type = Extras.str(type);
    if (value == null) {
      throw new NullPointerException("value");
    }
    extras = Extras.copy(extras);
  }

  public Property(String type, RawJson value) {
    this(type, value, Map.of());
  }

  /** Parses {@code valueJson} as the value. */
  public static Property of(String type, String valueJson) {
    return new Property(type, RawJson.parse(valueJson));
  }

  /** An {@code olm.package} property. */
  public static Property packageProperty(String packageName, String version) {
    var sink = new dev.fbc.internal.json.ByteSink(64);
    var w = dev.fbc.internal.json.JsonTextWriter.compact(sink);
    w.beginObject();
    w.key("packageName");
    w.string(packageName);
    w.key("version");
    w.string(version);
    w.endObject();
    return new Property(PACKAGE, dev.fbc.internal.model.RawAccess.wrap(sink.toByteArray(), w));
  }
}
