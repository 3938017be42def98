package dev.fbc.validate;

import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.ChannelEntry;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.semver.Range;
import dev.fbc.semver.Version;
import dev.fbc.text.SafeText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hints that say how to fix a problem beyond its message: did-you-mean, which channel lost an entry, which
 * edge to add or remove in a graph, how to repair a skipRange. Hints are advice, not verdicts: they may search a
 * little, within bounds. Library words only: a hint names no command-line flag.
 */
final class ValidationHints {
  /** Dangling references examined for the hint of a channel with several heads (each costs a pass over them). */
  private static final int MAX_HINT_SEARCH = 100;

  static final String RENDER_MISSING_BUNDLE = "render the bundle image into the catalog or remove the entry";

  static final String IMAGE_MISSING = "set image to the bundle's pull spec (rendering a bundle directory with an"
      + " image reference template sets it)";

  private final ValidationRun run;

  /** Per package: the first channel and entry that replace or skip each name (built once, not per bundle). */
  private final Map<String, Map<String, String[]>> referrers = new HashMap<>();

  /** Per package: the head of its default channel, as {@code ", replaces: <head>"} or {@code ""}. */
  private final Map<String, String> defaultHeads = new HashMap<>();

  ValidationHints(ValidationRun run) {
    this.run = run;
  }

  /** A valid package name close to {@code name}. */
  static String suggestLabel(String name) {
    String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "my-operator" : s.length() > 63 ? s.substring(0, 63) : s;
  }

  /** {@code " (hint)"}, or nothing for no hint. */
  static String inParentheses(String hint) {
    return hint.isEmpty() ? "" : " (" + hint + ")";
  }

  /** For a bundle in no channel: the channel that lost its entry, or an entry to add to the default channel. */
  String missingEntry(String pkg, String bundle) {
    Map<String, ChannelModel> cs = run.model.pkg(pkg).map(PackageModel::channels).orElse(Map.of());
    // a channel whose entries still replace or skip the bundle is where its entry went missing
    String[] ref = referrers.computeIfAbsent(pkg, k -> {
      Map<String, String[]> m = new HashMap<>();
      for (ChannelModel c : cs.values()) {
        for (ChannelEntry e : c.entries()) {
          m.putIfAbsent(e.replaces(), new String[] {c.name(), e.name()});
          for (String s : e.skips()) {
            m.putIfAbsent(s, new String[] {c.name(), e.name()});
          }
        }
      }
      return m;
    }).get(bundle);
    if (ref != null) {
      return "channel \"" + ref[0] + "\" still refers to it (\"" + ref[1] + "\" replaces or skips it):"
          + " add its entry back to that channel";
    }
    String declared = run.model.pkg(pkg).map(p -> p.blob().defaultChannel()).orElse("");
    String ch = declared.isEmpty() ? "<channel>" : declared;
    String head = defaultHeads.computeIfAbsent(pkg, k -> {
      ChannelModel c = cs.get(ch);
      return c == null ? "" : c.graph().head().map(h -> ", replaces: " + h).orElse("");
    });
    return "add an entry to a channel, e.g. to \"" + ch + "\": {name: " + bundle + head + "}, or delete the bundle";
  }

  /** For a channel where every entry is replaced or skipped: what points at the newest entry. */
  String noHead(UpgradeGraph g, String pkg) {
    String newest = newest(g, pkg);
    if (newest == null) {
      return "every entry is replaced or skipped by another entry";
    }
    return "every entry is replaced or skipped by another; the newest, \"" + newest + "\", is replaced or "
        + "skipped by " + SafeText.names(g.predecessorsOf(newest), ", ", "\"") + ": remove that edge";
  }

  private String newest(UpgradeGraph g, String pkg) {
    String best = null;
    Version bestV = null;
    for (String n : g.entries().keySet()) {
      Version v = run.version(pkg, n);
      if (v != null && (bestV == null || v.compareTo(bestV) > 0)) {
        best = n;
        bestV = v;
      }
    }
    return best;
  }

  /**
   * For a channel with several heads: an entry that refers to a bundle missing from the channel or to a
   * misspelt head, else a head with only a skipRange, else which head should replace which by version.
   */
  String multipleHeads(UpgradeGraph g, PackageModel p) {
    List<String> heads = new ArrayList<>(g.heads());
    StringBuilder sb = new StringBuilder("nothing replaces or skips ");
    sb.append(SafeText.names(heads, " or ", "\""));
    int searched = 0;
    for (Map.Entry<String, List<String>> d : g.danglingReferences().entrySet()) {
      if (++searched > MAX_HINT_SEARCH) {
        break; // a hint, not a verdict: the first references tell enough
      }
      for (String m : d.getValue()) {
        if (p.bundles().containsKey(m)) {
          return sb + "; entry \"" + d.getKey() + "\" refers to \"" + m + "\", a bundle with no entry in this "
              + "channel: add its entry back";
        }
        List<String> others = heads.stream().filter(h -> !h.equals(d.getKey())).toList();
        var close = run.similar.closest(m, others);
        if (close.isPresent()) {
          return sb + "; entry \"" + d.getKey() + "\" refers to \"" + m + "\", probably meant \"" + close.get()
              + "\"";
        }
      }
    }
    for (String h : heads) {
      ChannelEntry e = g.entries().get(h);
      if (!e.skipRange().isEmpty() && e.replaces().isEmpty() && e.skips().isEmpty()) {
        heads.remove(h);
        return sb + "; \"" + h + "\" has only a skipRange, which is no edge when finding the head: add "
            + "replaces: " + heads.get(heads.size() - 1) + " to it";
      }
    }
    String pkg = p.name();
    heads.sort(Comparator.comparing((String h) -> run.version(pkg, h),
        Comparator.nullsFirst(Comparator.naturalOrder())));
    String top = heads.get(heads.size() - 1);
    return sb + "; probably \"" + top + "\" should replace (or skip) \"" + heads.get(heads.size() - 2) + "\"";
  }

  /** For a cycle: the edge that closes it. */
  static String cycle(List<String> cycle) {
    return "\"" + cycle.get(cycle.size() - 2) + "\" replaces \"" + cycle.get(cycle.size() - 1)
        + "\", which leads back to it: point that replaces at an older bundle";
  }

  /** For stranded entries: they need an edge from the head's chain. */
  static String stranded(UpgradeGraph g) {
    return "no upgrade from the head \"" + g.heads().get(0) + "\" by replaces reaches them and nothing skips "
        + "them: add them to a replaces or skips, or remove them";
  }

  /** For references to entries not in the channel: the first that looks like a typo of an entry. */
  String danglingReference(UpgradeGraph g, List<String> missing) {
    for (String m : missing) {
      var close = run.similar.closest(m, g.entries().keySet());
      if (close.isPresent()) {
        return "\"" + m + "\" may be a typo of \"" + close.get() + "\"";
      }
    }
    return "fine if those bundles were removed on purpose (opm allows it)";
  }

  /** For a skipRange that does not parse: without its v prefixes when that is all that is wrong. */
  static String skipRange(String skipRange) {
    String fixed = skipRange.replaceAll("(^|[\\s<>=!|])[vV](?=\\d)", "$1");
    boolean vPrefix = !fixed.equals(skipRange) && isRange(fixed);
    return "opm v1.69 and later reject it; "
        + (vPrefix ? "drop the v: \"" + SafeText.value(fixed) + "\"" : "use a range like \">=1.0.0 <1.2.0\"");
  }

  private static boolean isRange(String s) {
    try {
      Range.parse(s);
      return true;
    } catch (Range.ParseException e) {
      return false;
    }
  }
}
