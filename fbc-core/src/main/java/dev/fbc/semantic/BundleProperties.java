package dev.fbc.semantic;

import dev.fbc.internal.json.GoFields;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.internal.json.RawJsonReader;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bundle's properties parsed once into types: what it is ({@code olm.package}), the APIs it provides
 * ({@code olm.gvk}) and requires ({@code olm.gvk.required}), the packages it requires
 * ({@code olm.package.required}), its CSV metadata and bundle objects. Fields are read as Go reads them
 * (any case, last key wins). Values of the wrong shape are left out here; validation reports them.
 *
 * <p>Immutable and thread-safe.
 */
public record BundleProperties(List<PackageProperty> packages, List<Gvk> providedApis, List<Gvk> requiredApis,
    List<PackageRequirement> requiredPackages, Optional<RawJson> csvMetadata, List<RawJson> bundleObjects) {

  /** An {@code olm.package} property: the package a bundle belongs to and its version. */
  public record PackageProperty(String packageName, String version, String release) {}

  /** A group/version/kind, as {@code olm.gvk} and {@code olm.gvk.required} give it. */
  public record Gvk(String group, String version, String kind) {
    @Override
    public String toString() {
      return (group.isEmpty() ? "" : group + "/") + version + " " + kind;
    }
  }

  /** An {@code olm.package.required} property: a package and the semver range of its versions. */
  public record PackageRequirement(String packageName, String versionRange) {}

  public BundleProperties {
    packages = List.copyOf(packages);
    providedApis = List.copyOf(providedApis);
    requiredApis = List.copyOf(requiredApis);
    requiredPackages = List.copyOf(requiredPackages);
    bundleObjects = List.copyOf(bundleObjects);
  }

  public static BundleProperties parse(List<Property> properties) {
    List<PackageProperty> packages = new ArrayList<>();
    List<Gvk> provided = new ArrayList<>();
    List<Gvk> required = new ArrayList<>();
    List<PackageRequirement> requiredPackages = new ArrayList<>();
    RawJson csv = null;
    List<RawJson> objects = new ArrayList<>();
    for (Property p : properties) {
      switch (p.type()) {
        case Property.PACKAGE -> object(p.value()).ifPresent(o -> packages.add(new PackageProperty(
            GoFields.string(o, "packageName"), GoFields.string(o, "version"), GoFields.string(o, "release"))));
        case Property.GVK -> object(p.value()).ifPresent(o -> provided.add(gvk(o)));
        case Property.GVK_REQUIRED -> object(p.value()).ifPresent(o -> required.add(gvk(o)));
        case Property.PACKAGE_REQUIRED -> object(p.value()).ifPresent(o -> requiredPackages.add(
            new PackageRequirement(GoFields.string(o, "packageName"), GoFields.string(o, "versionRange"))));
        case Property.CSV_METADATA -> {
          if (csv == null && p.value().isObject()) {
            csv = p.value();
          }
        }
        case Property.BUNDLE_OBJECT -> objects.add(p.value());
        default -> {
          // other types are kept on the blob as they are
        }
      }
    }
    return new BundleProperties(packages, provided, required, requiredPackages, Optional.ofNullable(csv), objects);
  }

  /** The one {@code olm.package} property, when there is exactly one. */
  public Optional<PackageProperty> packageProperty() {
    return packages.size() == 1 ? Optional.of(packages.get(0)) : Optional.empty();
  }

  private static Gvk gvk(JsonValue.Obj o) {
    return new Gvk(GoFields.string(o, "group"), GoFields.string(o, "version"), GoFields.string(o, "kind"));
  }

  /** A property value as a tree, when it is an object. */
  static Optional<JsonValue.Obj> object(RawJson value) {
    if (!value.isObject()) {
      return Optional.empty();
    }
    JsonValue.TreeBuilder tb = new JsonValue.TreeBuilder();
    RawJsonReader.emit(RawAccess.bytes(value), tb, false);
    return tb.result() instanceof JsonValue.Obj o ? Optional.of(o) : Optional.empty();
  }
}
