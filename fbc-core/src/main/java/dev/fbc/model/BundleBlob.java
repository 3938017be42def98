package dev.fbc.model;

import dev.fbc.base.Source;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code olm.bundle} blob. */
public record BundleBlob(
    String name,
    String packageName,
    String image,
    List<Property> properties,
    List<RelatedImage> relatedImages,
    Map<String, RawJson> extras,
    Source source)
    implements Blob {

  public BundleBlob {
    name = Extras.str(name);
    packageName = Extras.str(packageName);
    image = Extras.str(image);
    properties = Extras.list(properties);
    relatedImages = Extras.list(relatedImages);
    extras = Extras.copy(extras);
    source = source == null ? Source.NONE : source;
  }

  /**
   * Bundle {@code name} of package {@code packageName} (the package first, as a reader says it; the record's own
   * order is name first).
   */
  public static BundleBlob inPackage(String packageName, String name, String image, List<Property> properties) {
    return new BundleBlob(name, packageName, image, properties, List.of(), Map.of(), Source.NONE);
  }


  @Override
  public String schema() {
    return SCHEMA_BUNDLE;
  }

  @Override
  public BundleBlob withSource(Source s) {
    return new BundleBlob(name, packageName, image, properties, relatedImages, extras, s);
  }

  public BundleBlob withProperties(List<Property> props) {
    return new BundleBlob(name, packageName, image, props, relatedImages, extras, source);
  }

  public BundleBlob withRelatedImages(List<RelatedImage> images) {
    return new BundleBlob(name, packageName, image, properties, images, extras, source);
  }

  /** The version in the first {@code olm.package} property, if any. */
  public Optional<String> version() {
    for (Property p : properties) {
      if (Property.PACKAGE.equals(p.type()) && p.value().isObject()) {
        var v = p.value().toJsonNode().get("version");
        if (v != null && v.isTextual()) {
          return Optional.of(v.asText());
        }
      }
    }
    return Optional.empty();
  }
}
