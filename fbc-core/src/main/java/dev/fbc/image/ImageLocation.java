package dev.fbc.image;

import dev.fbc.base.FbcException;
import java.nio.file.Path;

/**
 * Where an image is copied from or to: a registry repository ({@code [docker://]host/repo[:tag][@digest]}) or an
 * image in an OCI layout directory ({@code oci:DIR[:NAME]}).
 *
 * <p>As in skopeo, {@code oci:DIR:NAME} splits at the first colon after {@code oci:}, so a name may itself be an
 * image reference with colons and slashes ({@code oci:/mirror:quay.io/ns/app:v1}); a directory whose path has a
 * colon cannot be written this way (use {@link OciLayout} directly).
 *
 * <pre>{@code
 * ImageLocation.parse("docker://quay.io/ns/app:v1");    // Registry[quay.io/ns/app:v1]
 * ImageLocation.parse("oci:/mirror:quay.io/ns/app:v1"); // OciLayout[/mirror, quay.io/ns/app:v1]
 * }</pre>
 */
public sealed interface ImageLocation {
  /** A repository of a registry, with a tag, a digest or both. */
  record Registry(ImageReference reference) implements ImageLocation {
    @Override
    public String toString() {
      return reference.original();
    }
  }

  /**
   * An image of an OCI layout: {@code name} is its {@code org.opencontainers.image.ref.name} annotation in
   * {@code index.json}; empty for none (as a source: the layout's only image).
   */
  record OciLayout(Path dir, String name) implements ImageLocation {
    @Override
    public String toString() {
      return "oci:" + dir + (name.isEmpty() ? "" : ":" + name);
    }
  }

  /** Reads a location as skopeo writes it; {@code docker://} is optional for a registry. */
  static ImageLocation parse(String spec) {
    if (spec.startsWith("oci:")) {
      String rest = spec.substring(4);
      int colon = rest.indexOf(':');
      String dir = colon < 0 ? rest : rest.substring(0, colon);
      if (dir.isEmpty()) {
        throw new FbcException("invalid image location \"" + Digest.shorten(spec) + "\": oci: needs a directory "
            + "(oci:DIR[:NAME])");
      }
      return new OciLayout(Path.of(dir), colon < 0 ? "" : rest.substring(colon + 1));
    }
    String ref = spec.startsWith("docker://") ? spec.substring("docker://".length()) : spec;
    return new Registry(ImageReference.parse(ref));
  }
}
