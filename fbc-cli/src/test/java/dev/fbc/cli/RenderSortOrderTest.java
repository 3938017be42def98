package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists that opm sorts with Go's unstable {@code sort.Slice}: related images by image, channels and bundles by
 * name. Where two entries share the key and the list has more than 12 elements, opm's order is pdqsort's, not the
 * input order; two certified bundles list one image under two names, which is how this shows up in practice.
 *
 * <p>The fixtures are written by {@link #writeFixtures}. The expected outputs under
 * {@code src/test/resources/dev/fbc/cli/sort-order/} were made once from exactly these fixtures with the reference
 * binary built by the project's build-oracles script (opm v1.54.0-5-g919aefdc+olm-release-4.19):
 * {@code opm render <fixture> -o json > <fixture>.json}, run in the fixture's parent directory.
 */
class RenderSortOrderTest {
  /** A bundle directory whose CSV lists the given related images (name, image) and has no deployments. */
  static void bundleDir(Path dir, String csvName, List<String[]> related) throws IOException {
    Files.createDirectories(dir.resolve("manifests"));
    Files.createDirectories(dir.resolve("metadata"));
    StringBuilder csv = new StringBuilder()
        .append("apiVersion: operators.coreos.com/v1alpha1\n")
        .append("kind: ClusterServiceVersion\n")
        .append("metadata:\n  name: ").append(csvName).append('\n')
        .append("spec:\n  displayName: Sort order\n  version: 1.0.0\n  relatedImages:\n");
    for (String[] r : related) {
      csv.append("  - name: ").append(r[0]).append("\n    image: ").append(r[1]).append('\n');
    }
    Files.writeString(dir.resolve("manifests/csv.yaml"), csv);
    Files.writeString(dir.resolve("metadata/annotations.yaml"), """
        annotations:
          operators.operatorframework.io.bundle.package.v1: sort-order
          operators.operatorframework.io.bundle.channels.v1: stable
        """);
  }

  /** Fourteen related images, one image listed under the names shared-a (first) and shared-b. */
  static List<String[]> fourteenWithOneSharedImage() {
    List<String[]> out = new ArrayList<>();
    int distinct = 0;
    for (int i = 0; i < 14; i++) {
      if (i == 1) {
        out.add(new String[] {"shared-a", "quay.io/sort-order/shared:v1"});
      } else if (i == 6) {
        out.add(new String[] {"shared-b", "quay.io/sort-order/shared:v1"});
      } else {
        // distinct images in a scrambled order
        char c = (char) ('a' + (distinct++ * 5) % 12);
        out.add(new String[] {"img-" + c, "quay.io/sort-order/" + c + ":v1"});
      }
    }
    return out;
  }

  /** Twenty related images: three images each listed two or three times under different names. */
  static List<String[]> twentyWithThreeSharedImages() {
    List<String[]> out = new ArrayList<>();
    String[] images = {"x", "m", "c", "x", "q", "m", "b", "z", "c", "e", "x", "g", "m", "k", "a", "p", "c", "s", "d",
        "y"};
    for (int i = 0; i < images.length; i++) {
      out.add(new String[] {"n" + i + "-" + images[i], "registry.example/sort-order/" + images[i] + "@sha256:"
          + String.valueOf((char) ('0' + i % 10)).repeat(64)});
    }
    // same image text for the repeated ones: drop the per-entry digest for x, m and c
    for (String[] r : out) {
      if (r[0].endsWith("-x") || r[0].endsWith("-m") || r[0].endsWith("-c")) {
        r[1] = "registry.example/sort-order/" + r[0].substring(r[0].indexOf('-') + 1) + ":shared";
      }
    }
    return out;
  }

  /** An FBC catalog: 14 channels (two named stable), 14 bundles (two named sort-order.v1.0.0), shared images. */
  static void fbcDir(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder();
    b.append("{\"schema\":\"olm.package\",\"name\":\"sort-order\",\"defaultChannel\":\"stable\"}\n");
    for (int i = 0; i < 14; i++) {
      String name = i == 2 || i == 9 ? "stable" : "channel-" + (char) ('a' + (i * 7) % 13);
      b.append("{\"schema\":\"olm.channel\",\"package\":\"sort-order\",\"name\":\"").append(name)
          .append("\",\"entries\":[{\"name\":\"entry-").append(i).append("\"}]}\n");
    }
    for (int i = 0; i < 14; i++) {
      String name = i == 3 || i == 8 ? "sort-order.v1.0.0" : "sort-order.v1." + ((i * 5) % 14 + 1) + ".0";
      b.append("{\"schema\":\"olm.bundle\",\"package\":\"sort-order\",\"name\":\"").append(name)
          .append("\",\"image\":\"quay.io/sort-order/bundle:").append(i).append("\",\"properties\":[")
          .append("{\"type\":\"olm.package\",\"value\":{\"packageName\":\"sort-order\",\"version\":\"1.0.")
          .append(i).append("\"}}],\"relatedImages\":[");
      List<String[]> related = i == 0 ? fourteenWithOneSharedImage()
          : i == 1 ? twentyWithThreeSharedImages() : List.<String[]>of(new String[] {"only", "quay.io/sort-order/only:v1"});
      for (int k = 0; k < related.size(); k++) {
        b.append(k == 0 ? "" : ",").append("{\"name\":\"").append(related.get(k)[0]).append("\",\"image\":\"")
            .append(related.get(k)[1]).append("\"}");
      }
      b.append("]}\n");
    }
    Files.writeString(dir.resolve("catalog.json"), b);
  }

  /** All fixtures, under the names their expected outputs carry. */
  static void writeFixtures(Path root) throws IOException {
    bundleDir(root.resolve("bundle-14-shared"), "sort-order.v1.0.0", fourteenWithOneSharedImage());
    bundleDir(root.resolve("bundle-2-shared"), "sort-order.v1.0.1", List.of(
        new String[] {"second-name", "quay.io/sort-order/shared:v1"},
        new String[] {"first-name", "quay.io/sort-order/shared:v1"}));
    bundleDir(root.resolve("bundle-20-shared"), "sort-order.v1.0.2", twentyWithThreeSharedImages());
    fbcDir(root.resolve("fbc-dir"));
  }

  private static String expected(String name) throws IOException {
    try (InputStream in = RenderSortOrderTest.class.getResourceAsStream("sort-order/" + name + ".json")) {
      assertThat(in).as("expected output %s.json", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String render(Path dir) {
    Run r = Run.inProcess("render", dir.toString(), "-o", "json");
    assertThat(r.stderr()).isEmpty();
    assertThat(r.rc()).isZero();
    return r.out();
  }

  @Test
  void fourteenRelatedImagesWithASharedImageComeOutInOpmsOrder(@TempDir Path tmp) throws IOException {
    writeFixtures(tmp);
    String want = expected("bundle-14-shared");
    // the fixture is one where Go's order differs from a stable sort: shared-b before shared-a
    assertThat(want.indexOf("\"shared-b\"")).isPositive().isLessThan(want.indexOf("\"shared-a\""));
    assertThat(render(tmp.resolve("bundle-14-shared"))).isEqualTo(want);
  }

  @Test
  void twoEntriesSharingAnImageKeepTheirInputOrder(@TempDir Path tmp) throws IOException {
    writeFixtures(tmp);
    String want = expected("bundle-2-shared");
    assertThat(want.indexOf("\"second-name\"")).isPositive().isLessThan(want.indexOf("\"first-name\""));
    assertThat(render(tmp.resolve("bundle-2-shared"))).isEqualTo(want);
  }

  @Test
  void twentyRelatedImagesWithThreeSharedImagesComeOutInOpmsOrder(@TempDir Path tmp) throws IOException {
    writeFixtures(tmp);
    assertThat(render(tmp.resolve("bundle-20-shared"))).isEqualTo(expected("bundle-20-shared"));
  }

  @Test
  void fbcDirectoryChannelsBundlesAndRelatedImagesComeOutInOpmsOrder(@TempDir Path tmp) throws IOException {
    writeFixtures(tmp);
    assertThat(render(tmp.resolve("fbc-dir"))).isEqualTo(expected("fbc-dir"));
  }
}
