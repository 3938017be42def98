package dev.fbc.cli;

import dev.fbc.base.FbcException;
import dev.fbc.text.SafeText;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An option that takes one word of a fixed set (such as {@code -o text|json}), read into an enum. The option stays
 * a string for picocli so the error is fbc's one line, {@code invalid --output value "xml", expected (text|json)},
 * and not picocli's.
 */
final class Choice {
  private Choice() {}

  /** The constant of {@code type} whose {@link #word} is {@code value}, or the error line naming {@code option}. */
  static <E extends Enum<E>> E of(Class<E> type, String option, String value) {
    for (E e : type.getEnumConstants()) {
      if (word(e).equals(value)) {
        return e;
      }
    }
    throw new FbcException("invalid " + option + " value \"" + SafeText.value(value) + "\", expected ("
        + Arrays.stream(type.getEnumConstants()).map(Choice::word).collect(Collectors.joining("|")) + ")");
  }

  /** The word a constant is written as on the command line: its name in lower case, {@code _} as {@code -}. */
  static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
