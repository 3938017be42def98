package dev.fbc.validate;

import dev.fbc.base.Problem;
import java.util.List;

/**
 * What validation found: every problem, errors and warnings, in a stable order (by file and line). The catalog
 * passes when there is no error; warnings never fail it.
 */
public record ValidationResult(List<Problem> problems) {
  public ValidationResult {
    problems = List.copyOf(problems);
  }

  public boolean passed() {
    return errors().isEmpty();
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }
}
