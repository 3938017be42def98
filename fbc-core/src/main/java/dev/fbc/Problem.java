package dev.fbc;

import dev.fbc.model.Source;

/**
 * One thing wrong with a catalog: where, what, and how to fix it.
 *
 * @param rule a stable identifier of the check, e.g. {@code load.syntax}
 * @param source the file and line; {@link Source#NONE} when unknown
 * @param message what is wrong; where opm reports the same problem, its text is included verbatim
 * @param hint how to fix it, or {@code ""}
 */
public record Problem(String rule, Severity severity, Source source, String message, String hint) {
  public enum Severity {
    ERROR,
    WARNING
  }

  public Problem {
    hint = hint == null ? "" : hint;
    source = source == null ? Source.NONE : source;
  }

  /** {@code file:line: message (hint: ...)} on one line. */
  public String toLine() {
    StringBuilder sb = new StringBuilder();
    if (source.isKnown()) {
      sb.append(source).append(": ");
    }
    if (severity == Severity.WARNING) {
      sb.append("warning: ");
    }
    sb.append(message.replace("\n", "\\n"));
    if (!hint.isEmpty()) {
      sb.append(" (hint: ").append(hint).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toLine();
  }
}
