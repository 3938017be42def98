package dev.fbc.validate;

import dev.fbc.base.Problem;
import dev.fbc.base.Problem.Severity;
import dev.fbc.base.Source;
import dev.fbc.model.Blob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.semver.Version;
import dev.fbc.text.Message;
import dev.fbc.text.Similar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state one validation shares between its checks: the catalog and its semantic model, the problems found so
 * far (in the order the checks find them), the versions of bundles whose properties passed, and one
 * {@link Similar} whose budget covers every did-you-mean of the run.
 */
final class ValidationRun {
  final Catalog catalog;
  /** Where a name is defined twice the first definition counts, as in opm; the checks report the others. */
  final CatalogModel model;
  final Similar similar = new Similar(Similar.DEFAULT_BUDGET);
  final ValidationHints hints;
  private final List<Problem> problems = new ArrayList<>();
  /**
   * Versions by {@code package/bundle}, only for bundles whose properties passed every check: a bundle with a bad
   * property has no version as far as the model checks are concerned, as in opm.
   */
  private final Map<String, Version> versions = new HashMap<>();
  private Set<String> entryKeys;

  ValidationRun(Catalog catalog) {
    this.catalog = catalog;
    this.model = CatalogModel.of(catalog);
    this.hints = new ValidationHints(this);
  }

  List<Problem> problems() {
    return problems;
  }

  void addAll(List<Problem> found) {
    problems.addAll(found);
  }

  void registerVersion(String pkg, String bundle, Version v) {
    versions.put(pkg + "/" + bundle, v);
  }

  /** The version of a bundle whose properties passed, or null. */
  Version version(String pkg, String bundle) {
    return versions.get(pkg + "/" + bundle);
  }

  /** Whether any channel blob, linked to its package or not, has an entry for the bundle. */
  boolean inSomeChannel(String pkg, String bundle) {
    if (entryKeys == null) {
      entryKeys = new HashSet<>();
      for (ChannelBlob c : catalog.channels()) {
        for (ChannelEntry e : c.entries()) {
          entryKeys.add(c.packageName() + "/" + e.name());
        }
      }
    }
    return entryKeys.contains(pkg + "/" + bundle);
  }

  /** An error whose message lists names or embeds huge values: a human line shows it shortened. */
  void error(String rule, Blob at, String pkg, String ch, String bundle, Message msg, String hint) {
    problems.add(new Problem(rule, Severity.ERROR, sourceOf(at), pkg, ch, bundle, msg.full(), hint, msg.shown()));
  }

  void warn(String rule, Blob at, String pkg, String ch, String bundle, Message msg, String hint) {
    problems.add(new Problem(rule, Severity.WARNING, sourceOf(at), pkg, ch, bundle, msg.full(), hint,
        msg.shown()));
  }

  void error(String rule, Blob at, String pkg, String ch, String bundle, String msg, String hint) {
    problems.add(new Problem(rule, Severity.ERROR, sourceOf(at), pkg, ch, bundle, msg, hint));
  }

  void warn(String rule, Blob at, String pkg, String ch, String bundle, String msg, String hint) {
    problems.add(new Problem(rule, Severity.WARNING, sourceOf(at), pkg, ch, bundle, msg, hint));
  }

  private static Source sourceOf(Blob at) {
    return at == null ? Source.NONE : at.source();
  }

  /** Two hints as one, either may be empty. */
  static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : a + "; " + b;
  }

  static String goQuote(String s) {
    return dev.fbc.internal.json.GoJson.quote(s);
  }

  /** opm's error tree puts bundle-level problems under this line; fbc keeps it in the one line it prints. */
  static String invalidBundle(String bundle) {
    return "invalid bundle " + goQuote(bundle) + ": ";
  }
}
