package dev.fbc.base;

import dev.fbc.text.SafeText;

/**
 * One thing wrong with a catalog: where, what, and how to fix it.
 *
 * @param rule a stable identifier of the check, e.g. {@code load.syntax} or {@code channel.multiple-heads}
 * @param source the file and line; {@link Source#NONE} when unknown
 * @param packageName the package concerned, or {@code ""}
 * @param channel the channel concerned, or {@code ""}
 * @param bundle the bundle concerned, or {@code ""}
 * @param message what is wrong, in full (machine output shows it as is); where opm reports the same problem, its
 *     text is included verbatim
 * @param hint how to fix it, or {@code ""}
 * @param shortMessage the message as a human line shows it: the same, except that long lists of names and huge
 *     values are shortened ({@link SafeText#names}, {@link SafeText#value}); {@code ""} means the message itself
 */
public record Problem(String rule, Severity severity, Source source, String packageName, String channel,
    String bundle, String message, String hint, String shortMessage) {
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
    shortMessage = shortMessage == null || shortMessage.isEmpty() ? message : shortMessage;
  }

  /** A problem whose message is short enough to show as it is. */
  public Problem(String rule, Severity severity, Source source, String packageName, String channel,
      String bundle, String message, String hint) {
    this(rule, severity, source, packageName, channel, bundle, message, hint, "");
  }

  /** A problem of a file rather than of a package, channel or bundle. */
  public Problem(String rule, Severity severity, Source source, String message, String hint) {
    this(rule, severity, source, "", "", "", message, hint, "");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The same problem with other message texts (full and short), e.g. prefixed. */
  public Problem withMessage(String full, String shortened) {
    return new Problem(rule, severity, source, packageName, channel, bundle, full, hint, shortened);
  }

  /** The same problem with another hint. */
  public Problem withHint(String h) {
    return new Problem(rule, severity, source, packageName, channel, bundle, message, h, shortMessage);
  }

  /**
   * {@code file:line: message (hint: ...)} on one terminal line: control characters escaped, long text cut
   * ({@link SafeText}).
   */
  public String toLine() {
    StringBuilder sb = new StringBuilder();
    if (source.isKnown()) {
      sb.append(SafeText.escape(source.toString())).append(": ");
    }
    if (severity == Severity.WARNING) {
      sb.append("warning: ");
    }
    sb.append(SafeText.line(shortMessage));
    if (!hint.isEmpty()) {
      sb.append(" (hint: ").append(SafeText.line(hint)).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toLine();
  }
}
