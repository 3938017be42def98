package dev.fbc.cli;

import dev.fbc.model.Catalog;
import dev.fbc.testkit.CatalogBuilder;
import java.util.Random;

/** Random but valid catalogs for property tests: chains with skips, a second channel over the newest bundles. */
final class Generated {
  private Generated() {}

  static Catalog catalog(long seed, String pkg) {
    Random r = new Random(seed);
    int n = 3 + r.nextInt(8);
    CatalogBuilder.PackageBuilder p = CatalogBuilder.create().pkg(pkg).defaultChannel("stable");
    for (int i = 0; i < n; i++) {
      p.bundle("1." + i + ".0");
    }
    CatalogBuilder.ChannelBuilder stable = p.channel("stable");
    for (int i = 0; i < n; i++) {
      stable.entry("1." + i + ".0");
      if (i > 0) {
        // replace an earlier entry, skipping the ones in between (a valid graph: all skipped or on the chain)
        int replaced = i - 1 - (i >= 2 && r.nextBoolean() ? 1 : 0);
        stable.replaces("1." + replaced + ".0");
        for (int s = replaced + 1; s < i; s++) {
          stable.skips("1." + s + ".0");
        }
      }
    }
    int start = r.nextInt(n);
    CatalogBuilder.ChannelBuilder fast = p.channel("fast");
    for (int i = start; i < n; i++) {
      fast.entry("1." + i + ".0");
      if (i > start) {
        fast.replaces("1." + (i - 1) + ".0");
      }
    }
    return p.build();
  }

  /** A version of the package, to use as a range bound. */
  static String someVersion(long seed, Catalog c) {
    Random r = new Random(seed * 31 + 7);
    int n = c.bundles().size();
    return "1." + r.nextInt(n) + ".0";
  }
}
