package dev.fbc.validate;

import dev.fbc.model.Blob;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.semantic.PackageModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The olm.deprecations blobs one by one (package, one blob per package, each entry's reference), and, with the
 * model, that every entry of a package's deprecations has a message.
 */
final class DeprecationChecks {
  private DeprecationChecks() {}

  static void check(ValidationRun run) {
    List<DeprecationsBlob> all = run.catalog.deprecations();
    for (int i = 0; i < all.size(); i++) {
      DeprecationsBlob d = all.get(i);
      String pkg = d.packageName();
      if (pkg.isEmpty()) {
        run.error("deprecation.package-missing", d, "", "", "", "package name must be set for deprecation item "
            + i, "add package: <name> to the olm.deprecations blob");
        continue;
      }
      PackageModel p = run.model.packages().get(pkg);
      if (p == null) {
        run.error("deprecation.package-unknown", d, pkg, "", "", "cannot apply deprecations to an unknown "
            + "package \"" + pkg + "\"", run.similar.didYouMean(pkg, run.model.packages().keySet()));
        continue;
      }
      // the model links the first blob of each package: any other is a second one
      DeprecationsBlob first = p.deprecations().orElseThrow();
      if (first != d) {
        run.error("deprecation.duplicate", d, pkg, "", "", "expected a maximum of one deprecation per package: \""
            + pkg + "\"", "merge the entries into the olm.deprecations blob at " + first.source());
        continue;
      }
      checkEntries(run, d, p);
    }
  }

  private static void checkEntries(ValidationRun run, DeprecationsBlob d, PackageModel p) {
    String pkg = p.name();
    Set<String> seen = new HashSet<>();
    List<DeprecationEntry> entries = d.entries();
    for (int k = 0; k < entries.size(); k++) {
      DeprecationEntry e = entries.get(k);
      String schema = e.reference().schema();
      String name = e.reference().name();
      String ref = "declcfg.PackageScopedReference{Schema:" + ValidationRun.goQuote(schema) + ", Name:"
          + ValidationRun.goQuote(name) + "}";
      if (schema.isEmpty()) {
        // opm prints its arguments swapped here: the package where the index belongs, and the index as a rune
        run.error("deprecation.schema-missing", d, pkg, "", "", "schema must be set for deprecation entry [" + pkg
            + "] for package " + goRune(k), "entry " + k + " needs reference.schema (olm.package, olm.channel"
            + " or olm.bundle)");
        continue;
      }
      if (!seen.add(schema + "\u0000" + name)) {
        run.error("deprecation.entry-duplicate", d, pkg, "", name, "duplicate deprecation entry " + ref
            + " for package \"" + pkg + "\"", "remove the repeated entry " + k);
        continue;
      }
      switch (schema) {
        case Blob.SCHEMA_BUNDLE -> {
          if (!p.bundles().containsKey(name)) {
            run.error("deprecation.bundle-unknown", d, pkg, "", name, "cannot deprecate bundle \"" + name
                + "\" for package \"" + pkg + "\": bundle not found",
                run.similar.didYouMean(name, p.bundles().keySet()));
          }
        }
        case Blob.SCHEMA_CHANNEL -> {
          if (!p.channels().containsKey(name)) {
            run.error("deprecation.channel-unknown", d, pkg, name, "", "cannot deprecate channel \"" + name
                + "\" for package \"" + pkg + "\": channel not found",
                run.similar.didYouMean(name, p.channels().keySet()));
          }
        }
        case Blob.SCHEMA_PACKAGE -> {
          if (!name.isEmpty()) {
            run.error("deprecation.package-named", d, pkg, "", "", "package name must be empty for deprecated "
                + "package \"" + pkg + "\" (specified \"" + name + "\")",
                "an olm.package reference deprecates the blob's own package: drop its name");
          }
        }
        default -> run.error("deprecation.schema-unknown", d, pkg, "", "", "cannot deprecate object " + ref
            + " referenced by entry " + k + " for package \"" + pkg + "\": object schema unknown",
            "reference.schema must be olm.package, olm.channel or olm.bundle");
      }
    }
  }

  /** opm's model check: every deprecation entry of the package says why. */
  static void checkMessages(ValidationRun run, PackageModel p) {
    String pkg = p.name();
    p.deprecations().ifPresent(d -> {
      for (DeprecationEntry e : d.entries()) {
        if (e.message().isEmpty()) {
          run.error("deprecation.message-missing", d, pkg,
              e.reference().schema().equals(Blob.SCHEMA_CHANNEL) ? e.reference().name() : "",
              e.reference().schema().equals(Blob.SCHEMA_BUNDLE) ? e.reference().name() : "",
              "invalid deprecation: message must be set", "tell users what to do instead");
        }
      }
    });
  }

  /** Go's %q of an integer: a quoted rune ('\x00' for 0). */
  private static String goRune(int i) {
    if (i >= 0x20 && i < 0x7F && i != '\'' && i != '\\') {
      return "'" + (char) i + "'";
    }
    if (i < 0x100) {
      return String.format("'\\x%02x'", i);
    }
    return String.format("'\\u%04x'", i);
  }
}
