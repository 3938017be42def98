package dev.fbc.validate;

import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.text.Message;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The olm.channel blobs one by one (package, name, one blob per name, entries listed once), and their entries. */
final class ChannelChecks {
  private ChannelChecks() {}

  static void check(ValidationRun run) {
    for (ChannelBlob c : run.catalog.channels()) {
      String pkg = c.packageName();
      Optional<PackageModel> p = run.model.pkg(pkg);
      if (p.isEmpty()) {
        run.error("channel.package-unknown", c, pkg, c.name(), "",
            "unknown package \"" + pkg + "\" for channel \"" + c.name() + "\"",
            ValidationRun.join(run.similar.didYouMean(pkg, run.model.packages().keySet()),
                "a channel needs an olm.package blob named \"" + pkg + "\""));
        continue;
      }
      if (c.name().isEmpty()) {
        run.error("channel.name-missing", c, pkg, "", "", "package \"" + pkg + "\" contains channel with no name",
            "give the olm.channel blob a name");
        continue;
      }
      // the model links the first blob of each name: any other blob of that name is a second definition
      ChannelBlob first = p.get().channel(c.name()).map(ChannelModel::blob).orElseThrow();
      if (first != c) {
        run.error("channel.duplicate", c, pkg, c.name(), "",
            "package \"" + pkg + "\" has duplicate channel \"" + c.name() + "\"",
            "the channel is also defined at " + first.source() + "; merge their entries into one blob");
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (ChannelEntry e : c.entries()) {
        if (!seen.add(e.name())) {
          run.error("channel.entry-duplicate", c, pkg, c.name(), e.name(), "invalid package \"" + pkg
              + "\", channel \"" + c.name() + "\": duplicate entry \"" + e.name() + "\"",
              "list each bundle once per channel");
        }
      }
    }
  }

  /** Per package, the entries of its channels that no olm.bundle blob of the package defines, in one problem. */
  static void checkEntriesHaveBundles(ValidationRun run) {
    for (String pkg : hashOrder(run.model.packages().keySet())) {
      PackageModel p = run.model.packages().get(pkg);
      Map<String, BundleModel> pkgBundles = p.bundles();
      TreeMap<String, ChannelBlob> missing = new TreeMap<>();
      for (ChannelModel c : p.channels().values()) {
        for (ChannelEntry e : c.entries()) {
          if (!pkgBundles.containsKey(e.name())) {
            missing.putIfAbsent(e.name(), c.blob());
          }
        }
      }
      if (!missing.isEmpty()) {
        String first = missing.firstKey();
        run.error("channel.entry-without-bundle", missing.firstEntry().getValue(), pkg,
            missing.firstEntry().getValue().name(), first, new Message().text("no olm.bundle blobs found in "
                + "package \"").value(pkg).text("\" for olm.channel entries [").names(missing.keySet(), " ")
                .text("]"),
            ValidationRun.join(run.similar.didYouMean(first, pkgBundles.keySet()),
                ValidationHints.RENDER_MISSING_BUNDLE));
      }
    }
  }

  /**
   * The packages in the order a HashMap filled one by one in catalog order iterates them. These problems were
   * always reported in that order, which shows where problems share file and line (blobs built in memory have
   * none); changing it is a visible change of its own, not part of a refactoring.
   */
  private static Iterable<String> hashOrder(Iterable<String> names) {
    Map<String, Boolean> m = new HashMap<>();
    for (String n : names) {
      m.put(n, Boolean.TRUE);
    }
    return m.keySet();
  }
}
