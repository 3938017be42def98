package dev.fbc.image;

import dev.fbc.base.FbcException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as container tools read it: {@code [registry/]repository[:tag][@digest]}, with Docker's
 * defaults ({@code docker.io}, {@code library/}, tag {@code latest}).
 *
 * <pre>{@code
 * ImageReference r = ImageReference.parse("quay.io/minio/minio-operator-bundle:v5.0.10");
 * r.registry();    // quay.io
 * r.repository();  // minio/minio-operator-bundle
 * r.tag();         // v5.0.10
 * }</pre>
 */
public record ImageReference(String original, String registry, String repository, String tag,
    Optional<Digest> digest) {
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  public static ImageReference parse(String ref) {
    String rest = ref;
    Optional<Digest> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      // checked here, where it enters: a pinned image is verified with its own algorithm or refused
      digest = Optional.of(Digest.parse(rest.substring(at + 1), "invalid image reference \""
          + Digest.shorten(ref) + "\""));
      rest = rest.substring(0, at);
    }
    String tag = "";
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new FbcException("invalid image reference \"" + ref + "\": bad tag \"" + tag + "\"");
      }
    }
    String registry;
    String repo;
    int first = rest.indexOf('/');
    String head = first < 0 ? "" : rest.substring(0, first);
    if (first >= 0 && (head.contains(".") || head.contains(":") || head.equals("localhost")
        || !head.equals(head.toLowerCase(java.util.Locale.ROOT)))) {
      registry = head;
      repo = rest.substring(first + 1);
    } else {
      registry = "docker.io";
      repo = first < 0 ? "library/" + rest : rest;
    }
    for (String c : repo.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        throw new FbcException("invalid image reference \"" + ref + "\": repository \"" + repo
            + "\" must be lowercase letters, digits and separators");
      }
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = "latest";
    }
    return new ImageReference(ref, registry, repo, tag, digest);
  }

  /** The host to talk to ({@code docker.io} is served by {@code registry-1.docker.io}). */
  public String endpointHost() {
    return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
  }

  /** What to ask the registry for: the digest if there is one, else the tag. */
  public String manifestReference() {
    return digest.map(Digest::toString).orElse(tag);
  }

  @Override
  public String toString() {
    return original;
  }
}
