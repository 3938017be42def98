package dev.fbc.internal.io;

import java.util.ArrayList;
import java.util.List;
import dev.fbc.base.Problem;
import dev.fbc.base.Source;

/**
 * {@code .indexignore} files as opm reads them: gitignore patterns, each scoped to the directory of the file that
 * holds it, the last matching pattern deciding (a {@code !} pattern re-includes).
 */
final class IndexIgnore {
  private final List<Rule> rules = new ArrayList<>();

  private record Rule(List<String> domain, List<String> parts, boolean glob, boolean dirOnly, boolean include) {}

  /**
   * Adds the lines of one {@code .indexignore} found in directory {@code domain} (path parts from the root). A
   * malformed pattern never matches, as in opm; it is reported to {@code warnings}, with {@code file} and its line.
   */
  void add(List<String> domain, String content, String file, List<Problem> warnings) {
    String[] lines = content.split("\r?\n");
    for (int lineNo = 1; lineNo <= lines.length; lineNo++) {
      String raw = lines[lineNo - 1];
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
      List<String> parts = List.of(p.split("/", -1));
      for (String part : parts) {
        if (!part.equals("**") && !GoGlob.isWellFormed(part)) {
          warnings.add(new Problem("load.indexignore", Problem.Severity.WARNING, new Source(file, lineNo),
              "pattern \"" + raw + "\" is malformed and never matches", "check its [ ] classes and \\ escapes"));
          break;
        }
      }
      rules.add(new Rule(List.copyOf(domain), parts, glob, dirOnly, include));
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

  /** Go's {@code filepath.Match} for one path element; a malformed pattern matches nothing. */
  static boolean fnmatch(String pattern, String name) {
    return GoGlob.isWellFormed(pattern) && GoGlob.matches(pattern, name);
  }
}
