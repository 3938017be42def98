package dev.fbc.internal.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .indexignore} files as opm reads them: gitignore patterns, each scoped to the directory of the file that
 * holds it, the last matching pattern deciding (a {@code !} pattern re-includes).
 */
final class IndexIgnore {
  private final List<Rule> rules = new ArrayList<>();

  private record Rule(List<String> domain, List<String> parts, boolean glob, boolean dirOnly, boolean include) {}

  /** Adds the lines of one {@code .indexignore} found in directory {@code domain} (path parts from the root). */
  void add(List<String> domain, String content) {
    for (String raw : content.split("\r?\n")) {
      if (raw.startsWith("#") || raw.strip().isEmpty()) {
        continue;
      }
      String p = raw;
      boolean include = false;
      if (p.startsWith("!")) {
        include = true;
        p = p.substring(1);
      }
      if (!p.endsWith("\\ ")) {
        p = p.stripTrailing();
      }
      boolean dirOnly = false;
      if (p.endsWith("/")) {
        dirOnly = true;
        p = p.substring(0, p.length() - 1);
      }
      boolean glob = p.contains("/");
      rules.add(new Rule(List.copyOf(domain), List.of(p.split("/", -1)), glob, dirOnly, include));
    }
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether a file (path parts from the root) is ignored. */
  boolean ignores(List<String> path) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule r = rules.get(i);
      if (matches(r, path)) {
        return !r.include;
      }
    }
    return false;
  }

  private static boolean matches(Rule r, List<String> path) {
    if (path.size() <= r.domain.size()) {
      return false;
    }
    for (int i = 0; i < r.domain.size(); i++) {
      if (!path.get(i).equals(r.domain.get(i))) {
        return false;
      }
    }
    List<String> rest = path.subList(r.domain.size(), path.size());
    return r.glob ? globMatch(r, rest) : simpleNameMatch(r, rest);
  }

  private static boolean simpleNameMatch(Rule r, List<String> path) {
    for (int i = 0; i < path.size(); i++) {
      if (!fnmatch(r.parts.get(0), path.get(i))) {
        continue;
      }
      // a directory-only pattern cannot match the file itself
      return !(r.dirOnly && i == path.size() - 1);
    }
    return false;
  }

  private static boolean globMatch(Rule r, List<String> path) {
    boolean matched = false;
    boolean canTraverse = false;
    List<String> rest = path;
    for (int i = 0; i < r.parts.size(); i++) {
      String pattern = r.parts.get(i);
      if (pattern.isEmpty()) {
        canTraverse = false;
        continue;
      }
      if (pattern.equals("**")) {
        if (i == r.parts.size() - 1) {
          break;
        }
        canTraverse = true;
        continue;
      }
      if (pattern.contains("**")) {
        return false;
      }
      if (rest.isEmpty()) {
        return false;
      }
      if (canTraverse) {
        canTraverse = false;
        while (!rest.isEmpty()) {
          String e = rest.get(0);
          rest = rest.subList(1, rest.size());
          if (fnmatch(pattern, e)) {
            matched = true;
            break;
          } else if (rest.isEmpty()) {
            matched = false;
          }
        }
      } else {
        if (!fnmatch(pattern, rest.get(0))) {
          return false;
        }
        matched = true;
        rest = rest.subList(1, rest.size());
      }
    }
    if (matched && r.dirOnly && rest.isEmpty()) {
      matched = false;
    }
    return matched;
  }

  /** Go's {@code filepath.Match} for one path element. */
  static boolean fnmatch(String pattern, String name) {
    StringBuilder re = new StringBuilder();
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i + 1 < n) {
            re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
          } else {
            return false;
          }
        }
        case '[' -> {
          int j = i + 1;
          StringBuilder cls = new StringBuilder("[");
          if (j < n && pattern.charAt(j) == '^') {
            cls.append('^');
            j++;
          }
          boolean closed = false;
          for (; j < n; j++) {
            char d = pattern.charAt(j);
            if (d == ']' && j > i + 1 && !(cls.length() == 2 && cls.charAt(1) == '^' && j == i + 2)) {
              closed = true;
              break;
            }
            if (d == '\\' && j + 1 < n) {
              d = pattern.charAt(++j);
            }
            if (d == '-') {
              cls.append('-');
            } else {
              cls.append(escapeClass(d));
            }
          }
          if (!closed) {
            return false;
          }
          re.append(cls).append(']');
          i = j;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.matches(re.toString(), name);
  }

  private static String escapeClass(char d) {
    return (Character.isLetterOrDigit(d)) ? String.valueOf(d) : "\\" + d;
  }
}
