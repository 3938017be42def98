package dev.fbc.graph;

import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.semver.Range;
import dev.fbc.semver.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The upgrade graph of one channel, computed as OLM (and opm validate v1.54) do: an entry is a head when no
 * entry replaces or skips it ({@code skipRange} is not an edge for this); from the head, the {@code replaces}
 * chain is followed until it ends or leaves the channel; entries neither on that chain nor skipped are stranded.
 *
 * <pre>{@code
 * UpgradeGraph g = UpgradeGraph.of(channel);
 * g.heads();                       // [etcd.v0.9.4]
 * g.stranded();                    // []
 * g.pathToHead("etcd.v0.9.0", versions::get);   // [etcd.v0.9.0, etcd.v0.9.2, etcd.v0.9.4]
 * }</pre>
 *
 * <p>Immutable once built, and thread-safe: every list, set and map it returns is unmodifiable, so no caller can
 * change the graph another caller sees.
 */
public final class UpgradeGraph {
  private final String channel;
  private final Map<String, ChannelEntry> entries = new LinkedHashMap<>();
  private final Map<String, List<String>> incoming = new HashMap<>();
  private final Set<String> skipped = new HashSet<>();
  private final List<String> heads;
  private final List<String> chain;
  private final List<String> cycle;
  private final List<String> stranded;
  /** The parsed skipRanges by entry, parsed once: a path search asks for them at every step. */
  private final Map<String, Range> skipRanges = new LinkedHashMap<>();

  private UpgradeGraph(ChannelBlob c) {
    this.channel = c.name();
    for (ChannelEntry e : c.entries()) {
      entries.putIfAbsent(e.name(), e);
    }
    for (ChannelEntry e : entries.values()) {
      if (!e.replaces().isEmpty()) {
        incoming.computeIfAbsent(e.replaces(), k -> new ArrayList<>()).add(e.name());
      }
      for (String s : e.skips()) {
        incoming.computeIfAbsent(s, k -> new ArrayList<>()).add(e.name());
        skipped.add(s);
      }
      if (!e.skipRange().isEmpty()) {
        try {
          skipRanges.put(e.name(), Range.parse(e.skipRange()));
        } catch (Range.ParseException ignored) {
          // an unparsable skipRange offers no upgrade
        }
      }
    }
    List<String> h = new ArrayList<>();
    for (String name : entries.keySet()) {
      if (!incoming.containsKey(name)) {
        h.add(name);
      }
    }
    Collections.sort(h);
    this.heads = List.copyOf(h);

    List<String> walked = new ArrayList<>();
    List<String> loop = List.of();
    if (heads.size() == 1) {
      Map<String, Integer> seen = new HashMap<>();
      String cur = heads.get(0);
      while (cur != null) {
        Integer at = seen.get(cur);
        if (at != null) {
          List<String> l = new ArrayList<>(walked.subList(at, walked.size()));
          l.add(cur);
          loop = l;
          break;
        }
        seen.put(cur, walked.size());
        walked.add(cur);
        String next = entries.get(cur).replaces();
        // opm v1.54 follows replaces through skipped bundles too (the chain ends only outside the channel)
        cur = next.isEmpty() || !entries.containsKey(next) ? null : next;
      }
    }
    this.chain = List.copyOf(walked);
    this.cycle = List.copyOf(loop);
    // hash lookups: TreeSet.removeAll(List) scanned the list once per entry, quadratic for long channels
    List<String> s = new ArrayList<>();
    if (heads.size() == 1 && cycle.isEmpty()) {
      Set<String> onChain = new HashSet<>(chain);
      for (String name : entries.keySet()) {
        if (!onChain.contains(name) && !skipped.contains(name)) {
          s.add(name);
        }
      }
      Collections.sort(s);
    }
    this.stranded = List.copyOf(s);
  }

  public static UpgradeGraph of(ChannelBlob channel) {
    return new UpgradeGraph(channel);
  }

  public String channel() {
    return channel;
  }

  /** Entries by bundle name, in channel order (the first of duplicates). */
  public Map<String, ChannelEntry> entries() {
    return Collections.unmodifiableMap(entries);
  }

