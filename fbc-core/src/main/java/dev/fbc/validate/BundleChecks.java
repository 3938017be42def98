package dev.fbc.validate;

import dev.fbc.model.BundleBlob;
import dev.fbc.model.Property;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.semver.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The olm.bundle blobs one by one: package, one blob per name, properties (opm's parse errors, the one
 * {@code olm.package} property, its version), image references, and an entry in some channel.
 */
final class BundleChecks {
  private static final String IMAGE_HINT = "opm v1.64 and later reject this catalog; use a valid, lowercase image "
      + "reference";

  private BundleChecks() {}

  static void check(ValidationRun run) {
    for (BundleBlob b : run.catalog.bundles()) {
      String pkg = b.packageName();
      if (pkg.isEmpty()) {
        run.error("bundle.package-missing", b, "", "", b.name(), "package name must be set for bundle \""
            + b.name() + "\"", "add package: <name> to the olm.bundle blob");
        continue;
      }
      Optional<PackageModel> p = run.model.pkg(pkg);
      if (p.isEmpty()) {
        run.error("bundle.package-unknown", b, pkg, "", b.name(),
            "unknown package \"" + pkg + "\" for bundle \"" + b.name() + "\"",
            ValidationRun.join(run.similar.didYouMean(pkg, run.model.packages().keySet()),
                "a bundle needs an olm.package blob named \"" + pkg + "\""));
        continue;
      }
      // the model links the first blob of each name: any other blob of that name is a second definition
      BundleBlob first = p.get().bundle(b.name()).map(BundleModel::blob).orElseThrow();
      if (first != b) {
        run.error("bundle.duplicate", b, pkg, "", b.name(),
            "package \"" + pkg + "\" has duplicate bundle \"" + b.name() + "\"",
            "the bundle is also defined at " + first.source() + "; keep one olm.bundle blob");
        continue;
      }
      checkProperties(run, b, pkg);
      String err = Names.imageReferenceError(b.image());
      if (err != null) {
        run.warn("bundle.image-invalid", b, pkg, "", b.name(), "package \"" + pkg + "\" bundle \"" + b.name()
            + "\" image: invalid image pull spec \"" + b.image() + "\": " + err, IMAGE_HINT);
      }
      for (int i = 0; i < b.relatedImages().size(); i++) {
        String ri = b.relatedImages().get(i).image();
        String rerr = Names.imageReferenceError(ri);
        if (rerr != null) {
          run.warn("bundle.image-invalid", b, pkg, "", b.name(), "package \"" + pkg + "\" bundle \"" + b.name()
              + "\" relatedImages[" + i + "].image: invalid image pull spec \"" + ri + "\": " + rerr, IMAGE_HINT);
        }
      }
      if (!run.inSomeChannel(pkg, b.name())) {
        run.error("bundle.not-in-channel", b, pkg, "", b.name(), "package \"" + pkg + "\", bundle \"" + b.name()
            + "\" not found in any channel entries", run.hints.missingEntry(pkg, b.name()));
      }
    }
  }

  /**
   * opm's property checks, first failure only; registers the bundle's version when all pass. The version is the
   * one read here, not {@link BundleModel#version()}: with keys that differ only in case this reads the first
   * and the model (as Go) the last.
   */
  private static void checkProperties(ValidationRun run, BundleBlob b, String pkg) {
    List<Property> pkgProps = new ArrayList<>();
    for (int i = 0; i < b.properties().size(); i++) {
      Property p = b.properties().get(i);
      String err = PropertyChecks.parseError(p, i);
      if (err != null) {
        run.error("bundle.property-invalid", b, pkg, "", b.name(), "parse properties for bundle \"" + b.name()
            + "\": " + err, "fix the value of property " + i + " (" + p.type() + "); quote versions in YAML");
        return;
      }
      if (Property.PACKAGE.equals(p.type())) {
        pkgProps.add(p);
      }
    }
    if (pkgProps.size() != 1) {
      run.error("bundle.package-property", b, pkg, "", b.name(), "package \"" + pkg + "\" bundle \"" + b.name()
          + "\" must have exactly 1 \"olm.package\" property, found " + pkgProps.size(),
          pkgProps.isEmpty() ? "add {type: olm.package, value: {packageName: " + pkg + ", version: <semver>}}"
              : "keep one olm.package property");
      return;
    }
    Property pp = pkgProps.get(0);
    String propPkg = PropertyChecks.stringField(pp.value(), "packageName");
    if (!propPkg.equals(pkg)) {
      run.error("bundle.package-mismatch", b, pkg, "", b.name(), "package \"" + pkg + "\" does not match "
          + "\"olm.package\" property \"" + propPkg + "\"",
          "the bundle's package field and its olm.package packageName must be the same");
      return;
    }
    String version = PropertyChecks.stringField(pp.value(), "version");
    try {
      run.registerVersion(pkg, b.name(), Version.parse(version));
    } catch (Version.ParseException e) {
      run.error("bundle.version-invalid", b, pkg, "", b.name(), "error parsing bundle \"" + b.name()
          + "\" version \"" + version + "\": " + e.getMessage(),
          "versions are strict semver MAJOR.MINOR.PATCH, without a leading v (e.g. 1.2.0)");
      return;
    }
    String release = PropertyChecks.stringField(pp.value(), "release");
    if (!release.isEmpty()) {
      String normalized = pkg + "-v" + version + "-" + release;
      run.warn("bundle.release", b, pkg, "", b.name(), "bundle \"" + b.name() + "\" has release \"" + release
          + "\": opm before v1.62 ignores it" + (b.name().equals(normalized) ? ""
              : "; newer opm requires the name \"" + normalized + "\""),
          "releases need opm v1.62 or later on the cluster's catalog");
    }
  }
}
