package dev.fbc.build;

import dev.fbc.base.FbcException;
import dev.fbc.image.ImageReference;
import java.nio.file.Path;

/**
 * Where a built image goes: a registry (pushed), an OCI layout directory ({@code oci:DIR[:TAG]}) or a
 * docker-archive tarball ({@code docker-archive:FILE[:NAME:TAG]}, what {@code podman load} reads).
 */
public sealed interface ImageOutput {
  record Registry(ImageReference reference) implements ImageOutput {}

  record OciLayout(Path dir, String tag) implements ImageOutput {}

  /** @param name the image name recorded in the archive ({@code RepoTags}); empty for none */
  record DockerArchive(Path file, String name) implements ImageOutput {}

  /** Reads {@code --tag}: the transports as skopeo writes them, anything else a registry reference. */
  static ImageOutput parse(String spec) {
    if (spec.startsWith("oci:")) {
      String rest = spec.substring(4);
      int colon = rest.lastIndexOf(':');
      if (colon > rest.lastIndexOf('/') && colon > 0) {
        return new OciLayout(Path.of(rest.substring(0, colon)), rest.substring(colon + 1));
      }
      if (rest.isEmpty()) {
        throw new FbcException("invalid --tag \"" + spec + "\": oci: needs a directory (oci:DIR[:TAG])");
      }
      return new OciLayout(Path.of(rest), "");
    }
    if (spec.startsWith("docker-archive:")) {
      String rest = spec.substring("docker-archive:".length());
      int colon = rest.indexOf(':');
      String file = colon < 0 ? rest : rest.substring(0, colon);
      if (file.isEmpty()) {
        throw new FbcException("invalid --tag \"" + spec + "\": docker-archive: needs a file "
            + "(docker-archive:FILE[:NAME:TAG])");
      }
      String name = colon < 0 ? "" : rest.substring(colon + 1);
      if (!name.isEmpty()) {
        name = ImageReference.parse(name).original();
      }
      return new DockerArchive(Path.of(file), name);
    }
    ImageReference ref = ImageReference.parse(spec);
    if (ref.digest().isPresent()) {
      throw new FbcException("invalid --tag \"" + spec + "\": a pushed image is named by a tag, not a digest");
    }
    return new Registry(ref);
  }
}
