package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.base.Problem;
import dev.fbc.model.Catalog;
import dev.fbc.validate.SchemaValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The JSON Schemas accept every catalog opm accepts and catch wrongly shaped property values. */
class SchemaConformanceTest {

  @TestFactory
  Stream<DynamicTest> schemasAcceptEveryValidCatalog() throws Exception {
    // every catalog opm validate accepts (render inputs may hold blobs validate rejects, e.g. package "")
    Stream<Path> valid = Corpus.cases("validate").stream().filter(c -> Corpus.expectedRc(c) == 0);
    return valid.map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      Catalog catalog = Fbc.load(c.resolve("input"));
      assertThat(SchemaValidator.get().validate(catalog)).isEmpty();
    }));
  }

  @Test
  void wronglyShapedPropertyValuesAreSchemaErrorsWithFileAndLine() {
    for (String name : List.of("kube-green-version-yaml-number", "bundle-gvk-property-wrong-shape")) {
      Path input = Corpus.conformance("validate").resolve(name).resolve("input");
      List<Problem> problems = SchemaValidator.get().validate(Fbc.load(input));
      assertThat(problems).as(name).isNotEmpty().allSatisfy(p -> {
        assertThat(p.source().file()).startsWith(input.toString());
        assertThat(p.source().line()).isPositive();
        assertThat(p.message()).contains("/properties/");
      });
    }
  }

  @Test
  void theCliReportsSchemaErrorsOnRequest() {
    Path input = Corpus.conformance("validate").resolve("kube-green-version-yaml-number").resolve("input");
    Run r = Run.inProcess("validate", "--schemas", input.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("[schema.type]").contains("olm.bundle does not match its JSON Schema");
  }
}
