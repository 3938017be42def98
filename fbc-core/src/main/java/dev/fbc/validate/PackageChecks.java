package dev.fbc.validate;

import dev.fbc.model.PackageBlob;
import dev.fbc.semantic.PackageModel;
import java.util.List;

/** The olm.package blobs one by one: a name, a valid one, and only one blob per name. */
final class PackageChecks {
  private PackageChecks() {}

  static void check(ValidationRun run) {
    for (PackageBlob p : run.catalog.packages()) {
      if (p.name().isEmpty()) {
        run.error("package.name-missing", p, "", "", "", "config contains package with no name",
            "give the olm.package blob a name");
        continue;
      }
      // the model links the first blob of each name: any other blob of that name is a second definition
      PackageBlob first = run.model.pkg(p.name()).map(PackageModel::blob).orElseThrow();
      if (first != p) {
        run.error("package.duplicate", p, p.name(), "", "", "duplicate package \"" + p.name() + "\"",
            "the package is also defined at " + first.source() + "; keep one olm.package blob");
        continue;
      }
      List<String> errs = Names.dns1123LabelErrors(p.name());
      if (!errs.isEmpty()) {
        run.error("package.name-invalid", p, p.name(), "", "",
            "invalid package name \"" + p.name() + "\": [" + String.join(" ", errs) + "]",
            "use lowercase letters, digits and '-' (e.g. " + ValidationHints.suggestLabel(p.name()) + ")");
      }
    }
  }
}
