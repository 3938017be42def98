package dev.fbc.validate;

import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.semver.Range;
import dev.fbc.semver.Version;
import dev.fbc.text.Message;
import dev.fbc.text.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * opm's model checks, package by package: the default channel, each channel's upgrade graph (one head, no cycle,
 * nothing stranded), its entries (skips, skipRange, bundle image), unique versions and deprecation messages.
 */
final class ModelChecks {
  private ModelChecks() {}

  static void check(ValidationRun run) {
    List<PackageModel> all = List.copyOf(run.model.packages().values());
    if (run.parallelism == 1) {
      for (PackageModel p : all) {
        checkPackage(run, p);
      }
      return;
    }
    List<ValidationRun> checked = run.inParallel(all.size(), i -> {
      ValidationRun fork = run.fork();
      checkPackage(fork, all.get(i));
      return fork;
    });
    for (int i = 0; i < all.size(); i++) {
      if (!run.merge(checked.get(i))) {
        // its hints would have run out of budget part way: check it again, in order, with the budget left
        checkPackage(run, all.get(i));
      }
    }
  }

  private static void checkPackage(ValidationRun run, PackageModel pm) {
    PackageBlob p = pm.blob();
    String pkg = p.name();
    Map<String, ChannelModel> pkgChannels = pm.channels();
    if (p.defaultChannel().isEmpty()) {
      run.error("package.default-channel-missing", p, pkg, "", "", "default channel must be set",
          pkgChannels.isEmpty() ? "add channels and set defaultChannel"
              : "set defaultChannel to one of [" + SafeText.names(new TreeSet<>(pkgChannels.keySet()), ", ") + "]");
    }
    if (pkgChannels.isEmpty() && p.defaultChannel().isEmpty()) {
      run.error("package.no-channels", p, pkg, "", "", "package must contain at least one channel",
          "add an olm.channel blob with package: " + pkg);
    }
    if (!p.defaultChannel().isEmpty() && !pkgChannels.containsKey(p.defaultChannel())) {
      run.error("package.default-channel-unknown", p, pkg, p.defaultChannel(), "",
          "invalid channel \"" + p.defaultChannel() + "\": channel must contain at least one bundle",
          "defaultChannel names a channel no olm.channel blob declares"
              + ValidationHints.inParentheses(run.similar.didYouMean(p.defaultChannel(), pkgChannels.keySet())));
    }
    for (ChannelModel c : pkgChannels.values()) {
      checkChannel(run, pm, c);
    }
    checkDuplicateVersions(run, pm);
    DeprecationChecks.checkMessages(run, pm);
  }

  private static void checkChannel(ValidationRun run, PackageModel p, ChannelModel c) {
    String pkg = p.name();
    String ch = c.name();
    if (c.entries().isEmpty()) {
      run.error("channel.empty", c.blob(), pkg, ch, "", "channel must contain at least one bundle",
          "add entries or delete the channel");
      return;
    }
    UpgradeGraph g = c.graph();
    if (g.heads().isEmpty()) {
      run.error("channel.no-head", c.blob(), pkg, ch, "", "no channel head found in graph",
          run.hints.noHead(g, pkg));
    } else if (g.heads().size() > 1) {
      run.error("channel.multiple-heads", c.blob(), pkg, ch, "", new Message()
          .text("multiple channel heads found in graph: ").names(g.heads(), ", "), run.hints.multipleHeads(g, p));
    } else if (!g.cycle().isEmpty()) {
      List<String> cycle = g.cycle();
      run.error("channel.cycle", c.blob(), pkg, ch, cycle.get(0), new Message()
          .text("detected cycle in replaces chain of upgrade graph: ").names(cycle, " -> "),
          ValidationHints.cycle(cycle));
    } else if (!g.stranded().isEmpty()) {
      run.error("channel.stranded", c.blob(), pkg, ch, g.stranded().get(0), new Message().text("channel contains "
          + "one or more stranded bundles: ").names(g.stranded(), ", "), ValidationHints.stranded(g));
    }
    for (Map.Entry<String, List<String>> d : g.danglingReferences().entrySet()) {
      run.warn("channel.dangling-reference", c.blob(), pkg, ch, d.getKey(), new Message().text("entry \"")
          .value(d.getKey()).text("\" replaces or skips ").names(d.getValue(), ", ", "\"")
          .text(", not in channel \"").value(ch).text("\""), run.hints.danglingReference(g, d.getValue()));
    }
    for (ChannelEntry e : c.entries()) {
      for (int i = 0; i < e.skips().size(); i++) {
        if (e.skips().get(i).isEmpty()) {
          run.error("bundle.skip-empty", c.blob(), pkg, ch, e.name(), ValidationRun.invalidBundle(e.name())
              + "skip[" + i + "] is empty", "remove the empty item from the skips of \"" + e.name() + "\"");
        }
      }
      // the graph parsed the first entry of each name already: only a range it could not parse is parsed again,
      // for the message
      if (!e.skipRange().isEmpty() && (g.entries().get(e.name()) != e || g.skipRange(e.name()).isEmpty())) {
        try {
          Range.parse(e.skipRange());
        } catch (Range.ParseException ex) {
          run.warn("bundle.skiprange-invalid", c.blob(), pkg, ch, e.name(), new Message()
              .text("invalid skipRange \"").value(e.skipRange()).text("\": ").value(ex.getMessage()),
              ValidationHints.skipRange(e.skipRange()));
        }
      }
      BundleBlob b = p.bundle(e.name()).map(BundleModel::blob).orElse(null);
      if (b != null && b.image().isEmpty() && b.properties().stream()
          .noneMatch(prop -> Property.BUNDLE_OBJECT.equals(prop.type()))) {
        run.error("bundle.image-missing", b, pkg, ch, b.name(), ValidationRun.invalidBundle(b.name())
            + "bundle image must be set", ValidationHints.IMAGE_MISSING);
      }
    }
  }

  private static void checkDuplicateVersions(ValidationRun run, PackageModel pm) {
    String pkg = pm.name();
    TreeMap<String, List<String>> byVersion = new TreeMap<>();
    for (BundleModel b : pm.bundles().values()) {
      Version v = run.version(pkg, b.name());
      if (v != null && run.inSomeChannel(pkg, b.name())) {
        byVersion.computeIfAbsent(v.toString(), k -> new ArrayList<>()).add(b.name());
      }
    }
    List<String> dups = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byVersion.entrySet()) {
      if (e.getValue().size() > 1) {
        List<String> names = new ArrayList<>(e.getValue());
        names.sort(null);
        dups.add("{" + e.getKey() + ": [" + String.join(", ", names) + "]}");
      }
    }
    if (!dups.isEmpty()) {
      run.error("package.duplicate-versions", pm.blob(), pkg, "", "", new Message()
          .text("duplicate versions found in bundles: [").names(dups, " ").text("]"),
          "each bundle of a package needs its own version");
    }
  }
}
