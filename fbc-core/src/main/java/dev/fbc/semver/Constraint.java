package dev.fbc.semver;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint with the syntax and meaning of Masterminds/semver v3, the library oc-mirror's catalog
 * filter uses (not OLM's blang ranges): {@code ,} or space for AND, {@code ||} for OR, hyphen ranges
 * ({@code 1.2 - 1.4.5}), {@code ~}, {@code ^}, {@code x}/{@code *} wildcards and partial versions. A pre-release
 * version only satisfies comparators whose own version has a pre-release.
 *
 * <pre>{@code
 * Constraint c = Constraint.parse(">=1.16.0 <=1.18.2");
 * c.test(Constraint.strictVersion("1.17.0"));   // true
 * c.test(Constraint.strictVersion("1.17.0-rc.1")); // false: a pre-release, and the range names none
 * }</pre>
 */
public final class Constraint implements Predicate<Version> {
  private static final String CV = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
      + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
  private static final String OPS = "=>|=<|>=|<=|~>|!=|=|>|<|~|\\^";
  private static final Pattern ONE = Pattern.compile("^\\s*(" + OPS + "|)\\s*(" + CV + ")\\s*$");
  private static final Pattern RANGE = Pattern.compile("\\s*(" + CV + ")\\s+-\\s+(" + CV + ")\\s*");
  private static final Pattern FIND = Pattern.compile("(" + OPS + "|)\\s*(" + CV + ")");
  private static final Pattern VALID = Pattern.compile("^(\\s*(" + OPS + "|)\\s*(" + CV + ")\\s*)((?:\\s+|,\\s*)("
      + OPS + "|)\\s*(" + CV + ")\\s*)*$");
  private static final Pattern LOOSE = Pattern.compile("^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?"
      + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$");

  private final String text;
  private final List<List<Comparator>> ors;

  private Constraint(String text, List<List<Comparator>> ors) {
    this.text = text;
    this.ors = ors;
  }

  /** Thrown with Masterminds' message, e.g. {@code improper constraint: >=1.14.0 <=latest}. */
  public static final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  private record Comparator(String op, Version con, boolean dirty, boolean minorDirty, boolean patchDirty,
      String orig) {}

  public static Constraint parse(String s) {
    String c = rewriteRanges(s);
    List<List<Comparator>> ors = new ArrayList<>();
    for (String segment : c.split("\\|\\|", -1)) {
      if (!VALID.matcher(segment).matches()) {
        throw new ParseException("improper constraint: " + segment);
      }
      List<Comparator> and = new ArrayList<>();
      Matcher m = FIND.matcher(segment);
      while (m.find()) {
        and.add(comparator(m.group()));
      }
      if (and.isEmpty()) {
        and.add(comparator(segment));
      }
      ors.add(and);
    }
    return new Constraint(s, ors);
  }

  private static String rewriteRanges(String s) {
    Matcher m = RANGE.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(">= " + m.group(1) + ", <= " + m.group(11) + " "));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static boolean isX(String s) {
    return s.equals("x") || s.equals("X") || s.equals("*");
  }

  private static Comparator comparator(String s) {
    if (s.strip().isEmpty()) {
      return new Comparator("", Version.of(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, List.of()), true,
          false, false, "");
    }
    Matcher m = ONE.matcher(s);
    if (!m.matches()) {
      throw new ParseException("improper constraint: " + s);
    }
    String op = m.group(1);
    String major = m.group(3);
    String minor = m.group(4) == null ? "" : m.group(4);
    String patch = m.group(5) == null ? "" : m.group(5);
    String pre = m.group(6) == null ? "" : m.group(6);
    boolean dirty = false;
    boolean minorDirty = false;
    boolean patchDirty = false;
    String ver;
    if (isX(major)) {
      ver = "0.0.0" + pre;
      dirty = true;
    } else if (minor.isEmpty() || isX(minor.substring(1))) {
      ver = major + ".0.0" + pre;
      dirty = true;
      minorDirty = true;
    } else if (patch.isEmpty() || isX(patch.substring(1))) {
      ver = major + minor + ".0" + pre;
      dirty = true;
      patchDirty = true;
    } else {
      ver = m.group(2);
    }
    return new Comparator(op, looseVersion(ver), dirty, minorDirty, patchDirty, m.group(2));
  }

  /** Masterminds' {@code NewVersion}: a leading v and missing minor or patch allowed. */
  static Version looseVersion(String s) {
    Matcher m = LOOSE.matcher(s);
    if (!m.matches()) {
      throw new ParseException("Invalid Semantic Version");
    }
    BigInteger major = new BigInteger(m.group(1));
    BigInteger minor = m.group(2) == null ? BigInteger.ZERO : new BigInteger(m.group(2).substring(1));
    BigInteger patch = m.group(3) == null ? BigInteger.ZERO : new BigInteger(m.group(3).substring(1));
    return Version.of(major, minor, patch, pre(m.group(5)));
  }

  private static List<Object> pre(String pre) {
    List<Object> out = new ArrayList<>();
    if (pre == null || pre.isEmpty()) {
      return out;
    }
    for (String p : pre.split("\\.")) {
      out.add(p.chars().allMatch(Character::isDigit) ? new BigInteger(p) : p);
    }
    return out;
  }

  /**
   * Masterminds' {@code StrictNewVersion}: exactly {@code MAJOR.MINOR.PATCH[-pre][+meta]}, no leading zeros.
   *
   * @throws ParseException with Masterminds' message ({@code Invalid Semantic Version}, ...)
   */
  public static Version strictVersion(String v) {
    if (v.isEmpty()) {
      throw new ParseException("Version string empty");
    }
    String[] parts = v.split("\\.", 3);
    if (parts.length != 3) {
      throw new ParseException("Invalid Semantic Version");
    }
    String last = parts[2];
    int plus = last.indexOf('+');
    if (plus >= 0) {
      String meta = last.substring(plus + 1);
      if (meta.isEmpty() || !meta.matches("[0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*")) {
        throw new ParseException("Invalid metadata string");
      }
      last = last.substring(0, plus);
    }
    String preText = "";
    int dash = last.indexOf('-');
    if (dash >= 0) {
      preText = last.substring(dash + 1);
      if (preText.isEmpty() || !preText.matches("[0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*")) {
        throw new ParseException("Invalid prerelease string");
      }
      for (String id : preText.split("\\.")) {
        if (id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(Character::isDigit)) {
          throw new ParseException("Version segment starts with 0");
        }
      }
      last = last.substring(0, dash);
    }
    String[] nums = {parts[0], parts[1], last};
    for (String n : nums) {
      if (n.isEmpty() || !n.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        throw new ParseException("Invalid characters in version");
      }
      if (n.length() > 1 && n.charAt(0) == '0') {
        throw new ParseException("Version segment starts with 0");
      }
    }
    List<String> build = plus >= 0 ? List.of(parts[2].substring(parts[2].indexOf('+') + 1).split("\\.")) : List.of();
    return Version.of(new BigInteger(nums[0]), new BigInteger(nums[1]), new BigInteger(nums[2]), pre(preText), build);
  }

  @Override
  public boolean test(Version v) {
    for (List<Comparator> and : ors) {
      boolean all = true;
      for (Comparator c : and) {
        if (!check(c, v)) {
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

  private static boolean check(Comparator c, Version v) {
    if (v.isPrerelease() && !c.con().isPrerelease()) {
      return false;
    }
    Version con = c.con();
    int cmp = v.compareTo(con);
    switch (c.op()) {
      case "", "=":
        return c.dirty() ? tilde(c, v) : cmp == 0;
      case "!=":
        if (c.dirty()) {
          if (!con.major().equals(v.major())) {
            return true;
          }
          if (!con.minor().equals(v.minor()) && !c.minorDirty()) {
            return true;
          } else if (c.minorDirty()) {
            return false;
          } else if (!con.patch().equals(v.patch()) && !c.patchDirty()) {
            return true;
          }
          return false;
        }
        return cmp != 0;
      case ">":
        if (!c.dirty()) {
          return cmp > 0;
        }
        if (v.major().compareTo(con.major()) > 0) {
          return true;
        } else if (v.major().compareTo(con.major()) < 0) {
          return false;
        } else if (c.minorDirty()) {
          return false;
        } else if (c.patchDirty()) {
          return v.minor().compareTo(con.minor()) > 0;
        }
        return cmp > 0;
      case "<":
        return cmp < 0;
      case ">=", "=>":
        return cmp >= 0;
      case "<=", "=<":
        if (!c.dirty()) {
          return cmp <= 0;
        }
        if (v.major().compareTo(con.major()) > 0) {
          return false;
        } else if (v.major().equals(con.major()) && v.minor().compareTo(con.minor()) > 0 && !c.minorDirty()) {
          return false;
        }
        return true;
      case "~", "~>":
        return tilde(c, v);
      case "^":
        if (cmp < 0) {
          return false;
        }
        if (con.major().signum() > 0 || c.minorDirty()) {
          return v.major().equals(con.major());
        } else if (con.minor().signum() > 0 || c.patchDirty()) {
          return v.major().signum() == 0 && v.minor().equals(con.minor());
        }
        return v.major().signum() == 0 && v.minor().signum() == 0 && v.patch().equals(con.patch());
      default:
        return false;
    }
  }

  private static boolean tilde(Comparator c, Version v) {
    Version con = c.con();
    if (v.compareTo(con) < 0) {
      return false;
    }
    if (con.major().signum() == 0 && con.minor().signum() == 0 && con.patch().signum() == 0 && !c.minorDirty()
        && !c.patchDirty()) {
      return true;
    }
    if (!v.major().equals(con.major())) {
      return false;
    }
    return v.minor().equals(con.minor()) || c.minorDirty();
  }

  /** As Masterminds prints a constraint: each comparator as written, AND by space, OR by {@code " || "}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (List<Comparator> and : ors) {
      if (sb.length() > 0) {
        sb.append(" || ");
      }
      for (int i = 0; i < and.size(); i++) {
        sb.append(i == 0 ? "" : " ").append(and.get(i).op()).append(and.get(i).orig());
      }
    }
    return sb.toString();
  }

  /** The text this was parsed from. */
  public String source() {
    return text;
  }
}
