package dev.fbc.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.Fbc;
import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.OutputFormat;
import dev.fbc.base.Problem;
import dev.fbc.base.WriteOptions;
import dev.fbc.ops.Migrations;
import dev.fbc.ops.RenderNormalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming render must print exactly what loading the whole catalog and writing it prints, whatever the
 * layout: packages split over files, files holding several packages, blobs of no package, same-named bundles (Go's
 * unstable sort), and it must hand input it cannot vouch for back to the whole load without writing anything.
 */
class CatalogStreamerTest {
  @TempDir
  Path tmp;

  private static String pkg(String name) {
    return "{\"schema\":\"olm.package\",\"name\":\"" + name + "\",\"defaultChannel\":\"stable\","
        + "\"description\":\"<b>" + name + " & co</b>\"}\n";
  }

  private static String channel(String pkg, String name, String... entries) {
    StringBuilder sb = new StringBuilder("{\"package\":\"" + pkg + "\",\"schema\":\"olm.channel\",\"name\":\""
        + name + "\",\"entries\":[");
    for (int i = 0; i < entries.length; i++) {
      sb.append(i > 0 ? "," : "").append("{\"name\":\"").append(entries[i]).append('"')
          .append(i > 0 ? ",\"replaces\":\"" + entries[i - 1] + "\"" : "").append('}');
    }
    return sb.append("]}\n").toString();
  }

  private static String bundle(String pkg, String name, int n) {
    // keys out of order and numbers in forms opm rewrites, so normalization has work to do
    return "{\"schema\":\"olm.bundle\",\"package\":\"" + pkg + "\",\"name\":\"" + name + "\",\"image\":\"quay.io/x/"
        + name + ":v" + n + "\",\"properties\":[{\"type\":\"olm.package\",\"value\":{\"version\":\"1." + n
        + ".0\",\"packageName\":\"" + pkg + "\"}},{\"type\":\"x.number\",\"value\":{\"z\":1.50,\"a\":1e3}}],"
        + "\"relatedImages\":[{\"name\":\"b\",\"image\":\"quay.io/b:" + n + "\"},{\"name\":\"a\",\"image\":"
        + "\"quay.io/a:" + n + "\"}]}\n";
  }

