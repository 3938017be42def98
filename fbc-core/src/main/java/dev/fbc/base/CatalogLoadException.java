package dev.fbc.base;

import java.util.List;
import java.util.stream.Collectors;

/** A catalog could not be loaded; {@link #problems()} lists every file that failed, each with its line. */
public class CatalogLoadException extends FbcException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public CatalogLoadException(List<Problem> problems) {
    super(problems.stream().map(Problem::toLine).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
