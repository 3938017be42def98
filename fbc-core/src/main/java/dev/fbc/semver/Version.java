package dev.fbc.semver;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A semantic version with the parsing rules and order of blang/semver v4, the library opm uses: strict
 * {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, no leading zeros, no {@code v} prefix; build metadata is
 * ignored when comparing.
 *
 * <pre>{@code
 * Version v = Version.parse("1.2.3-rc.1+build.5");
 * v.compareTo(Version.parse("1.2.3")) < 0;   // a pre-release comes before the release
 * }</pre>
 */
public final class Version implements Comparable<Version> {
  private static final String NUMBERS = "0123456789";
  private static final String ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" + NUMBERS;
  private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

  private final BigInteger major;
  private final BigInteger minor;
  private final BigInteger patch;
  private final List<Object> pre; // BigInteger or String
  private final List<String> build;

  private Version(BigInteger major, BigInteger minor, BigInteger patch, List<Object> pre, List<String> build) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = List.copyOf(pre);
    this.build = List.copyOf(build);
  }

  /** Thrown with blang/semver's message, e.g. {@code No Major.Minor.Patch elements found}. */
  public static final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  public static Version parse(String s) {
    if (s.isEmpty()) {
      throw new ParseException("Version string empty");
    }
    String[] parts = s.split("\\.", 3);
    if (parts.length != 3) {
      throw new ParseException("No Major.Minor.Patch elements found");
    }
    BigInteger major = number(parts[0], "major", "Major");
    BigInteger minor = number(parts[1], "minor", "Minor");
    String patchStr = parts[2];
    List<String> build = new ArrayList<>();
    List<String> preParts = new ArrayList<>();
    int plus = patchStr.indexOf('+');
    if (plus >= 0) {
      build.addAll(List.of(patchStr.substring(plus + 1).split("\\.", -1)));
      patchStr = patchStr.substring(0, plus);
    }
    int dash = patchStr.indexOf('-');
    if (dash >= 0) {
      preParts.addAll(List.of(patchStr.substring(dash + 1).split("\\.", -1)));
      patchStr = patchStr.substring(0, dash);
    }
    BigInteger patch = number(patchStr, "patch", "Patch");
    List<Object> pre = new ArrayList<>();
    for (String p : preParts) {
      pre.add(prerelease(p));
    }
    for (String b : build) {
      if (b.isEmpty()) {
        throw new ParseException("Buildmetadata is empty");
      }
      if (!containsOnly(b, ALPHANUM)) {
        throw new ParseException("Invalid character(s) found in build meta data \"" + b + "\"");
      }
    }
    return new Version(major, minor, patch, pre, build);
  }

  /** Parses, or empty when {@code s} is no semver. */
  public static java.util.Optional<Version> tryParse(String s) {
    try {
      return java.util.Optional.of(parse(s));
    } catch (ParseException e) {
      return java.util.Optional.empty();
    }
  }

  private static BigInteger number(String s, String lower, String upper) {
    if (!containsOnly(s, NUMBERS)) {
      throw new ParseException("Invalid character(s) found in " + lower + " number \"" + s + "\"");
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new ParseException(upper + " number must not contain leading zeroes \"" + s + "\"");
    }
    return uint64(s);
  }

  private static BigInteger uint64(String s) {
    if (s.isEmpty()) {
      throw new ParseException("strconv.ParseUint: parsing \"\": invalid syntax");
    }
    BigInteger v = new BigInteger(s);
    if (v.compareTo(UINT64_MAX) > 0) {
      throw new ParseException("strconv.ParseUint: parsing \"" + s + "\": value out of range");
    }
    return v;
  }

  private static Object prerelease(String s) {
    if (s.isEmpty()) {
      throw new ParseException("Prerelease is empty");
    }
    if (containsOnly(s, NUMBERS)) {
      if (s.length() > 1 && s.charAt(0) == '0') {
        throw new ParseException("Numeric PreRelease version must not contain leading zeroes \"" + s + "\"");
      }
      return uint64(s);
    }
    if (containsOnly(s, ALPHANUM)) {
      return s;
    }
    throw new ParseException("Invalid character(s) found in prerelease \"" + s + "\"");
  }

  private static boolean containsOnly(String s, String set) {
    for (int i = 0; i < s.length(); i++) {
      if (set.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  static Version of(BigInteger major, BigInteger minor, BigInteger patch, List<Object> pre) {
    return new Version(major, minor, patch, pre, List.of());
  }

  static Version of(BigInteger major, BigInteger minor, BigInteger patch, List<Object> pre, List<String> build) {
    return new Version(major, minor, patch, pre, build);
  }

  public BigInteger major() {
    return major;
  }

  public BigInteger minor() {
    return minor;
  }

  public BigInteger patch() {
    return patch;
  }

  public boolean isPrerelease() {
    return !pre.isEmpty();
  }

  public boolean hasBuildMetadata() {
    return !build.isEmpty();
  }

  /** blang's order: numbers, then a release after its pre-releases, then pre-release identifiers. */
  @Override
  public int compareTo(Version o) {
    int c = major.compareTo(o.major);
    if (c == 0) {
      c = minor.compareTo(o.minor);
    }
    if (c == 0) {
      c = patch.compareTo(o.patch);
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    if (pre.isEmpty() && o.pre.isEmpty()) {
      return 0;
    }
    if (pre.isEmpty()) {
      return 1;
    }
    if (o.pre.isEmpty()) {
      return -1;
    }
    int i = 0;
    for (; i < pre.size() && i < o.pre.size(); i++) {
      Object a = pre.get(i);
      Object b = o.pre.get(i);
      int d;
      if (a instanceof BigInteger x && b instanceof BigInteger y) {
        d = x.compareTo(y);
      } else if (a instanceof BigInteger) {
        d = -1;
      } else if (b instanceof BigInteger) {
        d = 1;
      } else {
        d = ((String) a).compareTo((String) b);
      }
      if (d != 0) {
        return Integer.signum(d);
      }
    }
    return Integer.compare(pre.size(), o.pre.size());
  }

  /** Equal versions compare equal whatever their build metadata; {@link #equals} also compares it. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && compareTo(v) == 0 && build.equals(v.build);
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
    if (!pre.isEmpty()) {
      sb.append('-');
      for (int i = 0; i < pre.size(); i++) {
        sb.append(i == 0 ? "" : ".").append(pre.get(i));
      }
    }
    if (!build.isEmpty()) {
      sb.append('+').append(String.join(".", build));
    }
    return sb.toString();
  }
}
