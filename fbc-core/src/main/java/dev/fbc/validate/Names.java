package dev.fbc.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes' DNS-1123 label rule (opm's rule for package names) and the image reference grammar. */
final class Names {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN = Pattern.compile(
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
      + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
      + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

  private Names() {}

  /** Kubernetes' IsDNS1123Label messages, empty when valid. */
  static List<String> dns1123LabelErrors(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add("must be no more than 63 characters");
    }
    if (!LABEL.matcher(value).matches()) {
      errs.add(SUBDOMAIN.matcher(value).matches() ? "must not contain dots" : LABEL_MESSAGE);
    }
    return errs;
  }

  /**
   * Why an image reference is not a valid pull spec (as newer opm checks), or null when it is. The grammar is
   * distribution/reference's, matched by hand ({@link #nameEnd}): as a regex it was the largest part of the checks'
   * time, run for every image of every bundle.
   */
  static String imageReferenceError(String ref) {
    if (ref.isEmpty()) {
      return null;
    }
    if (isHex64(ref)) {
      return "invalid repository name (64-byte hexadecimal strings are reserved for image IDs)";
    }
    int nameEnd = nameEnd(ref);
    if (nameEnd < 0) {
      String lower = ref.toLowerCase(java.util.Locale.ROOT);
      int slash = lower.indexOf('/');
      if (!ref.equals(lower) && nameEnd(slash < 0 ? lower : "x" + lower.substring(slash)) >= 0) {
        return "repository name must be lowercase";
      }
      return "invalid reference format";
    }
    if (nameEnd > 255) {
      return "repository name must not be more than 255 characters";
    }
    int at = ref.indexOf('@');
    if (at >= 0 && ref.startsWith("sha256:", at + 1) && ref.length() - at - 1 != 7 + 64) {
      return "invalid checksum digest length";
    }
    return null;
  }

  /**
   * Where the name (domain and path) ends when {@code s} matches the reference grammar
   * {@code ((domain/)?component(/component)*)(:tag)?(@digest)?}, or -1. No part but the digest holds an '@', and
   * neither tag nor digest a '/', so the parts are found by position, without backtracking: the digest follows the
   * first '@', the tag the first ':' after the last '/' before it.
   */
  static int nameEnd(String s) {
    int end = s.length();
    int at = s.indexOf('@');
    if (at >= 0) {
      if (!isDigest(s, at + 1, end)) {
        return -1;
      }
      end = at;
    }
    int lastSlash = end == 0 ? -1 : s.lastIndexOf('/', end - 1);
    int colon = s.indexOf(':', lastSlash + 1);
    if (colon >= 0 && colon < end) {
      if (!isTag(s, colon + 1, end)) {
        return -1;
      }
      end = colon;
    }
    return isName(s, 0, end) ? end : -1;
  }

  /** {@code (domain/)?component(/component)*}: the first of several segments may be a domain. */
  private static boolean isName(String s, int from, int to) {
    int slash = s.indexOf('/', from);
    if (slash < 0 || slash >= to) {
      return isComponent(s, from, to);
    }
    if (!isComponent(s, from, slash) && !isDomain(s, from, slash)) {
      return false;
    }
    for (int a = slash + 1;;) {
      int b = s.indexOf('/', a);
      if (b < 0 || b >= to) {
        return isComponent(s, a, to);
      }
      if (!isComponent(s, a, b)) {
        return false;
      }
      a = b + 1;
    }
  }

  /** {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*} */
  private static boolean isComponent(String s, int from, int to) {
    int i = from;
    while (true) {
      int run = i;
      while (i < to && isLowerAlnum(s.charAt(i))) {
        i++;
      }
      if (i == run) {
        return false;
      }
      if (i == to) {
        return true;
      }
      char c = s.charAt(i++);
      if (c == '_') {
        if (i < to && s.charAt(i) == '_') {
          i++;
        }
      } else if (c == '-') {
        while (i < to && s.charAt(i) == '-') {
          i++;
        }
      } else if (c != '.') {
        return false;
      }
    }
  }

  /** {@code (label(\.label)*|\[[a-fA-F0-9:]+\])(:[0-9]+)?}, a label being alphanumerics with inner '-'. */
  private static boolean isDomain(String s, int from, int to) {
    int hostEnd;
    if (from < to && s.charAt(from) == '[') {
      int close = s.indexOf(']', from);
      if (close < 0 || close >= to || close == from + 1) {
        return false;
      }
      for (int i = from + 1; i < close; i++) {
        char c = s.charAt(i);
        if (c != ':' && !isHex(c)) {
          return false;
        }
      }
      hostEnd = close + 1;
    } else {
      int colon = s.indexOf(':', from);
      hostEnd = colon < 0 || colon >= to ? to : colon;
      for (int a = from;;) {
        int dot = s.indexOf('.', a);
        int b = dot < 0 || dot >= hostEnd ? hostEnd : dot;
        if (!isLabel(s, a, b)) {
          return false;
        }
        if (b == hostEnd) {
          break;
        }
        a = b + 1;
      }
    }
    if (hostEnd == to) {
      return true;
    }
    if (s.charAt(hostEnd) != ':' || hostEnd + 1 == to) {
      return false;
    }
    for (int i = hostEnd + 1; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLabel(String s, int from, int to) {
    if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c != '-' && !isAlnum(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code [\w][\w.-]{0,127}} */
  private static boolean isTag(String s, int from, int to) {
    if (from >= to || to - from > 128 || !isWord(s.charAt(from))) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (c != '.' && c != '-' && !isWord(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}} */
  private static boolean isDigest(String s, int from, int to) {
    int i = from;
    while (true) {
      if (i >= to || !isLetter(s.charAt(i))) {
        return false;
      }
      i++;
      while (i < to && isAlnum(s.charAt(i))) {
        i++;
      }
      if (i >= to) {
        return false;
      }
      char c = s.charAt(i++);
      if (c == ':') {
        break;
      }
      if (c != '-' && c != '_' && c != '+' && c != '.') {
        return false;
      }
    }
    if (to - i < 32) {
      return false;
    }
    for (; i < to; i++) {
      if (!isHex(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code [a-f0-9]{64}} */
  private static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!isDigit(c) && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isLetter(c);
  }

  private static boolean isLowerAlnum(char c) {
    return isDigit(c) || c >= 'a' && c <= 'z';
  }

  private static boolean isWord(char c) {
    return isAlnum(c) || c == '_';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
