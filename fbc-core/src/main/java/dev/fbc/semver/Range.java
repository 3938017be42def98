package dev.fbc.semver;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A version range with blang/semver v4's {@code ParseRange} syntax and meaning, as OLM reads {@code skipRange}:
 * comparators {@code < <= > >= = == ! !=} joined by spaces (AND) and {@code ||} (OR), {@code x} wildcards
 * ({@code 1.2.x}, {@code 1.x}), no {@code ^}, {@code ~} or hyphen ranges. Matching is a plain comparison, so
 * pre-releases match ({@code 1.3.0-rc.1} is in {@code >=1.2.0 <1.3.0}), and build metadata is ignored.
 *
 * <pre>{@code
 * Range r = Range.parse(">=4.1.0 <4.2.0 || >=5.0.0");
 * r.test(Version.parse("4.1.7"));  // true
 * }</pre>
 */
public final class Range implements Predicate<Version> {
  private final List<List<Predicate<Version>>> alternatives;
  private final String text;

  private Range(String text, List<List<Predicate<Version>>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /** Thrown with blang/semver's message, e.g. {@code Could not parse Range ">v0.1.0": ...}. */
  public static final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  public static Range parse(String s) {
    List<List<String>> groups = splitOr(splitAndTrim(s));
    List<List<Predicate<Version>>> ors = new ArrayList<>();
    for (List<String> group : groups) {
      String groupText = String.join(" ", group);
      List<Predicate<Version>> and = new ArrayList<>();
      for (String part : group) {
        and.add(comparator(s, part, groupText));
      }
      ors.add(and);
    }
    return new Range(s, ors);
  }

  private static ParseException error(String range, String inner) {
    return new ParseException("Could not parse Range \"" + range + "\": " + inner);
  }

  private static Predicate<Version> comparator(String range, String part, String groupText) {
    int digit = -1;
    for (int i = 0; i < part.length(); i++) {
      if (Character.isDigit(part.charAt(i))) {
        digit = i;
        break;
      }
    }
    if (digit < 0) {
      throw error(range, "Could not get version from string: \"" + part + "\"");
    }
    String op = part.substring(0, digit).strip();
    String ver = part.substring(digit);
    if (!(op.isEmpty() || isOperatorOnly(op))) {
      throw error(range, "Could not parse comparator \"" + op + "\" in \"" + groupText + "\"");
    }
    Predicate<Version> wildcard = wildcard(op, ver);
    if (wildcard != null) {
      return wildcard;
    }
    Version v;
    try {
      v = Version.parse(ver);
    } catch (Version.ParseException e) {
      throw error(range, "Could not parse version \"" + ver + "\" in \"" + groupText + "\": " + e.getMessage());
    }
    return comparator(op, v);
  }

  @Override
  public boolean test(Version v) {
    for (List<Predicate<Version>> and : alternatives) {
      boolean all = true;
      for (Predicate<Version> p : and) {
        if (!p.test(v)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }

  private static Predicate<Version> comparator(String op, Version v) {
    return switch (op) {
      case "", "=", "==" -> x -> x.compareTo(v) == 0;
      case "!", "!=" -> x -> x.compareTo(v) != 0;
      case ">" -> x -> x.compareTo(v) > 0;
      case ">=" -> x -> x.compareTo(v) >= 0;
      case "<" -> x -> x.compareTo(v) < 0;
      case "<=" -> x -> x.compareTo(v) <= 0;
      default -> throw new IllegalStateException(op);
    };
  }

  /** blang's splitAndTrim: split on spaces, then glue an operator written apart from its version. */
  private static List<String> splitAndTrim(String s) {
    List<String> out = new ArrayList<>();
    String last = "";
    for (String raw : s.split(" ")) {
      String v = raw.strip();
      if (v.isEmpty()) {
        continue;
      }
      if (!last.isEmpty() && isOperatorOnly(last)) {
        out.set(out.size() - 1, last + v);
        last = "";
        continue;
      }
      out.add(v);
      last = v;
    }
    return out;
  }

  private static boolean isOperatorOnly(String s) {
    return s.equals("<") || s.equals("<=") || s.equals(">") || s.equals(">=") || s.equals("=")
        || s.equals("==") || s.equals("!") || s.equals("!=");
  }

  /** Splits the parts into AND groups at {@code ||} (also when written without spaces). */
  private static List<List<String>> splitOr(List<String> parts) {
    List<List<String>> groups = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String p : parts) {
      String[] pieces = p.split("\\|\\|", -1);
      for (int i = 0; i < pieces.length; i++) {
        if (i > 0) {
          groups.add(current);
          current = new ArrayList<>();
        }
        if (!pieces[i].isEmpty()) {
          current.add(pieces[i]);
        }
      }
    }
    groups.add(current);
    return groups;
  }

  /** {@code 1.2.x} and {@code 1.x} mean the block of versions they name, as blang expands them. */
  private static Predicate<Version> wildcard(String op, String ver) {
    if (!(ver.endsWith(".x") || ver.endsWith(".X") || ver.endsWith(".*"))) {
      return null;
    }
    String[] nums = ver.substring(0, ver.length() - 2).split("\\.");
    BigInteger major;
    BigInteger minor;
    try {
      major = new BigInteger(nums[0]);
      minor = nums.length > 1 ? new BigInteger(nums[1]) : BigInteger.ZERO;
    } catch (NumberFormatException e) {
      return null;
    }
    if (nums.length > 2) {
      return null;
    }
    Version lower = Version.of(major, minor, BigInteger.ZERO, List.of());
    Version upper = nums.length == 1 ? Version.of(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, List.of())
        : Version.of(major, minor.add(BigInteger.ONE), BigInteger.ZERO, List.of());
    return switch (op) {
      case "", "=", "==" -> v -> v.compareTo(lower) >= 0 && v.compareTo(upper) < 0;
      case "!", "!=" -> v -> v.compareTo(lower) < 0 || v.compareTo(upper) >= 0;
      case ">" -> v -> v.compareTo(upper) >= 0;
      case ">=" -> v -> v.compareTo(lower) >= 0;
      case "<" -> v -> v.compareTo(lower) < 0;
      case "<=" -> v -> v.compareTo(upper) < 0;
      default -> null;
    };
  }
}
