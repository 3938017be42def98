package dev.fbc.graph;

import dev.fbc.base.FbcException;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.text.SafeText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whose rules a channel's head and replaces chain follow. Both take the head to be the entry no other entry
 * replaces or skips; they differ in what they refuse and where the chain ends.
 *
 * <pre>{@code
 * UpgradeGraph g = ChainRule.OC_MIRROR.graph(channel);   // throws oc-mirror's error for a bad channel
 * List<String> chain = ChainRule.OC_MIRROR.chain(g);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum ChainRule {
  /**
   * opm validate v1.54 and OLM: several heads, cycles and stranded entries are findings ({@link UpgradeGraph}
   * reports them, validate words them), never a failure to build; the chain ends at the last entry inside the
   * channel.
   */
  OPM,
  /**
   * oc-mirror v2's catalog filter: a channel must have exactly one head (even when only the head is kept), no
   * duplicate or self-referencing entry, and no cycle over {@code replaces} and {@code skips} edges; the chain also
   * takes the name the last entry replaces when that is not an entry of the channel.
   */
  OC_MIRROR;

  /**
   * The channel's graph, refused as this rule refuses it: for {@link #OC_MIRROR} one line per problem, in entry
   * order, in oc-mirror's words.
   */
  public UpgradeGraph graph(ChannelBlob channel) {
    UpgradeGraph g = UpgradeGraph.of(channel);
    if (this == OC_MIRROR) {
      ocMirrorCheck(channel, g);
    }
    return g;
  }

  /** The replaces chain from the head as this rule walks it (empty without exactly one head). */
  public List<String> chain(UpgradeGraph g) {
    List<String> chain = g.replacesChain();
    if (this == OPM || chain.isEmpty() || !g.cycle().isEmpty()) {
      return chain;
    }
    String last = g.entries().get(chain.get(chain.size() - 1)).replaces();
    if (last.isEmpty() || g.entries().containsKey(last)) {
      return chain;
    }
    List<String> out = new ArrayList<>(chain);
    out.add(last);
    return List.copyOf(out);
  }

  private static void ocMirrorCheck(ChannelBlob ch, UpgradeGraph g) {
    List<ChannelEntry> entries = ch.entries();
    if (entries.isEmpty()) {
      throw new FbcException("channel has no entries");
    }
    // UpgradeGraph keeps the first of duplicates and takes no edge from the others, as oc-mirror does; what it
    // does not do is refuse them, or the self references, so those are looked for here, in entry order
    List<String> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, Set<String>> incoming = new HashMap<>();
    Map<String, List<String>> edges = new HashMap<>();
    for (ChannelEntry e : entries) {
      if (!seen.add(e.name())) {
        errs.add("duplicate channel entry \"" + e.name() + "\"");
        continue;
      }
      Set<String> targets = new LinkedHashSet<>();
      if (!e.replaces().isEmpty()) {
        if (e.name().equals(e.replaces())) {
          errs.add("invalid channel entry \"" + e.name() + "\": replaces itself");
        }
        targets.add(e.replaces());
      }
      for (String s : e.skips()) {
        if (e.name().equals(s)) {
          errs.add("invalid channel entry \"" + e.name() + "\": skips itself");
        }
        targets.add(s);
      }
      for (String t : targets) {
        incoming.computeIfAbsent(t, k -> new HashSet<>()).add(e.name());
      }
      edges.put(e.name(), List.copyOf(targets));
    }
    List<String> heads = g.heads();
    if (heads.isEmpty()) {
      errs.add("no channel heads found");
    } else if (heads.size() > 1) {
      errs.add("multiple channel heads found: [" + SafeText.names(new TreeSet<>(heads), " ") + "]");
    }
    if (!errs.isEmpty()) {
      throw new FbcException(String.join("\n", errs));
    }
    // a topological walk from the head that leaves edges behind means a cycle; UpgradeGraph.cycle() sees only
    // loops of the replaces chain, and oc-mirror refuses loops through skips as well
    ArrayDeque<String> queue = new ArrayDeque<>(heads);
    while (!queue.isEmpty()) {
      String cur = queue.poll();
      for (String t : edges.getOrDefault(cur, List.of())) {
        Set<String> in = incoming.get(t);
        if (in == null) {
          continue;
        }
        in.remove(cur);
        if (in.isEmpty()) {
          incoming.remove(t);
          queue.add(t);
        }
      }
    }
    if (!incoming.isEmpty()) {
      throw new FbcException("detected a cycle in the upgrade graph of the channel");
    }
  }
}
