package dev.fbc.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fbc.base.Problem;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Channels of 100k entries in the shapes that made validation quadratic (a long replaces chain, many heads, many
 * dangling references, many bundles without an entry). Each validates in a second or two now; quadratic code took
 * minutes, so the preemptive timeout is only a safety net against a regression hanging the build.
 */
class LargeChannelTest {
  private static final int N = 100_000;
  private static final Duration SAFETY_NET = Duration.ofSeconds(60);

  private static String name(int i) {
    return "big.v1.0." + i;
  }

  /** A package "big" with N bundles and one channel whose i-th entry is {@code entry.apply(i)}. */
  private static Catalog catalog(IntFunction<ChannelEntry> entry, int bundles) {
    List<Blob> blobs = new ArrayList<>();
    blobs.add(PackageBlob.of("big", "stable"));
    List<ChannelEntry> entries = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      entries.add(entry.apply(i));
    }
    blobs.add(ChannelBlob.inPackage("big", "stable", entries));
    for (int i = 0; i < bundles; i++) {
      blobs.add(BundleBlob.inPackage("big", name(i), "quay.io/big/bundle:v1.0." + i,
          List.of(Property.packageProperty("big", "1.0." + i))));
    }
    return Catalog.of(blobs);
  }

  private static ValidationResult validate(Catalog c) {
    long t0 = System.nanoTime();
    ValidationResult r = assertTimeoutPreemptively(SAFETY_NET, () -> new CatalogValidator().validate(c));
    // reported, not asserted: the figures go into the hardening notes
    System.out.printf("validate %d entries: %d ms%n", N, (System.nanoTime() - t0) / 1_000_000);
    return r;
  }

  @Test
  void aLongReplacesChainValidates() {
    Catalog c = catalog(i -> i == 0 ? ChannelEntry.of(name(0)) : ChannelEntry.of(name(i)).withReplaces(name(i - 1)),
        N);
    ValidationResult r = validate(c);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void everyEntryAHeadIsOneProblem() {
    ValidationResult r = validate(catalog(i -> ChannelEntry.of(name(i)), N));
    assertThat(r.errors()).extracting(Problem::rule).containsExactly("channel.multiple-heads");
    assertThat(r.errors().get(0).message()).contains(name(N - 1));
  }

  @Test
  void strandedEntriesAreListedWithoutQuadraticWork() {
    // the head (last entry) replaces entry 0; entries 1..N-2 replace each other in a ring no chain reaches
    Catalog c = catalog(i -> {
      ChannelEntry e = ChannelEntry.of(name(i));
      if (i == N - 1) {
        return e.withReplaces(name(0));
      }
      if (i == 0) {
        return e;
      }
      return e.withReplaces(name(i == 1 ? N - 2 : i - 1));
    }, N);
    ValidationResult r = validate(c);
    assertThat(r.errors()).extracting(Problem::rule).containsExactly("channel.stranded");
    assertThat(r.errors().get(0).message()).contains(name(N - 2));
  }

  @Test
  void manyDanglingReferencesAreOneWarningEachWithoutComparingEveryPair() {
    Catalog c = catalog(i -> ChannelEntry.of(name(i)).withReplaces(i == 0 ? "" : "gone.v" + i), N);
    ValidationResult r = validate(c);
    assertThat(r.warnings()).hasSize(N - 1).allMatch(p -> p.rule().equals("channel.dangling-reference"));
  }

  @Test
  void manyBundlesWithoutAnEntryAreFoundWithoutRescanningTheChannel() {
    // the channel lists the first half of the bundles; for each bundle of the second half the hint used to scan
    // every entry and rebuild the channel's graph
    Catalog c = catalog(i -> i == 0 ? ChannelEntry.of(name(0)) : ChannelEntry.of(name(i)).withReplaces(name(i - 1)),
        0);
    List<Blob> blobs = new ArrayList<>();
    for (Blob b : c.blobs()) {
      blobs.add(b instanceof ChannelBlob ch ? ch.withEntries(ch.entries().subList(0, N / 2)) : b);
    }
    for (int i = 0; i < N; i++) {
      blobs.add(BundleBlob.inPackage("big", name(i), "quay.io/big/bundle:v1.0." + i,
          List.of(Property.packageProperty("big", "1.0." + i))));
    }
    ValidationResult r = validate(Catalog.of(blobs));
    assertThat(r.errors()).hasSize(N / 2).allMatch(p -> p.rule().equals("bundle.not-in-channel"));
    assertThat(r.errors().get(0).hint()).contains("replaces: " + name(N / 2 - 1));
  }
}
