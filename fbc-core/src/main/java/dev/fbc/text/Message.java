package dev.fbc.text;

import java.util.Collection;

/**
 * Builds a message in its two forms at once: in full (machine output, comparisons with opm's text) and short for
 * a human line, where lists of names and huge values are shortened by {@link SafeText}.
 *
 * <pre>{@code
 * Message m = new Message().text("channel contains one or more stranded bundles: ").names(stranded, ", ");
 * new Problem(rule, sev, src, pkg, ch, bundle, m.full(), hint, m.shown());
 * }</pre>
 */
public final class Message {
  private final StringBuilder full = new StringBuilder();
  private final StringBuilder shown = new StringBuilder();

  /** Fixed text (the program's own words, or values already known to be short). */
  public Message text(String s) {
    full.append(s);
    shown.append(s);
    return this;
  }

  /** A value from input: in full, and cut after {@link SafeText#MAX_VALUE} characters when shown. */
  public Message value(String s) {
    full.append(s);
    shown.append(SafeText.value(s));
    return this;
  }

  /** Names joined by {@code separator}: all of them in full, the first {@link SafeText#MAX_NAMES} when shown. */
  public Message names(Collection<String> names, String separator) {
    return names(names, separator, "");
  }

  /** As {@link #names(Collection, String)}, each name between {@code quote}s. */
  public Message names(Collection<String> names, String separator, String quote) {
    boolean first = true;
    for (String n : names) {
      if (!first) {
        full.append(separator);
      }
      full.append(quote).append(n).append(quote);
      first = false;
    }
    shown.append(SafeText.names(names, separator, quote));
    return this;
  }

  public String full() {
    return full.toString();
  }

  /** The short form; escaping is left to whoever prints the line. */
  public String shown() {
    return shown.toString();
  }
}
