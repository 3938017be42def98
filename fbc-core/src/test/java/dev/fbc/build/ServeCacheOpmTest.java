package dev.fbc.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fbc's serve cache side by side with opm v1.54 ({@code /work/oracles/opm-v1.54} or {@code $OPM}): opm must accept
 * it with {@code --cache-enforce-integrity}, and opm's own json cache for the same tree must be byte-identical.
 * opm is not a CI prerequisite (it is never committed), so these tests carry the tag {@code opm}, which the build
 * leaves out unless {@code OPM} is set (profile {@code side-by-side-opm}); then a missing opm fails them.
 * {@link ServeCacheTest} compares with opm's output recorded in the repository instead.
 */
@Tag("opm")
class ServeCacheOpmTest {
  static Optional<Path> opm() {
    String env = System.getenv("OPM");
    for (String c : new String[] {env, "/work/oracles/opm-v1.54"}) {
      if (c != null && !c.isEmpty() && Files.isExecutable(Path.of(c))) {
        return Optional.of(Path.of(c));
      }
    }
    return Optional.empty();
  }

  /** The recorded fixtures, and opm's conformance catalogs (valid and invalid ones) where the checkout has them. */
  static Stream<Path> catalogs() throws IOException {
    List<Path> out = new ArrayList<>(ServeCacheTest.fixtures().map(f -> f.resolve("catalog")).toList());
    for (String kind : List.of("render-fbc", "validate")) {
      Path dir = Path.of("../../shared/conformance").resolve(kind);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.map(p -> p.resolve("input")).filter(Files::isDirectory).sorted().forEach(out::add);
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("catalogs")
  void opmAcceptsFbcCacheAndWritesTheSameBytes(Path catalog, @TempDir Path tmp) throws Exception {
    Optional<Path> opm = opm();
    assertThat(opm).as("OPM names no executable opm v1.54").isPresent();
    Path tree = tmp.resolve("configs");
    ServeCacheTest.copyWithLayerModes(catalog, tree);
    ServeCache.Outcome outcome = ServeCacheTest.cacheOf(tree, tmp);
    Path ours = tmp.resolve("ours");
    Path theirs = tmp.resolve("theirs");
    Result recorded = record(opm.get(), tree, theirs, tmp);
    if (recorded.rc() != 0) {
      // opm cannot build a cache for this catalog (it is not valid): neither may fbc
      assertThat(outcome.cache()).as(recorded.output()).isEmpty();
      assertThat(outcome.reason()).isEqualTo("the catalog is not valid");
      return;
    }
    if (outcome.cache().isEmpty() && outcome.reason().equals("the catalog is not valid")) {
      // opm serve is more lenient than opm validate (e.g. empty YAML documents); fbc builds no cache for a catalog
      // that opm validate refuses
      Result validate = runOpm(opm.get(), tmp, "validate", tree.toString());
      assertThat(validate.rc()).as(validate.output()).isNotZero();
      return;
    }
    assertThat(outcome.cache()).as(outcome.reason()).isPresent();
    ServeCacheTest.writeWithOpmModes(outcome.cache().get(), ours);
    ServeCacheTest.assertSameFiles(ours, theirs);
    Result r = run(opm.get(), tmp, tree.toString(), "--cache-dir=" + ours, "--cache-only", "--cache-enforce-integrity");
    assertThat(r.rc()).as(r.output()).isZero();
  }

  record Result(int rc, String output) {}

  /** opm's json cache: an existing {@code cache/} and {@code digest} select the json backend, which rebuilds. */
  static Result record(Path opm, Path tree, Path dir, Path tmp) throws Exception {
    Files.createDirectories(dir.resolve("cache"));
    Files.setPosixFilePermissions(dir.resolve("cache"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.writeString(dir.resolve("digest"), "none");
    return run(opm, tmp, tree.toString(), "--cache-dir=" + dir, "--cache-only");
  }

  static Result run(Path opm, Path tmp, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("serve"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--pprof-addr=127.0.0.1:0", "-t", tmp.resolve("termination-log").toString()));
    return runOpm(opm, tmp, cmd.toArray(String[]::new));
  }

  static Result runOpm(Path opm, Path tmp, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(opm.toString()));
    cmd.addAll(List.of(args));
    Path log = tmp.resolve("opm.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      return assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
        int rc = p.waitFor();
        return new Result(rc, Files.readString(log));
      });
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
