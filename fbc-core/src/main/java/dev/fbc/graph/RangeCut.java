package dev.fbc.graph;

import dev.fbc.semver.Constraint;
import dev.fbc.semver.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The connected piece of a channel's replaces chain that covers a version range, as oc-mirror v2 cuts it: the
 * chain node from which the most in-range bundles are reachable (the latest such node on ties) down to the last
 * node that still reaches one; the chain nodes in between are kept even when they fall outside the range, and the
 * in-range bundles they skip are kept too.
 *
 * <pre>{@code
 * UpgradeGraph g = ChainRule.OC_MIRROR.graph(channel);
 * RangeCut cut = RangeCut.of(g, ChainRule.OC_MIRROR, Constraint.parse(">=1.2.0"), versions::get);
 * cut.kept(); cut.keptOutsideRange(); cut.newHead();
 * }</pre>
 *
 * @param kept the names kept, chain order with each node's skipped names after it (they need not be entries)
 * @param keptOutsideRange the chain nodes kept only to keep the piece connected, in chain order
 * @param newHead the first kept chain node, {@code ""} when no entry of the channel is kept
 */
public record RangeCut(List<String> kept, List<Outside> keptOutsideRange, String newHead) {
  public RangeCut {
    kept = List.copyOf(kept);
    keptOutsideRange = List.copyOf(keptOutsideRange);
  }

  /**
   * A bundle kept outside the range.
   *
   * @param version empty when the bundle has no version
   */
  public record Outside(String name, Optional<Version> version) {}

  /**
   * Cuts {@code g} to {@code range}.
   *
   * @param versionOf a bundle's version, or null when unknown (such a bundle is never in range)
   */
  public static RangeCut of(UpgradeGraph g, ChainRule rule, Constraint range, Function<String, Version> versionOf) {
    List<String> chain = rule.chain(g);
    // counts[i]: in-range bundles reachable from chain node i (itself, what it skips, what the rest of the chain has)
    int[] counts = new int[chain.size()];
    Set<String> seen = new HashSet<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      String node = chain.get(i);
      int count = i + 1 < chain.size() ? counts[i + 1] : 0;
      if (inRange(node, range, versionOf) && seen.add(node)) {
        count++;
      }
      for (String s : skips(g, node)) {
        if (inRange(s, range, versionOf) && seen.add(s)) {
          count++;
        }
      }
      counts[i] = count;
    }
    int from = -1;
    int tail = chain.size();
    int max = -1;
    for (int i = 0; i < chain.size(); i++) {
      if (counts[i] >= max) {
        from = i;
        max = counts[i];
      }
      if (counts[i] == 0) {
        tail = i;
        break;
      }
    }
    Set<String> keep = new LinkedHashSet<>();
    List<Outside> outside = new ArrayList<>();
    for (int i = from; i >= 0 && i < tail; i++) {
      String node = chain.get(i);
      if (!inRange(node, range, versionOf)) {
        outside.add(new Outside(node, Optional.ofNullable(versionOf.apply(node))));
      }
      keep.add(node);
      for (String s : skips(g, node)) {
        if (inRange(s, range, versionOf)) {
          keep.add(s);
        }
      }
    }
    String newHead = "";
    if (g.entries().keySet().stream().anyMatch(keep::contains)) {
      newHead = chain.stream().filter(keep::contains).findFirst().orElse("");
    }
    return new RangeCut(List.copyOf(keep), outside, newHead);
  }

  private static boolean inRange(String name, Constraint range, Function<String, Version> versionOf) {
    Version v = versionOf.apply(name);
    return v != null && range.test(v);
  }

  /** A chain node's skips, without repeats (a chain node outside the channel skips nothing). */
  private static Set<String> skips(UpgradeGraph g, String node) {
    return g.entry(node).map(e -> (Set<String>) new LinkedHashSet<>(e.skips())).orElse(Set.of());
  }
}
