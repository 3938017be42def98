package dev.fbc.validate;

import dev.fbc.internal.json.JsonValue;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Property;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.semver.Version;
import java.util.List;
import java.util.Optional;

/**
 * The olm.bundle blobs one by one: package, one blob per name, properties (opm's parse errors, the one
 * {@code olm.package} property, its version), image references, and an entry in some channel.
 */
final class BundleChecks {
  private static final String IMAGE_HINT = "opm v1.64 and later reject this catalog; use a valid, lowercase image "
      + "reference";

  /** Bundles per task of the parallel part: one fork each, not one per bundle. */
  private static final int CHUNK = 64;

  private BundleChecks() {}

  /** The own-data checks of bundles {@code CHUNK * k} onwards: their run, and where each bundle's problems end. */
  private record OwnChecks(ValidationRun run, int[] ends) {}

  static void check(ValidationRun run) {
    List<BundleBlob> all = run.catalog.bundles();
    // a bundle's own data (properties, images) is checked apart, in parallel: it reads nothing another writes
    int chunks = run.parallelism == 1 ? 0 : (all.size() + CHUNK - 1) / CHUNK;
    List<OwnChecks> own = run.inParallel(chunks, k -> {
      ValidationRun fork = run.fork();
      int[] ends = new int[Math.min(CHUNK, all.size() - k * CHUNK)];
      for (int j = 0; j < ends.length; j++) {
        BundleBlob b = all.get(k * CHUNK + j);
        if (isLinked(run, b)) {
          checkOwnData(fork, b);
        }
        ends[j] = fork.problems().size();
      }
      return new OwnChecks(fork, ends);
    });
    // versions are read only by the model checks, after this loop
    own.forEach(o -> run.mergeVersions(o.run()));
    for (int i = 0; i < all.size(); i++) {
      BundleBlob b = all.get(i);
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
      if (run.parallelism == 1) {
        checkOwnData(run, b);
      } else {
        OwnChecks o = own.get(i / CHUNK);
        int j = i % CHUNK;
        run.addAll(o.run().problems().subList(j == 0 ? 0 : o.ends()[j - 1], o.ends()[j]));
      }
      if (!run.inSomeChannel(pkg, b.name())) {
        run.error("bundle.not-in-channel", b, pkg, "", b.name(), "package \"" + pkg + "\", bundle \"" + b.name()
            + "\" not found in any channel entries", run.hints.missingEntry(pkg, b.name()));
      }
    }
  }

  /** Whether the blob is the one its package links under its name (the loop above checks only those further). */
  private static boolean isLinked(ValidationRun run, BundleBlob b) {
    return run.model.pkg(b.packageName()).flatMap(p -> p.bundle(b.name())).map(m -> m.blob() == b).orElse(false);
  }

  /** The checks of the bundle's own data: its properties, then its image references. */
  private static void checkOwnData(ValidationRun run, BundleBlob b) {
    String pkg = b.packageName();
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
  }

  /**
   * opm's property checks, first failure only; registers the bundle's version when all pass. The version is the
   * one read here, not {@link BundleModel#version()}: with keys that differ only in case this reads the first
   * and the model (as Go) the last.
   */
  private static void checkProperties(ValidationRun run, BundleBlob b, String pkg) {
    int found = 0;
    Optional<JsonValue.Obj> pkgProp = Optional.empty();
    for (int i = 0; i < b.properties().size(); i++) {
      Property p = b.properties().get(i);
      PropertyChecks.Verdict v = PropertyChecks.check(p, i);
      if (v.failed()) {
        run.error("bundle.property-invalid", b, pkg, "", b.name(), "parse properties for bundle \"" + b.name()
            + "\": " + v.error(), "fix the value of property " + i + " (" + p.type() + "); quote versions in YAML");
        return;
      }
      if (Property.PACKAGE.equals(p.type())) {
        found++;
        pkgProp = v.object();
      }
    }
    if (found != 1) {
      run.error("bundle.package-property", b, pkg, "", b.name(), "package \"" + pkg + "\" bundle \"" + b.name()
          + "\" must have exactly 1 \"olm.package\" property, found " + found,
          found == 0 ? "add {type: olm.package, value: {packageName: " + pkg + ", version: <semver>}}"
              : "keep one olm.package property");
      return;
    }
    String propPkg = PropertyChecks.stringField(pkgProp, "packageName");
    if (!propPkg.equals(pkg)) {
      run.error("bundle.package-mismatch", b, pkg, "", b.name(), "package \"" + pkg + "\" does not match "
          + "\"olm.package\" property \"" + propPkg + "\"",
          "the bundle's package field and its olm.package packageName must be the same");
      return;
    }
    String version = PropertyChecks.stringField(pkgProp, "version");
    try {
      run.registerVersion(pkg, b.name(), Version.parse(version));
    } catch (Version.ParseException e) {
      run.error("bundle.version-invalid", b, pkg, "", b.name(), "error parsing bundle \"" + b.name()
          + "\" version \"" + version + "\": " + e.getMessage(),
          "versions are strict semver MAJOR.MINOR.PATCH, without a leading v (e.g. 1.2.0)");
      return;
    }
    String release = PropertyChecks.stringField(pkgProp, "release");
    if (!release.isEmpty()) {
      String normalized = pkg + "-v" + version + "-" + release;
      run.warn("bundle.release", b, pkg, "", b.name(), "bundle \"" + b.name() + "\" has release \"" + release
          + "\": opm before v1.62 ignores it" + (b.name().equals(normalized) ? ""
              : "; newer opm requires the name \"" + normalized + "\""),
          "releases need opm v1.62 or later on the cluster's catalog");
    }
  }
}
