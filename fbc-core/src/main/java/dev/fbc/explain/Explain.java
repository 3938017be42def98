package dev.fbc.explain;

import dev.fbc.base.FbcException;
import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.semver.Range;
import dev.fbc.semver.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What OLM (v0.46.0's resolver, see docs/upgrade-rules.md) does for a cluster that has one bundle of a package
 * installed: which entries of the subscribed channel can replace it, which one it picks and why, and the upgrades
 * that follow up to the channel head (or a chosen bundle); when it gets stuck, the reason and a hint.
 *
 * <pre>{@code
 * Explanation e = Explain.explain(model, "etcd", "0.9.0", Optional.empty(), Optional.empty());
 * e.picked();   // Optional[etcdoperator.v0.9.2]
 * e.path();     // [etcdoperator.v0.9.0 -> etcdoperator.v0.9.2 (replaces), ... -> etcdoperator.v0.9.4]
 * e.blocker();  // Optional.empty: the head is reached
 * }</pre>
 */
public final class Explain {
  private Explain() {}

  /** Why there is no way on, as one of the cases OLM users meet. */
  public enum Reason {
    /** The bundle is not in the channel and no entry of it replaces, skips or range-includes it. */
    NOT_IN_CHANNEL,
    /** Nothing that OLM offers replaces, skips or range-includes the bundle. */
    STRANDED,
    /** Newer entries have skipRanges, but none includes the bundle's version. */
    RANGE_EXCLUDES,
    /** The upgrades lead back to a bundle already passed, or the channel's replaces chain loops. */
    CYCLE,
    /** The channel has several heads: OLM refuses to order it and resolves nothing in it. */
    SEVERAL_HEADS,
    /** OLM reaches the channel head without stopping at the requested --to bundle. */
    TARGET_PASSED
  }

  /** An entry that can replace a bundle, how, and whether OLM offers it (only entries of its channel order). */
  public record Candidate(String bundle, List<String> via, boolean offered, boolean deprecated) {
    public Candidate {
      via = List.copyOf(via);
    }
  }

  /** One upgrade OLM performs. */
  public record Step(String from, String to, List<String> via, boolean deprecated) {
    public Step {
      via = List.copyOf(via);
    }
  }

  /** Why the path ends before its goal, with what the catalog author (or cluster admin) can do. */
  public record Blocker(Reason reason, String detail, String hint) {}

  /**
   * @param candidates the entries that replace, skip or range-include {@code from}, in OLM's preference order
   *     (offered ones first)
   * @param picked the candidate OLM installs next (empty when there is none)
   * @param why one sentence on the choice
   * @param path every upgrade from {@code from} to the goal (or to where it stops)
   * @param goal the channel head, or the --to bundle
   */
  public record Explanation(String packageName, String channel, String from, String goal,
      List<Candidate> candidates, Optional<String> picked, String why, List<Step> path, Optional<Blocker> blocker,
      boolean fromDeprecated) {
    public Explanation {
      candidates = List.copyOf(candidates);
      path = List.copyOf(path);
    }

    /** True when OLM gets from {@code from} to the goal. */
    public boolean reachesGoal() {
      return blocker.isEmpty();
    }
  }

  /**
   * @param from a bundle name, or a version of one of the package's bundles
   * @param channel the subscribed channel; empty = the package's default channel
   * @param to a bundle name or version to stop at; empty = the channel head
   * @throws FbcException for an unknown package, channel or bundle
   */
  public static Explanation explain(CatalogModel model, String pkgName, String from, Optional<String> channel,
      Optional<String> to) {
    PackageModel pkg = model.pkg(pkgName).orElseThrow(() -> new FbcException("package \"" + pkgName
        + "\" is not in the catalog"));
    ChannelModel ch = channel.isPresent()
        ? pkg.channel(channel.get()).orElseThrow(() -> new FbcException("package \"" + pkgName
            + "\" has no channel \"" + channel.get() + "\" (channels: " + String.join(", ", pkg.channels().keySet())
            + ")"))
        : pkg.defaultChannel().orElseThrow(() -> new FbcException("package \"" + pkgName
            + "\" has no default channel; name one", FbcException.Remedy.NAME_CHANNEL));
    String start = bundleName(pkg, from);
    Optional<String> target = to.map(t -> bundleName(pkg, t));
    UpgradeGraph g = ch.graph();
    Set<String> deprecated = deprecatedBundles(pkg);
    Function<String, Version> versionOf = n -> pkg.bundle(n).flatMap(BundleModel::version).orElse(null);
    String goal = target.orElse(g.head().orElse(""));

    List<Candidate> first = candidates(g, start, versionOf, deprecated);
    Optional<String> picked = first.stream().filter(Candidate::offered).map(Candidate::bundle).findFirst();
    String why = picked.map(p -> "OLM offers " + first.stream().filter(Candidate::offered).count()
        + " candidate(s) and prefers the one nearest the channel head along its replaces chain: " + p)
        .orElse("OLM offers no candidate");

    if (g.heads().size() != 1) {
      return new Explanation(pkgName, ch.name(), start, goal, first, Optional.empty(),
          "OLM refuses a channel with several heads", List.of(), Optional.of(new Blocker(Reason.SEVERAL_HEADS,
          "channel \"" + ch.name() + "\" has " + g.heads().size() + " heads: " + String.join(", ", g.heads()),
          "make every entry but the newest replaced or skipped by another entry")), deprecated.contains(start));
    }
    if (!g.cycle().isEmpty()) {
      return new Explanation(pkgName, ch.name(), start, goal, first, Optional.empty(),
          "OLM refuses a channel whose replaces chain loops", List.of(), Optional.of(new Blocker(Reason.CYCLE,
          "the replaces chain loops: " + String.join(" -> ", g.cycle()),
          "break the loop: a bundle must not (indirectly) replace itself")), deprecated.contains(start));
    }

    List<Step> path = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(start);
    String cur = start;
    Blocker blocker = null;
    // each step installs one bundle, so a path longer than the channel means a loop; the bound keeps it finite
    for (int i = 0; i <= g.entries().size() + 1; i++) {
      if (target.isPresent() && cur.equals(target.get())) {
        break;
      }
      List<Candidate> cs = i == 0 ? first : candidates(g, cur, versionOf, deprecated);
      Optional<Candidate> next = cs.stream().filter(Candidate::offered).findFirst();
      if (next.isEmpty()) {
        if (g.head().map(cur::equals).orElse(false)) {
          if (target.isPresent()) {
            blocker = passed(g, start, target.get(), versionOf);
          }
          break;
        }
        blocker = stuck(g, pkg, cur, cs, versionOf);
        break;
      }
      Candidate n = next.get();
      if (!seen.add(n.bundle())) {
        blocker = new Blocker(Reason.CYCLE, "upgrading from " + cur + " leads back to " + n.bundle(),
            "check the replaces/skips/skipRange of the entries between them");
        break;
      }
      path.add(new Step(cur, n.bundle(), n.via(), n.deprecated()));
      cur = n.bundle();
    }
    return new Explanation(pkgName, ch.name(), start, goal, first, picked, why, path, Optional.ofNullable(blocker),
        deprecated.contains(start));
  }

  /** The entries that replace, skip or range-include {@code name}, offered ones first in OLM's channel order. */
  static List<Candidate> candidates(UpgradeGraph g, String name, Function<String, Version> versionOf,
      Set<String> deprecated) {
    Version v = versionOf.apply(name);
    Map<String, List<String>> via = new LinkedHashMap<>();
    for (ChannelEntry e : g.entries().values()) {
      if (e.name().equals(name)) {
        continue;
      }
      List<String> how = new ArrayList<>();
      if (e.replaces().equals(name)) {
        how.add("replaces");
      }
      if (e.skips().contains(name)) {
        how.add("skips");
      }
      if (v != null && includes(e.skipRange(), v)) {
        how.add("skipRange " + e.skipRange());
      }
      if (!how.isEmpty()) {
        via.put(e.name(), how);
      }
    }
    List<Candidate> out = new ArrayList<>();
    List<String> order = g.olmOrder();
    for (String n : order) {
      if (via.containsKey(n)) {
        out.add(new Candidate(n, via.get(n), true, deprecated.contains(n)));
      }
    }
    via.forEach((n, how) -> {
      if (!order.contains(n)) {
        out.add(new Candidate(n, how, false, deprecated.contains(n)));
      }
    });
    return out;
  }

  private static Blocker stuck(UpgradeGraph g, PackageModel pkg, String cur, List<Candidate> cs,
      Function<String, Version> versionOf) {
    if (!cs.isEmpty()) {
      return new Blocker(Reason.STRANDED, cur + " is replaced only by " + String.join(", ",
          cs.stream().map(Candidate::bundle).toList()) + ", which OLM never offers (skipped by another entry or "
          + "off the replaces chain from the head)",
          "let an entry on the chain from the head replace, skip or range-include " + cur);
    }
    // with no candidate, an entry of the channel would be a head (OLM then refuses the channel before this), so
    // here the bundle is not in the channel: a bundle installed from an older catalog, or from another channel
    Version v = versionOf.apply(cur);
    if (v != null) {
      for (ChannelEntry e : g.entries().values()) {
        Version ev = versionOf.apply(e.name());
        if (!e.skipRange().isEmpty() && parses(e.skipRange()) && ev != null && ev.compareTo(v) > 0) {
          return new Blocker(Reason.RANGE_EXCLUDES, cur + " is not in channel \"" + g.channel()
              + "\" and the skipRange \"" + e.skipRange() + "\" of " + e.name() + " does not include its version "
              + v, "widen the skipRange of " + e.name() + " to include " + v + ", or let it replace or skip " + cur);
        }
      }
    }
    if (g.entry(cur).isEmpty()) {
      List<String> elsewhere = pkg.channelsOf(cur).stream().map(ChannelModel::name).toList();
      return new Blocker(Reason.NOT_IN_CHANNEL, cur + " is not in channel \"" + g.channel()
          + "\" and no entry of it replaces, skips or range-includes it",
          elsewhere.isEmpty() ? "add an entry that replaces or skips it, or a skipRange that includes its version"
              : "it is in channel(s) " + String.join(", ", elsewhere) + "; subscribe there, or add an entry here "
                  + "that replaces or skips it");
    }
    return new Blocker(Reason.STRANDED, "no entry of channel \"" + g.channel() + "\" replaces, skips or "
        + "range-includes " + cur, "add " + cur + " to the replaces/skips of a newer entry, or a skipRange");
  }

  private static Blocker passed(UpgradeGraph g, String from, String to, Function<String, Version> versionOf) {
    Optional<List<String>> any = g.path(from, to, versionOf);
    return new Blocker(Reason.TARGET_PASSED, "OLM upgrades to the head without stopping at " + to,
        any.map(p -> "the graph has the path " + String.join(" -> ", p) + "; to stop there, use a manual-approval "
            + "subscription or a startingCSV").orElse(to + " cannot be reached from " + from + " at all"));
  }

  private static boolean includes(String range, Version v) {
    if (range.isEmpty()) {
      return false;
    }
    try {
      return Range.parse(range).test(v);
    } catch (Range.ParseException e) {
      return false; // OLM cannot use a range it cannot parse either
    }
  }

  private static boolean parses(String range) {
    try {
      Range.parse(range);
      return true;
    } catch (Range.ParseException e) {
      return false;
    }
  }

  private static Set<String> deprecatedBundles(PackageModel pkg) {
    Set<String> out = new HashSet<>();
    pkg.deprecations().ifPresent(d -> {
      for (DeprecationEntry e : d.entries()) {
        if ("olm.bundle".equals(e.reference().schema())) {
          out.add(e.reference().name());
        }
      }
    });
    return out;
  }

  /** A bundle name, or a version of one (as written or equal as semver). */
  static String bundleName(PackageModel pkg, String spec) {
    if (pkg.bundles().containsKey(spec)) {
      return spec;
    }
    for (BundleModel b : pkg.bundles().values()) {
      if (b.versionText().equals(spec)) {
        return b.name();
      }
    }
    Optional<Version> v = Version.tryParse(spec.startsWith("v") ? spec.substring(1) : spec);
    if (v.isPresent()) {
      for (BundleModel b : pkg.bundles().values()) {
        if (b.version().equals(v)) {
          return b.name();
        }
      }
    }
    // a name some entry mentions but no bundle defines is still a valid starting point
    for (ChannelModel c : pkg.channels().values()) {
      if (c.graph().entry(spec).isPresent()) {
        return spec;
      }
    }
    throw new FbcException("package \"" + pkg.name() + "\" has no bundle named or versioned \"" + spec + "\"");
  }
}