  private Path write(String rel, String content) throws IOException {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private static String whole(Path dir, OutputFormat format) {
    return Fbc.writeToString(Fbc.render(List.of(dir), LoadOptions.defaults()),
        WriteOptions.builder().format(format).build());
  }

  private static Optional<String> streamed(Path dir, OutputFormat format, long hold, List<Problem> warnings) {
    return streamed(dir, format, hold, warnings, LoadOptions.defaults().parallelism());
  }

  private static Optional<String> streamed(Path dir, OutputFormat format, long hold, List<Problem> warnings,
      int parallelism) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LoadOptions options = LoadOptions.builder().warnings(warnings::add).parallelism(parallelism).build();
    boolean done = new CatalogStreamer(options, hold).render(List.of(dir),
        b -> RenderNormalizer.normalize(Migrations.none().apply(b)), out,
        format == OutputFormat.JSON ? CatalogWriter.Format.JSON : CatalogWriter.Format.YAML);
    if (!done) {
      assertThat(out.size()).as("nothing written when it hands back").isZero();
      return Optional.empty();
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }

  /** A catalog laid out in every awkward way, from a seed. */
  private Path awkwardCatalog(long seed) throws IOException {
    Random r = new Random(seed);
    Path dir = tmp.resolve("cat-" + seed);
    int packages = 6 + r.nextInt(6);
    List<StringBuilder> files = new ArrayList<>();
    for (int f = 0; f < 5 + r.nextInt(5); f++) {
      files.add(new StringBuilder());
    }
    for (int p = packages - 1; p >= 0; p--) {
      String name = "pkg-" + (char) ('a' + r.nextInt(26)) + p;
      files.get(r.nextInt(files.size())).append(pkg(name));
      List<String> bundles = new ArrayList<>();
      int count = 1 + r.nextInt(16);
      for (int b = 0; b < count; b++) {
        // every fifth package reuses bundle names: more than 12 same-named ones exercise pdqsort's order
        String bn = p % 5 == 0 ? name + ".v" + (b % 2) : name + ".v" + b;
        bundles.add(bn);
        files.get(r.nextInt(files.size())).append(bundle(name, bn, b));
      }
      files.get(r.nextInt(files.size())).append(channel(name, "stable", bundles.stream().distinct()
          .toArray(String[]::new)));
      files.get(r.nextInt(files.size())).append(channel(name, "alpha", bundles.get(0)));
      files.get(r.nextInt(files.size())).append("{\"schema\":\"x.other\",\"package\":\"" + name
          + "\",\"v\":" + p + "}\n");
    }
    // blobs of no package: other schemas are kept (last), known ones dropped, as opm does
    files.get(r.nextInt(files.size())).append("{\"schema\":\"x.root\",\"z\":2,\"a\":1}\n");
    files.get(r.nextInt(files.size())).append("{\"schema\":\"olm.channel\",\"name\":\"orphan\"}\n");
    for (int f = 0; f < files.size(); f++) {
      if (files.get(f).length() > 0) {
        write(dir.getFileName() + "/d" + r.nextInt(3) + "/f" + f + ".json", files.get(f).toString());
      }
    }
    return dir;
  }

  @Test
  void streamedOutputIsTheWholeLoadsOutputForAnyLayout() throws IOException {
    for (long seed = 1; seed <= 25; seed++) {
      Path dir = awkwardCatalog(seed);
      for (OutputFormat format : OutputFormat.values()) {
        List<Problem> warnings = new ArrayList<>();
        Optional<String> out = streamed(dir, format, 0, warnings);
        assertThat(out).as("seed %d streams", seed).isPresent();
        assertThat(out.get()).as("seed %d, %s", seed, format).isEqualTo(whole(dir, format));
        assertThat(warnings).isEmpty();
      }
    }
  }

  /**
   * Runs of blobs are read by one thread, by three, and by eight (more than the runs a small catalog has in
   * flight): they finish in any order and are written in theirs.
   */
  @Test
  void outputIsTheSameAtAnyParallelism() throws IOException {
    for (long seed = 31; seed <= 40; seed++) {
      Path dir = awkwardCatalog(seed);
      String expected = whole(dir, OutputFormat.JSON);
      for (int parallelism : new int[] {1, 3, 8}) {
        List<Problem> warnings = new ArrayList<>();
        Optional<String> out = streamed(dir, OutputFormat.JSON, 0, warnings, parallelism);
        assertThat(out).as("seed %d, %d threads", seed, parallelism).contains(expected);
        assertThat(warnings).isEmpty();
      }
    }
  }

  @Test
  void inputTheQuickPassCannotVouchForIsHandedBackUntouched() throws IOException {
    String good = pkg("a") + bundle("a", "a.v1", 1);
    String[] odd = {
        "schema: olm.package\nname: y\n", // YAML
        "{\"schema\":\"olm.package\",\"Name\":\"y\"}\n", // a key in another case
        "{\"schema\":\"olm.package\",\"name\":\"y\",\"name\":\"z\"}\n", // twice
        "{\"schema\":\"olm.package\",\"name\":\"\\u0079\"}\n", // escaped
        "{\"schema\":\"olm.package\",\"name\":7}\n", // not a string
        "\uFEFF" + pkg("y"), // byte-order mark
        "{\"schema\":\"olm.package\",\"name\":\"y\"", // unfinished
        "{\"name\":\"y\"}\n", // no schema
        "[" + pkg("y") + "]", // an array
        pkg("y") + "," + pkg("z"), // a comma between blobs
        pkg("y") + "\"z\"\n", // a string between blobs
        pkg("y") + "}\n", // a closing brace too many
        "\n".repeat(4096) + pkg("y"), // the first brace past opm's sniffing head: the file is YAML to opm
    };
    for (int i = 0; i < odd.length; i++) {
      Path dir = tmp.resolve("odd" + i);
      write("odd" + i + "/a.json", good);
      write("odd" + i + "/b.json", odd[i]);
      List<Problem> warnings = new ArrayList<>();
      assertThat(streamed(dir, OutputFormat.JSON, 0, warnings)).as("case %d", i).isEmpty();
      assertThat(warnings).as("case %d", i).isEmpty();
      // with eight threads every file is scanned at once: still nothing written or reported
      assertThat(streamed(dir, OutputFormat.JSON, 0, warnings, 8)).as("case %d, 8 threads", i).isEmpty();
      assertThat(warnings).as("case %d, 8 threads", i).isEmpty();
    }
  }

  @Test
  void aFailingFileIsReportedWithEveryOtherAndNothingIsWrittenBelowTheHoldLimit() throws IOException {
    Path dir = tmp.resolve("bad");
    write("bad/a/catalog.json", pkg("a") + bundle("a", "a.v1", 1));
    // parses as JSON, but opm rejects the icon's base64; and a second file with a number out of float64 range
    write("bad/b/catalog.json", "{\"schema\":\"olm.package\",\"name\":\"b\",\"icon\":{\"base64data\":\"!!\","
        + "\"mediatype\":\"image/png\"}}\n");
    write("bad/c/catalog.json", "{\"schema\":\"olm.package\",\"name\":\"c\",\"x\":1e400}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CatalogStreamer s = new CatalogStreamer(LoadOptions.defaults(), 1 << 20);
    assertThatThrownBy(() -> s.render(List.of(dir), RenderNormalizer::normalize, out, CatalogWriter.Format.JSON))
        .isInstanceOf(CatalogLoadException.class)
        .satisfies(e -> assertThat(((CatalogLoadException) e).problems()).extracting(p -> p.source().file())
            .containsExactly(dir.resolve("b/catalog.json").toString(), dir.resolve("c/catalog.json").toString()));
    assertThat(out.size()).isZero();
    // the same problems as the whole load reports
    assertThatThrownBy(() -> Fbc.render(List.of(dir), LoadOptions.defaults()))
        .hasMessage(catchMessage(() -> s.render(List.of(dir), RenderNormalizer::normalize, out,
            CatalogWriter.Format.JSON)));
  }

  @Test
  void pastTheHoldLimitAFailureLeavesWholeBlobsWritten() throws IOException {
    Path dir = tmp.resolve("late");
    write("late/a/catalog.json", pkg("a") + bundle("a", "a.v1", 1));
    write("late/b/catalog.json", pkg("b") + "{\"schema\":\"olm.bundle\",\"package\":\"b\",\"name\":\"b.v1\","
        + "\"properties\":\"not a list\"}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CatalogStreamer s = new CatalogStreamer(LoadOptions.defaults(), 0);
    assertThatThrownBy(() -> s.render(List.of(dir), RenderNormalizer::normalize, out, CatalogWriter.Format.JSON))
        .isInstanceOf(CatalogLoadException.class).hasMessageContaining("late/b/catalog.json");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(whole(dir.resolve("a"), OutputFormat.JSON));
  }

  @Test
  void largeBlobsSpreadOverManyBatchesAndChunksComeOutUnchanged() throws IOException {
    // blobs from a few bytes to past a megabyte, with long strings (one write larger than a chunk) and deep
    // values whose keys need sorting: the output is cut into batches encoded apart and kept in chunks
    Random r = new Random(7);
    StringBuilder big = new StringBuilder(pkg("big"));
    List<String> names = new ArrayList<>();
    for (int b = 0; b < 40; b++) {
      String name = "big.v" + (39 - b);
      names.add(name);
      int len = r.nextInt(4) == 0 ? 200_000 + r.nextInt(1_200_000) : r.nextInt(3_000);
      StringBuilder text = new StringBuilder();
      while (text.length() < len) {
        text.append((char) ('a' + r.nextInt(26))).append(r.nextInt(9) == 0 ? "\\n" : "");
      }
      big.append("{\"schema\":\"olm.bundle\",\"package\":\"big\",\"name\":\"").append(name)
          .append("\",\"image\":\"quay.io/big:").append(b).append("\",\"properties\":[{\"type\":\"x.text\",")
          .append("\"value\":{\"z\":{\"y\":[1,{\"b\":2,\"a\":3}]},\"text\":\"").append(text).append("\"}}]}\n");
    }
    big.append(channel("big", "stable", names.toArray(String[]::new)));
    write("large/big/catalog.json", big.toString());
    write("large/small/catalog.json", pkg("small") + bundle("small", "small.v1", 1));
    Path dir = tmp.resolve("large");
    for (OutputFormat format : OutputFormat.values()) {
      List<Problem> warnings = new ArrayList<>();
      Optional<String> out = streamed(dir, format, 0, warnings);
      assertThat(out).isPresent();
      assertThat(out.get()).as("%s", format).isEqualTo(whole(dir, format));
      assertThat(out.get().length()).as("%s", format).isGreaterThan(4 << 20);
    }
  }

  @Test
  void aTransformFailureIsRaisedAtItsBlobAfterTheBlobsBeforeItWhole() throws IOException {
    Path dir = tmp.resolve("transform");
    write("transform/a/catalog.json", pkg("a") + bundle("a", "a.v1", 1) + bundle("a", "a.v2", 2));
    write("transform/b/catalog.json", pkg("b") + bundle("b", "b.v1", 1) + bundle("b", "b.v2", 2));
    write("transform/c/catalog.json", pkg("c") + bundle("c", "c.v1", 1) + bundle("c", "c.v2", 2));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CatalogStreamer s = new CatalogStreamer(LoadOptions.defaults(), 0);
    // the transform throws on two blobs: the one met first in output order is raised, after the blobs before it
    assertThatThrownBy(() -> s.render(List.of(dir), b -> {
      if (b instanceof dev.fbc.model.BundleBlob bb && (bb.name().equals("b.v2") || bb.name().equals("c.v1"))) {
        throw new IllegalStateException("no " + bb.name());
      }
      return RenderNormalizer.normalize(b);
    }, out, CatalogWriter.Format.JSON)).isInstanceOf(IllegalStateException.class).hasMessage("no b.v2");
    String all = whole(dir, OutputFormat.JSON);
    int failing = all.indexOf("{\n    \"schema\": \"olm.bundle\",\n    \"name\": \"b.v2\"");
    assertThat(failing).isPositive();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(all.substring(0, failing));
  }

  /**
   * Blobs are parsed from their own bytes, yet carry the lines the whole file's parse gives them: line ends of
   * every kind (LF, CR LF, a lone CR), blank lines, blobs sharing a line, pretty-printed and compact blobs.
   */
  @Test
  void blobsReadOnTheirOwnHaveTheLinesOfTheWholeLoad() throws IOException {
    String pretty = "{\n    \"schema\": \"olm.package\",\n    \"name\": \"p\"\n}";
    String content = pretty.replace("\n", "\r\n") + "\r\n\r\n" + bundle("p", "p.v1", 1).trim() + " "
        + bundle("p", "p.v2", 2).trim() + "\r" + channel("p", "stable", "p.v1", "p.v2").trim() + "\n\n\n"
        + pretty.replace("\"p\"", "\"q\"").replace("\n", "\n\t ") + "\n" + bundle("q", "q.v1", 1);
    write("lines/a.json", content);
    write("lines/b.json", "\n\r\n" + bundle("q", "q.v2", 2) + "\n" + bundle("p", "p.v3", 3));
    Path dir = tmp.resolve("lines");
    List<String> expected = new ArrayList<>();
    for (dev.fbc.model.Blob b : new CatalogLoader(LoadOptions.defaults()).load(List.of(dir)).blobs()) {
      expected.add(b.schema() + " " + b.packageName() + " " + b.source());
    }
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(new CatalogStreamer(LoadOptions.defaults(), 0).render(List.of(dir), b -> {
      seen.add(b.schema() + " " + b.packageName() + " " + b.source());
      return b;
    }, out, CatalogWriter.Format.JSON)).isTrue();
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).hasSize(8);
    // CR LF counts once, a lone CR once
    assertThat(seen).anyMatch(l -> l.endsWith("a.json:7")).anyMatch(l -> l.endsWith("b.json:3"));
  }

  @Test
  void quickPassFindsEachBlobsBytesAndFirstLine() throws IOException {
    String a = pkg("p").trim();
    String b = "{\"schema\":\"olm.bundle\",\n\"package\":\"p\",\r\n\"name\":\"p.v1\",\"x\":[\"}\\\"{\"]}";
    String c = "{\"schema\":\"x.other\"}";
    String text = "\r\n" + a + "\r\r\n  " + b + c + "\n";
    Path f = write("entries.json", text);
    List<PackageScan.Entry> entries = PackageScan.scan(f, 1 << 20).orElseThrow();
    assertThat(entries).extracting(e -> text.substring((int) e.start(), (int) e.end())).containsExactly(a, b, c);
    assertThat(entries).extracting(PackageScan.Entry::line).containsExactly(2, 4, 6);
    assertThat(entries).extracting(PackageScan.Entry::schema).containsExactly("olm.package", "olm.bundle",
        "x.other");
    assertThat(entries).extracting(PackageScan.Entry::name).containsExactly("p", "p.v1", "");
    assertThat(entries).extracting(PackageScan.Entry::group).containsExactly("p", "p", "");
  }

  /**
   * A file whose first object is not JSON but reads as YAML (a trailing comma) passes the quick pass, fails its
   * run, and loads whole through opm's YAML fallback: the render hands the catalog back while nothing has reached
   * the stream, and past the hold limit finishes from a whole load, after the blobs already written.
   */
  @Test
  void aRunTheWholeLoadReadsDifferentlyIsFinishedFromTheWholeLoad() throws IOException {
    Path dir = tmp.resolve("yamlish");
    write("yamlish/a/catalog.json", pkg("a") + bundle("a", "a.v1", 1) + channel("a", "stable", "a.v1"));
    write("yamlish/b/catalog.json", "{\"schema\":\"olm.package\",\"name\":\"b\",\"defaultChannel\":\"stable\",}\n");
    write("yamlish/c/catalog.json", pkg("c") + bundle("c", "c.v1", 1));
    String expected = whole(dir, OutputFormat.JSON);
    assertThat(expected).contains("\"name\": \"b\"");
    List<Problem> warnings = new ArrayList<>();
    assertThat(streamed(dir, OutputFormat.JSON, 1 << 20, warnings)).isEmpty();
    assertThat(streamed(dir, OutputFormat.JSON, 0, warnings)).contains(expected);
    assertThat(warnings).isEmpty();
  }

  /**
   * Files that change after the quick pass: one thread reads the runs in order, and the transform of package a's
   * blob changes file c before its run is read. A removed file fails as the whole load reports it; a rewritten one
   * is read differently by its run, and the render finishes from a whole load of what is there now.
   */
  @Test
  void filesChangedAfterTheQuickPassAreReportedOrReadAgain() throws IOException {
    Path dir = tmp.resolve("changing");
    write("changing/a/catalog.json", pkg("a"));
    write("changing/b/catalog.json", pkg("b") + bundle("b", "b.v1", 1));
    Path c = write("changing/c/catalog.json", pkg("c") + bundle("c", "c.v1", 1));
    LoadOptions one = LoadOptions.builder().parallelism(1).build();
    UnaryOperator<dev.fbc.model.Blob> removeC = b -> {
      if (b.packageName().equals("a")) {
        try {
          Files.deleteIfExists(c);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return RenderNormalizer.normalize(b);
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> new CatalogStreamer(one, 0).render(List.of(dir), removeC, out,
        CatalogWriter.Format.JSON)).isInstanceOf(CatalogLoadException.class)
        .hasMessageContaining(c.toString()).hasMessageContaining("no such file");
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\n    \"schema\": \"olm.package\",\n    \"name\": \"a\"");

    String rewritten = pkg("c") + bundle("c", "c.v2", 2) + bundle("c", "c.v1", 1);
    write("changing/c/catalog.json", pkg("c") + bundle("c", "c.v1", 1));
    UnaryOperator<dev.fbc.model.Blob> rewriteC = b -> {
      if (b.packageName().equals("a")) {
        try {
          Files.writeString(c, rewritten);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return RenderNormalizer.normalize(b);
    };
    out.reset();
    assertThat(new CatalogStreamer(one, 0).render(List.of(dir), rewriteC, out, CatalogWriter.Format.JSON)).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(whole(dir, OutputFormat.JSON)).contains("c.v2");
  }

  /**
   * The held output is kept in chunks of a mebibyte: pieces of any size, across chunk ends, come out whole and in
   * order, nothing before the limit is passed, and everything once it is passed or the output is finished.
   */
  @Test
  void heldOutputComesOutWholeAndInOrderWhereverTheLimitFalls() throws IOException {
    Random r = new Random(11);
    byte[] data = new byte[(5 << 20) + 12345];
    r.nextBytes(data);
    for (long limit : new long[] {0, 1, (1 << 20) - 1, 1 << 20, 3 << 20, data.length - 1, data.length, 8 << 20}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CatalogStreamer.HoldBack held = new CatalogStreamer.HoldBack(out, limit);
      int off = 0;
      while (off < data.length) {
        int len = Math.min(data.length - off, r.nextInt(5) == 0 ? r.nextInt(3 << 20) : r.nextInt(70_000));
        held.write(data, off, len);
        off += len;
        assertThat(out.size()).as("limit %d at %d", limit, off).isEqualTo(off > limit ? off : 0);
        assertThat(held.released()).isEqualTo(off > limit);
      }
      held.finish();
      assertThat(out.toByteArray()).as("limit %d", limit).isEqualTo(data);
    }
  }

  /** White space short of opm's 4 KiB sniffing head still leaves a JSON file, which streams. */
  @Test
  void aFirstBraceWithinTheSniffingHeadStreams() throws IOException {
    write("head/a.json", "\n".repeat(4095) + pkg("y") + bundle("y", "y.v1", 1));
    Path dir = tmp.resolve("head");
    assertThat(streamed(dir, OutputFormat.JSON, 0, new ArrayList<>())).contains(whole(dir, OutputFormat.JSON));
  }

  /**
   * Blobs opm drops (a known schema, no package) are still migrated, as the whole load migrates every blob: a
   * migration that fails on one fails the render. A transform failure comes after the load's own problems, which
   * the whole load meets first.
   */
  @Test
  void droppedBlobsAreTransformedAndLoadProblemsComeBeforeTransformFailures() throws IOException {
    Path dir = tmp.resolve("dropped");
    write("dropped/a/catalog.json", pkg("a") + bundle("a", "a.v1", 1));
    write("dropped/orphan.json", "{\"schema\":\"olm.bundle\",\"name\":\"orphan\"}\n");
    UnaryOperator<dev.fbc.model.Blob> failOnOrphan = b -> {
      if (b instanceof dev.fbc.model.BundleBlob bb && bb.name().equals("orphan")) {
        throw new IllegalStateException("no orphan");
      }
      return RenderNormalizer.normalize(b);
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> new CatalogStreamer(LoadOptions.defaults(), 1 << 20).render(List.of(dir), failOnOrphan,
        out, CatalogWriter.Format.JSON)).isInstanceOf(IllegalStateException.class).hasMessage("no orphan");
    assertThat(out.size()).isZero();

    // a syntax error in the third object: past the first two, opm's decoder does not retry the file as YAML
    write("dropped/z.json", pkg("z") + bundle("z", "z.v1", 1) + "{\"schema\":\"x\",\"v\":tru}\n");
    UnaryOperator<dev.fbc.model.Blob> failOnA = b -> {
      if (b instanceof dev.fbc.model.BundleBlob bb && bb.name().equals("a.v1")) {
        throw new IllegalStateException("no a.v1");
      }
      return RenderNormalizer.normalize(b);
    };
    assertThatThrownBy(() -> new CatalogStreamer(LoadOptions.defaults(), 0).render(List.of(dir), failOnA, out,
        CatalogWriter.Format.JSON)).isInstanceOf(CatalogLoadException.class)
        .hasMessageContaining(dir.resolve("z.json").toString());
  }

  /**
   * Past the hold limit, a run read differently sends the render to a whole load, which must start with the blobs
   * already written; a file changed under the render so that it does not fails with one line instead of writing a
   * catalog with blobs twice or missing.
   */
  @Test
  void aWholeLoadThatDoesNotStartWithWhatWasWrittenFails() throws IOException {
    Path dir = tmp.resolve("moving");
    Path a = write("moving/a/catalog.json", pkg("a") + bundle("a", "a.v1", 1));
    Path c = write("moving/c/catalog.json", pkg("c") + bundle("c", "c.v1", 1));
    UnaryOperator<dev.fbc.model.Blob> rewrite = b -> {
      if (b instanceof dev.fbc.model.BundleBlob bb && bb.name().equals("a.v1")) {
        try {
          // a gains a channel, which opm writes between its package and its bundle; c's run no longer fits
          Files.writeString(a, pkg("a") + bundle("a", "a.v1", 1) + channel("a", "stable", "a.v1"));
          Files.writeString(c, pkg("c") + bundle("c", "c.v2", 2));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return RenderNormalizer.normalize(b);
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> new CatalogStreamer(LoadOptions.builder().parallelism(1).build(), 0)
        .render(List.of(dir), rewrite, out, CatalogWriter.Format.JSON)).isInstanceOf(dev.fbc.base.FbcException.class)
        .hasMessageContaining("changed while fbc read them");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"name\": \"a.v1\"").doesNotContain("c.v");
  }

  @Test
  void warningsOfTheWalkAreReportedOnceAndNotWhenHandedBack() throws Exception {
    write("warn/a.json", pkg("a"));
    Path fifo = tmp.resolve("warn/pipe.json");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor()).isZero();
    List<Problem> warnings = new ArrayList<>();
    assertThat(streamed(tmp.resolve("warn"), OutputFormat.JSON, 0, warnings)).isPresent();
    assertThat(warnings).extracting(Problem::rule).containsExactly("load.special-file");
    // with a YAML file the catalog is handed back: the whole load reports the warning, the streamer must not
    write("warn/b.yaml", "schema: olm.package\nname: b\n");
    warnings.clear();
    assertThat(streamed(tmp.resolve("warn"), OutputFormat.JSON, 0, warnings)).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void quickPassNamesEachBlobsPackage() throws IOException {
    Path f = write("scan.json", pkg("p1") + "  \n" + channel("p1", "s", "p1.v1") + "{\"schema\":\"x\",\"k\":"
        + "{\"name\":\"inner\",\"package\":\"inner\"},\"package\":\"p2\"}{\"schema\":\"x.root\",\"l\":[\"}\",\"{\"]}");
    assertThat(packages(f, 1 << 20)).contains(List.of("p1", "p1", "p2", ""));
    assertThat(packages(f, 10)).as("past the size limit").isEmpty();
  }

  /**
   * The quick pass skips nested strings and indentation in tight loops: an escaped quote or backslash, braces
   * inside strings and runs of indentation must be read right wherever a 64 KiB chunk ends in them.
   */
  @Test
  void quickPassReadsNestedStringsAndIndentationAcrossChunkEnds() throws IOException {
    String head = "{\"schema\":\"olm.bundle\",\"properties\":[\n    {\"v\":\"";
    for (int d = -4; d <= 4; d++) {
      // the escape of the tricky string lands at, just before or just after the end of the first chunk
      String pad = "x".repeat((1 << 16) - head.length() - 1 + d);
      String tricky = pad + "\\\"}{\\\\\"";
      String blob = head + tricky + "}" + " ".repeat(40) + "\n" + " ".repeat(70_000 + d) + ",[\"]\"]],"
          + "\"package\":\"after" + d + "\"}";
      Path f = write("chunks" + d + ".json", blob + "\n" + pkg("p" + d));
      assertThat(packages(f, 1 << 20)).as("escape at chunk end %+d", d)
          .contains(List.of("after" + d, "p" + d));
    }
  }

  /**
   * Line breaks inside nested values count as the parser counts them (CR LF once, a lone CR once, LF once) wherever
   * a 64 KiB chunk of the quick pass ends: between a CR and its LF, just before or after them. The lines of the blobs
   * after them are the whole load's.
   */
  @Test
  void quickPassCountsNestedLineBreaksAsTheParserDoesAcrossChunkEnds() throws IOException {
    String head = "{\"schema\":\"olm.bundle\",\"package\":\"p\",\"name\":\"p.v1\",\"x\":[";
    String[] breaks = {"\r\n", "\r", "\n", "\r\r\n", "\n\r"};
    for (String br : breaks) {
      for (int d = -3; d <= 3; d++) {
        // white space up to the chunk's end, then the line breaks
        String pad = " ".repeat((1 << 16) - head.length() - 1 + d);
        String text = head + pad + br + "1," + br + "{\"y\":\"" + br.replace("\r", "\\r").replace("\n", "\\n")
            + "\"}" + br + "]}" + br + pkg("p") + br + "{\"schema\":\"olm.channel\",\"package\":\"p\",\"name\":\"c\"}";
        Path dir = tmp.resolve("breaks" + br.length() + br.charAt(0) + d);
        Path f = dir.resolve("p/catalog.json");
        java.nio.file.Files.createDirectories(f.getParent());
        java.nio.file.Files.writeString(f, text);
        List<Integer> expected = new ArrayList<>();
        for (dev.fbc.model.Blob b : new CatalogLoader(LoadOptions.defaults()).load(List.of(dir)).blobs()) {
          expected.add(b.source().line());
        }
        assertThat(PackageScan.scan(f, 1 << 20).orElseThrow()).extracting(PackageScan.Entry::line)
            .as("%s at chunk end %+d", br.replace("\r", "CR").replace("\n", "LF"), d).isEqualTo(expected);
      }
    }
  }

  /** The package each blob of the file is grouped under, as the quick pass sees it. */
  private static Optional<List<String>> packages(Path file, long maxBytes) {
    return PackageScan.scan(file, maxBytes).map(entries -> entries.stream().map(PackageScan.Entry::group).toList());
  }

  private static String catchMessage(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    try {
      c.call();
    } catch (Throwable t) {
      return t.getMessage();
    }
    throw new AssertionError("expected a failure");
  }
}
