package dev.fbc.mirror;

import dev.fbc.image.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Where an image goes in the mirror, by oc-mirror v2's rules or {@code oc adm catalog mirror}'s. */
final class DestinationNames {
  private DestinationNames() {}

  /** A bundle or related image. */
  static String content(ImageReference src, MirrorPlan.Options o) {
    return switch (o.naming()) {
      case V2 -> v2(src.repository(), v2Tag(src), o);
      case OC_ADM -> ocAdm(src, o);
    };
  }

  /** The catalog image: oc-mirror's targetCatalog replaces its path and targetTag its tag. */
  static String catalog(ImageReference src, MirrorPlan.Options o) {
    return switch (o.naming()) {
      case V2 -> v2(o.targetCatalog().orElse(src.repository()), o.targetTag().orElse(v2Tag(src)), o);
      case OC_ADM -> ocAdm(src, o);
    };
  }

  /**
   * oc-mirror v2 (operator/common.go, image.go): the tag as is (a tag next to a digest wins, the image is pulled
   * by digest), or {@code <algorithm>-<hex>} for a digest-only source.
   */
  private static String v2Tag(ImageReference src) {
    if (!src.tag().isEmpty()) {
      return src.tag();
    }
    return src.digest().map(d -> d.algorithm() + "-" + d.hex()).orElseThrow();
  }

  /**
   * {@code <dest>/<path>:<tag>}; with max nested paths N, the whole path under the host (destination prefix
   * included, as oc-mirror applies it to the finished destination) keeps N-1 components and joins the rest with
   * {@code -}.
   */
  private static String v2(String path, String tag, MirrorPlan.Options o) {
    String full = o.destination().prefix().isEmpty() ? path : o.destination().prefix() + "/" + path;
    int n = o.maxNestedPaths();
    if (n > 0) {
      String[] c = full.split("/");
      if (c.length > n) {
        full = String.join("/", Arrays.asList(c).subList(0, n - 1)) + "/"
            + String.join("-", Arrays.asList(c).subList(n - 1, c.length));
      }
    }
    return o.destination().host() + "/" + full + ":" + tag;
  }

  /**
   * oc adm catalog mirror (mirrorer.go {@code mount}): the destination's path components then the source's
   * (Docker Hub names get {@code library/}); with max components N &gt; 1 and more than N components, the first
   * N-1 stay and the rest are joined with {@code -}. The tag is the source's, or for a digest-only source the
   * FNV-32a hash (lowercase hex, no padding) of the source reference.
   */
  private static String ocAdm(ImageReference src, MirrorPlan.Options o) {
    List<String> c = new ArrayList<>();
    if (!o.destination().prefix().isEmpty()) {
      c.addAll(Arrays.asList(o.destination().prefix().split("/")));
    }
    c.addAll(Arrays.asList(hubDefaults(src).split("/")));
    int n = o.maxComponents();
    String path;
    if (n > 1 && c.size() > n) {
      path = String.join("/", c.subList(0, n - 1)) + "/" + String.join("-", c.subList(n - 1, c.size()));
    } else {
      // n == 0 keeps every component; so does a path that already fits (oc's single-component case, where
      // n == 0 would leave the name empty, is the component itself here)
      path = String.join("/", c);
    }
    String tag = src.tag().isEmpty() ? fnvTag(src) : src.tag();
    return o.destination().host() + "/" + path + ":" + tag;
  }

  /** The repository as library-go's DockerClientDefaults sees it: a Docker Hub name without namespace gets one. */
  private static String hubDefaults(ImageReference src) {
    return isDockerHub(src.registry()) && !src.repository().contains("/") ? "library/" + src.repository()
        : src.repository();
  }

  private static boolean isDockerHub(String registry) {
    return registry.equals("docker.io") || registry.equals("index.docker.io")
        || registry.equals("registry-1.docker.io");
  }

  /**
   * The tag oc gives a digest-only source: FNV-32a over the reference as library-go's {@code String()} prints
   * the parsed source (before defaults): the registry as written (none if none was), {@code library/} added
   * for a Docker Hub registry without a namespace, then {@code name@digest}. For the usual fully qualified
   * reference that is the reference exactly as written.
   */
  static String fnvTag(ImageReference src) {
    return String.format("%x", fnv32a(hashInput(src)));
  }

  static String hashInput(ImageReference src) {
    String digest = "@" + src.digest().orElseThrow();
    String written = src.original();
    int at = written.indexOf('@');
    String name = at < 0 ? written : written.substring(0, at);
    int slash = name.indexOf('/');
    String head = slash < 0 ? "" : name.substring(0, slash);
    boolean explicitRegistry = slash >= 0 && head.equals(src.registry());
    if (explicitRegistry && isDockerHub(src.registry()) && !src.repository().contains("/")) {
      return src.registry() + "/library/" + src.repository() + digest;
    }
    return name + digest;
  }

  static int fnv32a(String s) {
    int h = 0x811c9dc5;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return h;
  }
}
