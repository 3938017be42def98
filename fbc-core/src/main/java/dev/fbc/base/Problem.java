package dev.fbc.base;


/**
 * One thing wrong with a catalog: where, what, and how to fix it.
 *
 * @param rule a stable identifier of the check, e.g. {@code load.syntax} or {@code channel.multiple-heads}
 * @param source the file and line; {@link Source#NONE} when unknown
 * @param packageName the package concerned, or {@code ""}
 * @param channel the channel concerned, or {@code ""}
 * @param bundle the bundle concerned, or {@code ""}
 * @param message what is wrong; where opm reports the same problem, its text is included verbatim
 * @param hint how to fix it, or {@code ""}
 */
public record Problem(String rule, Severity severity, Source source, String packageName, String channel,
    String bundle, String message, String hint) {
  public enum Severity {
    ERROR,
    WARNING
  }

  public Problem {
    hint = hint == null ? "" : hint;
    source = source == null ? Source.NONE : source;
    packageName = packageName == null ? "" : packageName;
    channel = channel == null ? "" : channel;
    bundle = bundle == null ? "" : bundle;
  }

  /** A problem of a file rather than of a package, channel or bundle. */
  public Problem(String rule, Severity severity, Source source, String message, String hint) {
    this(rule, severity, source, "", "", "", message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
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
      sb.append(" (hint: ").append(hint.replace("\n", "\\n")).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toLine();
  }
}
