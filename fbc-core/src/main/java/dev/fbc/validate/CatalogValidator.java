package dev.fbc.validate;

import dev.fbc.base.Problem;
import dev.fbc.model.Catalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks a catalog with every rule of {@code opm validate} (v1.54) and reports all problems at once, each with
 * file and line, a rule id, opm's message text and a hint. Rules newer opm releases added (skipRange syntax,
 * image pull specs, releases) are warnings, so a catalog that passes without warnings passes both.
 *
 * <pre>{@code
 * ValidationResult r = new CatalogValidator().validate(Fbc.load(Path.of("catalog")));
 * r.passed();
 * r.problems().forEach(p -> System.err.println(p.toLine()));
 * }</pre>
 */
public final class CatalogValidator {
  private final boolean schemas;
  private final int parallelism;

  public CatalogValidator() {
    this(false, 1);
  }

  private CatalogValidator(boolean schemas, int parallelism) {
    this.schemas = schemas;
    this.parallelism = parallelism;
  }

  /** Also checks every blob against the JSON Schemas ({@link SchemaValidator}). */
  public CatalogValidator withSchemas(boolean on) {
    return new CatalogValidator(on, parallelism);
  }

  /** Whether blobs are also checked against the JSON Schemas ({@link #withSchemas}). */
  public boolean checksSchemas() {
    return schemas;
  }

  /**
   * Checks bundles and packages on up to {@code n} threads (default 1: all on the calling thread). The result is
   * the same whatever {@code n}: same problems in the same order, same hints.
   *
   * @throws IllegalArgumentException for n &lt; 1
   */
  public CatalogValidator withParallelism(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    return new CatalogValidator(schemas, n);
  }

  public ValidationResult validate(Catalog catalog) {
    ValidationRun run = new ValidationRun(catalog, parallelism);
    if (schemas) {
      run.addAll(SchemaValidator.get().validate(catalog));
    }
    // phase A, structure, blob by blob (opm stops at the first of these; fbc reports them all); the order of the
    // checks is the order of problems that share a place, and the order did-you-mean hints spend their budget
    PackageChecks.check(run);
    ChannelChecks.check(run);
    BundleChecks.check(run);
    ChannelChecks.checkEntriesHaveBundles(run);
    DeprecationChecks.check(run);
    OtherBlobChecks.check(run);
    // phase B: the model, package by package (opm's error tree)
    ModelChecks.check(run);
    List<Problem> sorted = new ArrayList<>(run.problems());
    sorted.sort(Comparator.comparing((Problem p) -> p.source().file()).thenComparingInt(p -> p.source().line()));
    return new ValidationResult(sorted);
  }
}
