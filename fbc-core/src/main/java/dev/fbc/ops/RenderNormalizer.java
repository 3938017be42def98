package dev.fbc.ops;

import dev.fbc.internal.io.GoSort;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.Property;
import dev.fbc.model.RelatedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code opm render} does to each loaded catalog before writing it: in every bundle, the
 * {@code olm.bundle.object} and {@code olm.csv.metadata} properties move to the end (the others keep their order),
 * and related images are sorted by image with Go's unstable {@code sort.Slice} order.
 */
public final class RenderNormalizer {
  private RenderNormalizer() {}

  public static Catalog normalize(Catalog c) {
    return c.map(RenderNormalizer::normalize);
  }

  /** One blob as opm render writes it. */
  public static Blob normalize(Blob b) {
    if (!(b instanceof BundleBlob bundle)) {
      return b;
    }
    List<Property> head = new ArrayList<>();
    List<Property> tail = new ArrayList<>();
    for (Property p : bundle.properties()) {
      if (Property.BUNDLE_OBJECT.equals(p.type()) || Property.CSV_METADATA.equals(p.type())) {
        tail.add(p);
      } else {
        head.add(p);
      }
    }
    head.addAll(tail);
    // Go's sort.Slice (unstable), as opm: equal images keep opm's order, not their input order
    List<RelatedImage> images = GoSort.sorted(bundle.relatedImages(),
        Comparator.comparing(RelatedImage::image, JsonValue::compareCodePoints));
    if (head.equals(bundle.properties()) && images.equals(bundle.relatedImages())) {
      return b;
    }
    return bundle.withProperties(head).withRelatedImages(images);
  }
}
