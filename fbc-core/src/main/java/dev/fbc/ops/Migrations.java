package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.internal.io.Documents;
import dev.fbc.internal.json.GoFields;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.json.RawJsonReader;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import dev.fbc.semantic.BundleProperties;
import dev.fbc.text.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * opm's catalog migrations ({@code --migrate-level}), applied to a whole catalog as {@code opm migrate} and
 * {@code opm render --migrate-level} do. The one migration so far, {@code bundle-object-to-csv-metadata},
 * replaces the {@code olm.bundle.object} properties of each bundle that has an image and a CSV among its objects
 * by one {@code olm.csv.metadata} built from that CSV.
 *
 * <pre>{@code
 * Catalog migrated = Migrations.level("bundle-object-to-csv-metadata").apply(Fbc.load(Path.of("catalog")));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Migrations {
  /** The level names opm knows, in order; a level runs every migration up to and including itself. */
  public static final String NONE = "none";
  public static final String BUNDLE_OBJECT_TO_CSV_METADATA = "bundle-object-to-csv-metadata";
  public static final String ALL = "all";

  private static final Migrations OFF = new Migrations(false);
  private static final Migrations CSV_METADATA = new Migrations(true);

  private final boolean csvMetadata;

  private Migrations(boolean csvMetadata) {
    this.csvMetadata = csvMetadata;
  }

  /** No migration. */
  public static Migrations none() {
    return OFF;
  }

  /** opm's {@code --migrate-level}: {@code ""} or {@code none}, {@code bundle-object-to-csv-metadata}, {@code all}. */
  public static Migrations level(String level) {
    return switch (level == null ? "" : level) {
      case "", NONE -> OFF;
      case BUNDLE_OBJECT_TO_CSV_METADATA, ALL -> CSV_METADATA;
      default -> throw new FbcException("unknown migration level \"" + SafeText.value(level) + "\"");
    };
  }

  /** Whether bundle objects become CSV metadata. */
  public boolean toCsvMetadata() {
    return csvMetadata;
  }

  /** The catalog with every migration of this level applied; the blob order stays. */
  public Catalog apply(Catalog catalog) {
    if (!csvMetadata) {
      return catalog;
    }
    return catalog.map(this::apply);
  }

  /** One blob with every migration of this level applied. */
  public Blob apply(Blob b) {
    return csvMetadata && b instanceof BundleBlob bundle ? toCsvMetadata(bundle) : b;
  }

  /**
   * One bundle migrated as opm does: untouched without an image, without a CSV among its bundle objects, or when
   * it already has an {@code olm.csv.metadata} property.
   */
  public static BundleBlob toCsvMetadata(BundleBlob bundle) {
    if (bundle.image().isEmpty()) {
      return bundle;
    }
    return csv(bundle).map(csv -> withCsvMetadata(bundle, csv)).orElse(bundle);
  }

  /** The bundle's properties without bundle objects and with the CSV's metadata appended (opm's order). */
  static BundleBlob withCsvMetadata(BundleBlob bundle, JsonValue csv) {
    List<Property> kept = new ArrayList<>();
    for (Property p : bundle.properties()) {
      if (Property.CSV_METADATA.equals(p.type())) {
        return bundle;
      }
      if (!Property.BUNDLE_OBJECT.equals(p.type())) {
        kept.add(p);
      }
    }
    kept.add(new Property(Property.CSV_METADATA, RawAccess.wrapFinal(CsvMetadata.marshal(csv))));
    return bundle.withProperties(kept);
  }

  /**
   * The CSV among the bundle's {@code olm.bundle.object} properties (the last one when there are several, as
   * opm), decoded from base64 and parsed as YAML or JSON.
   */
  static Optional<JsonValue> csv(BundleBlob bundle) {
    List<dev.fbc.model.RawJson> objects = BundleProperties.parse(bundle.properties()).bundleObjects();
    JsonValue found = null;
    for (int i = 0; i < objects.size(); i++) {
      JsonValue doc = object(bundle, objects.get(i), i);
      if (doc instanceof JsonValue.Obj o
          && GoFields.get(o, "kind").orElse(null) instanceof JsonValue.Str k
          && k.value().equals("ClusterServiceVersion")) {
        found = doc;
      }
    }
    return Optional.ofNullable(found);
  }

  private static JsonValue object(BundleBlob bundle, dev.fbc.model.RawJson value, int index) {
    String where = "package \"" + SafeText.value(bundle.packageName()) + "\", bundle \""
        + SafeText.value(bundle.name()) + "\": bundle object " + index;
    JsonValue.TreeBuilder tb = new JsonValue.TreeBuilder();
    RawJsonReader.emit(RawAccess.bytes(value), tb, false);
    if (!(tb.result() instanceof JsonValue.Obj o)
        || !(GoFields.get(o, "data").orElse(null) instanceof JsonValue.Str data)) {
      throw new FbcException(where + ": the value has no base64 \"data\" string");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(data.value().getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new FbcException(where + ": \"data\" is not base64: " + SafeText.value(e.getMessage()), e);
    }
    List<JsonValue> docs = Documents.all(bytes, where);
    return docs.isEmpty() ? JsonValue.Null.INSTANCE : docs.get(0);
  }

  /**
   * What opm v1.54's {@code migrate} writes of a catalog: each {@code olm.package} with the channels and bundles of
   * that package. It drops deprecations, blobs of other schemas and blobs of undeclared packages (fixed upstream
   * after v1.54); {@code dropped} lists them so a caller can say so.
   */
  public static Layout opmV154Layout(Catalog catalog) {
    Set<String> declared = new HashSet<>();
    for (PackageBlob p : catalog.packages()) {
      declared.add(p.name());
    }
    List<Blob> kept = new ArrayList<>();
    List<Blob> dropped = new ArrayList<>();
    for (Blob b : catalog.blobs()) {
      boolean keep = b instanceof PackageBlob
          || (b instanceof ChannelBlob || b instanceof BundleBlob) && declared.contains(b.packageName());
      (keep ? kept : dropped).add(b);
    }
    return new Layout(new Catalog(kept), List.copyOf(dropped));
  }

  /** The blobs {@code opm migrate} writes and those it leaves out. */
  public record Layout(Catalog catalog, List<Blob> dropped) {
    public Layout {
      dropped = List.copyOf(dropped);
    }
  }
}