  public Optional<ChannelEntry> entry(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /**
   * The parsed {@code skipRange} of entry {@code name} (the first entry of that name), empty when it has none or
   * it does not parse.
   */
  public Optional<Range> skipRange(String name) {
    return Optional.ofNullable(skipRanges.get(name));
  }

  /** Entries nothing replaces or skips, sorted; a valid channel has exactly one. */
  public List<String> heads() {
    return heads;
  }

  /** The one head, if there is exactly one. */
  public Optional<String> head() {
    return heads.size() == 1 ? Optional.of(heads.get(0)) : Optional.empty();
  }

  /** The entries that replace or skip {@code name}. */
  public List<String> predecessorsOf(String name) {
    // a view: the graph's own list must not be changed through it
    return Collections.unmodifiableList(incoming.getOrDefault(name, List.of()));
  }

  /** The {@code replaces} chain from the head (empty without exactly one head). */
  public List<String> replacesChain() {
    return chain;
  }

  /** The loop in the replaces chain, first node repeated at the end (empty when there is none). */
  public List<String> cycle() {
    return cycle;
  }

  /** Names some entry skips (they need not be entries). */
  public Set<String> skipped() {
    return Collections.unmodifiableSet(skipped);
  }

  /** Entries neither on the chain from the head nor skipped, sorted (computed only with one head, no cycle). */
  public List<String> stranded() {
    return stranded;
  }

  /** For each entry, the names its {@code replaces} and {@code skips} give that are not entries here. */
  public Map<String, List<String>> danglingReferences() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ChannelEntry e : entries.values()) {
      Set<String> missing = new LinkedHashSet<>();
      if (!e.replaces().isEmpty() && !entries.containsKey(e.replaces())) {
        missing.add(e.replaces());
      }
      for (String s : e.skips()) {
        if (!s.isEmpty() && !entries.containsKey(s)) {
          missing.add(s);
        }
      }
      if (!missing.isEmpty()) {
        out.put(e.name(), List.copyOf(missing));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The shortest upgrade path from {@code from} to the head, following what OLM offers: an entry that replaces
   * it, skips it, or whose {@code skipRange} contains its version.
   *
   * @param versionOf a bundle's version, or null when unknown (then skipRange edges into it are not seen)
   */
  public Optional<List<String>> pathToHead(String from, Function<String, Version> versionOf) {
    return head().flatMap(h -> path(from, h, versionOf));
  }

  /**
   * The shortest upgrade path between any two bundles ({@code from} first, {@code to} last), over the same edges
   * as {@link #pathToHead}; empty when {@code to} cannot be reached. {@code from} need not be an entry (a bundle
   * of another channel that entries here replace).
   */
  public Optional<List<String>> path(String from, String to, Function<String, Version> versionOf) {
    Map<String, String> previous = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    queue.add(from);
    previous.put(from, null);
    while (!queue.isEmpty()) {
      String cur = queue.poll();
      if (cur.equals(to)) {
        List<String> path = new ArrayList<>();
        for (String n = cur; n != null; n = previous.get(n)) {
          path.add(n);
        }
        Collections.reverse(path);
        return Optional.of(path);
      }
      for (String next : upgradesFrom(cur, versionOf)) {
        if (!previous.containsKey(next)) {
          previous.put(next, cur);
          queue.add(next);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The order in which OLM offers this channel's entries as upgrades (its resolver's channel sort): the
   * {@code replaces} chain from the one head, without the entries some entry skips. Empty when OLM refuses the
   * channel (several heads, or a cycle).
   */
  public List<String> olmOrder() {
    if (heads.size() != 1 || !cycle.isEmpty()) {
      return List.of();
    }
    return chain.stream().filter(n -> !skipped.contains(n)).toList();
  }

  /** How an entry offers itself as an upgrade from another. */
  public enum EdgeKind {
    REPLACES("replaces"), SKIPS("skips"), SKIP_RANGE("skipRange");

    private final String field;

    EdgeKind(String field) {
      this.field = field;
    }

    /** The channel entry field that makes the edge, as the catalog spells it. */
    public String field() {
      return field;
    }
  }

  /** One upgrade edge: OLM offers {@code to} as an upgrade from {@code from}. */
  public record Edge(String from, String to, EdgeKind kind) {}

  /**
   * Every upgrade edge as the entries write them, in entry order: {@code replaces} and {@code skips} (also when
   * they name a bundle outside the channel), then {@code skipRange} to every other entry whose version it holds.
   *
   * @param versionOf a bundle's version, or null when unknown (then no skipRange edge leaves it)
   */
  public List<Edge> edges(Function<String, Version> versionOf) {
    List<Edge> out = new ArrayList<>();
    for (ChannelEntry e : entries.values()) {
      if (!e.replaces().isEmpty()) {
        out.add(new Edge(e.replaces(), e.name(), EdgeKind.REPLACES));
      }
      for (String s : e.skips()) {
        out.add(new Edge(s, e.name(), EdgeKind.SKIPS));
      }
      Range r = skipRanges.get(e.name());
      if (r != null) {
        for (String other : entries.keySet()) {
          Version v = other.equals(e.name()) ? null : versionOf.apply(other);
          if (v != null && r.test(v)) {
            out.add(new Edge(other, e.name(), EdgeKind.SKIP_RANGE));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** Entries one upgrade away from {@code name}. */
  public List<String> upgradesFrom(String name, Function<String, Version> versionOf) {
    Set<String> out = new LinkedHashSet<>(predecessorsOf(name));
    Version v = versionOf.apply(name);
    if (v != null) {
      for (Map.Entry<String, Range> r : skipRanges.entrySet()) {
        if (!r.getKey().equals(name) && r.getValue().test(v)) {
          out.add(r.getKey());
        }
      }
    }
    return List.copyOf(out);
  }
}
