package dev.fbc.model;

import java.util.Map;

/** An image a bundle uses; {@code name} may be empty. */
public record RelatedImage(String name, String image, Map<String, RawJson> extras) {
  public RelatedImage {
    name = Extras.str(name);
    image = Extras.str(image);
    extras = Extras.copy(extras);
  }

  public RelatedImage(String name, String image) {
    this(name, image, Map.of());
  }
}
