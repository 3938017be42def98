package dev.fbc.validate;

import dev.fbc.model.Blob;
import dev.fbc.model.UnknownBlob;
import java.util.Set;

/** Blobs of other schemas: opm keeps them as opaque objects, but one under OLM's prefix is likely a typo. */
final class OtherBlobChecks {
  private static final Set<String> KNOWN_SCHEMAS = Set.of(Blob.SCHEMA_PACKAGE, Blob.SCHEMA_CHANNEL,
      Blob.SCHEMA_BUNDLE, Blob.SCHEMA_DEPRECATIONS);

  private OtherBlobChecks() {}

  static void check(ValidationRun run) {
    for (UnknownBlob u : run.catalog.others()) {
      if (u.schema().startsWith("olm.") && !KNOWN_SCHEMAS.contains(u.schema())) {
        run.warn("schema.unknown-olm", u, u.packageName(), "", "", "unknown schema \"" + u.schema()
            + "\": the olm. prefix is OLM's, and opm keeps this blob as an opaque custom object",
            ValidationRun.join(run.similar.didYouMean(u.schema(), KNOWN_SCHEMAS),
                "use your own prefix for custom schemas"));
      }
    }
  }
}
