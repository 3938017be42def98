package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.graph.ChainRule;
import dev.fbc.graph.RangeCut;
import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.ops.CatalogFilter.ChannelReport;
import dev.fbc.ops.CatalogFilter.ChannelReport.Kind;
import dev.fbc.semver.Constraint;
import dev.fbc.semver.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Cuts one channel as its {@link PrunePlan.ChannelPlan} says, by oc-mirror v2's rules ({@link ChainRule#OC_MIRROR}):
 * its head, all of it, or the {@link RangeCut} of a version range.
 *
 * <pre>{@code
 * ChannelPruner.Cut cut = ChannelPruner.prune(plan.channels().get(0), versions::get);
 * cut.channel().ifPresent(out::add);
 * }</pre>
 *
 * <p>Stateless and thread-safe; the results are immutable.
 */
public final class ChannelPruner {
  private ChannelPruner() {}

  /**
   * One cut channel.
   *
   * @param channel the channel with the kept entries; empty when a range keeps none of them
   * @param keptBundles the bundle names kept (a range also keeps in-range bundles a kept entry skips, entries here
   *     or not)
   * @param keptOutsideRange the bundles kept only to keep the range connected, in chain order
   * @param range the parsed range, empty unless the plan's kind is {@link Kind#RANGE}
   */
  public record Cut(Optional<ChannelBlob> channel, List<String> keptBundles, List<RangeCut.Outside> keptOutsideRange,
      Optional<Constraint> range, ChannelReport report) {
    public Cut {
      keptBundles = List.copyOf(keptBundles);
      keptOutsideRange = List.copyOf(keptOutsideRange);
    }

    /** oc-mirror's warning for each bundle kept outside the range, in chain order. */
    public List<String> warnings() {
      List<String> out = new ArrayList<>();
      for (RangeCut.Outside o : keptOutsideRange) {
        out.add(o.version()
            .map(v -> "including bundle \"" + o.name() + "\" with version \"" + v + "\": it falls outside the "
                + "specified range of \"" + range.map(String::valueOf).orElse("") + "\" but is required to ensure "
                + "inclusion of all bundles in the range")
            .orElse("including bundle \"" + o.name() + "\": it is unversioned but is required to ensure inclusion "
                + "of all bundles in the range"));
      }
      return out;
    }
  }

  /**
   * Cuts {@code plan.channel()}.
   *
   * @param versionOf the version of a bundle of the channel's package, or null when it has none
   * @throws FbcException in oc-mirror's words for a bad range, a channel whose head cannot be found (see
   *     {@link ChainRule#OC_MIRROR}), or a range that empties the package's default channel
   */
  public static Cut prune(PrunePlan.ChannelPlan plan, Function<String, Version> versionOf) {
    ChannelBlob ch = plan.channel();
    String pkg = ch.packageName();
    int before = ch.entries().size();
    return switch (plan.kind()) {
      case FULL -> {
        String h = headOrEmpty(ch);
        yield new Cut(Optional.of(ch), ch.entries().stream().map(ChannelEntry::name).toList(), List.of(),
            Optional.empty(), new ChannelReport(pkg, ch.name(), Kind.FULL, "", h, h, before, before, List.of()));
      }
      case HEAD -> {
        UpgradeGraph g;
        try {
          g = ChainRule.OC_MIRROR.graph(ch);
        } catch (FbcException e) {
          throw new FbcException("package \"" + pkg + "\" channel \"" + ch.name()
              + "\" unable to filter head of channel: " + e.getMessage());
        }
        // the rule guarantees exactly one head
        String head = g.heads().get(0);
        yield new Cut(Optional.of(ch.withEntries(List.of(g.entries().get(head)))), List.of(head), List.of(),
            Optional.empty(), new ChannelReport(pkg, ch.name(), Kind.HEAD, "", head, head, before, 1, List.of()));
      }
      case RANGE -> range(plan, versionOf);
    };
  }

  private static Cut range(PrunePlan.ChannelPlan plan, Function<String, Version> versionOf) {
    ChannelBlob ch = plan.channel();
    String pkg = ch.packageName();
    Constraint constraint;
    try {
      constraint = Constraint.parse(plan.range());
    } catch (Constraint.ParseException e) {
      throw new FbcException("error parsing version range: " + e.getMessage());
    }
    UpgradeGraph g = ChainRule.OC_MIRROR.graph(ch);
    RangeCut cut = RangeCut.of(g, ChainRule.OC_MIRROR, constraint, versionOf);
    Set<String> kept = new HashSet<>(cut.kept());
    List<ChannelEntry> entries = ch.entries().stream().filter(e -> kept.contains(e.name())).toList();
    ChannelReport report = new ChannelReport(pkg, ch.name(), Kind.RANGE, plan.range(), g.heads().get(0),
        cut.newHead(), ch.entries().size(), entries.size(),
        cut.keptOutsideRange().stream().map(RangeCut.Outside::name).toList());
    if (cut.kept().isEmpty() && plan.wasDefault()) {
      throw new FbcException("package \"" + pkg + "\" channel \"" + ch.name() + "\" has version range \""
          + plan.range() + "\" that results in an empty channel");
    }
    Optional<ChannelBlob> out = cut.kept().isEmpty() ? Optional.empty() : Optional.of(ch.withEntries(entries));
    return new Cut(out, cut.kept(), cut.keptOutsideRange(), Optional.of(constraint), report);
  }

  /** The head oc-mirror would find, for the report of a channel kept whole; {@code ""} when it finds none. */
  private static String headOrEmpty(ChannelBlob ch) {
    try {
      return ChainRule.OC_MIRROR.graph(ch).heads().get(0);
    } catch (FbcException e) {
      return "";
    }
  }
}
