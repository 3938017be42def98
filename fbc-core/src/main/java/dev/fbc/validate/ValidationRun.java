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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The state one validation shares between its checks: the catalog and its semantic model, the problems found so
 * far (in the order the checks find them), the versions of bundles whose properties passed, and one
 * {@link Similar} whose budget covers every did-you-mean of the run.
 *
 * <p>Checks of one bundle's own data and of one package's model run in parallel, each on a {@link #fork()}: a run
 * with its own problems, versions and an unlimited did-you-mean budget that counts what it spends. {@link #merge}
 * takes forks in check order, so the problems keep the order of a sequential run, and a fork's hints count
 * only when the budget left at that point covers all it spent, as it would have in a sequential run (when not, the
 * caller checks that part again on this run).
 */
final class ValidationRun {
  final Catalog catalog;
  /** Where a name is defined twice the first definition counts, as in opm; the checks report the others. */
  final CatalogModel model;
  /** Replaced by {@link #merge}, which spends a fork's comparisons from it. */
  Similar similar;
  final ValidationHints hints;
  /** Threads for the parallel parts: 1 checks everything on the calling thread, in order. */
  final int parallelism;
  private final ValidationRun parent;
  private final List<Problem> problems = new ArrayList<>();
  /**
   * Versions by package and bundle, only for bundles whose properties passed every check: a bundle with a bad
   * property has no version as far as the model checks are concerned, as in opm.
   */
  private final Map<String, Map<String, Version>> versions = new HashMap<>();
  /** Per package, the bundles some channel blob has an entry for (built before any fork reads it). */
  private final Map<String, Set<String>> entries;

  ValidationRun(Catalog catalog, int parallelism) {
    this.catalog = catalog;
    this.model = CatalogModel.of(catalog);
    this.similar = new Similar(Similar.DEFAULT_BUDGET);
    this.hints = new ValidationHints(this);
    this.parallelism = parallelism;
    this.parent = null;
    this.entries = new HashMap<>();
    for (ChannelBlob c : catalog.channels()) {
      Set<String> s = entries.computeIfAbsent(c.packageName(), k -> new HashSet<>());
      for (ChannelEntry e : c.entries()) {
        s.add(e.name());
      }
    }
  }

  private ValidationRun(ValidationRun parent) {
    this.catalog = parent.catalog;
    this.model = parent.model;
    this.similar = new Similar(Long.MAX_VALUE);
    this.hints = new ValidationHints(this);
    this.parallelism = 1;
    this.parent = parent;
    this.entries = parent.entries;
  }

  /**
   * A run for one task of a parallel part: it reads this run's versions, and keeps its own problems, versions and
   * hints until {@link #merge}d. This run must not change while its forks run.
   */
  ValidationRun fork() {
    return new ValidationRun(this);
  }

  /**
   * Takes a fork's problems and versions, and spends the did-you-mean comparisons it made, if the budget left
   * covers them; else takes nothing and returns false: the fork's hints would differ from a sequential run's, and
   * the caller checks its part again on this run.
   */
  boolean merge(ValidationRun fork) {
    long spent = Long.MAX_VALUE - fork.similar.remaining();
    if (spent > similar.remaining()) {
      return false;
    }
    if (spent > 0) {
      similar = new Similar(similar.remaining() - spent);
    }
    problems.addAll(fork.problems);
    mergeVersions(fork);
    return true;
  }

  /** Takes the versions a fork registered (a fork that spent no did-you-mean comparisons: own checks). */
  void mergeVersions(ValidationRun fork) {
    fork.versions.forEach((pkg, m) -> versions.computeIfAbsent(pkg, k -> new HashMap<>()).putAll(m));
  }

  /**
   * {@code task} for 0 ... n-1 on up to {@link #parallelism} threads (the calling one among them), the results
   * in index order. Tasks must only read shared state.
   */
  <T> List<T> inParallel(int n, IntFunction<T> task) {
    Object[] results = new Object[n];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < n && failed.get() == null; i = next.getAndIncrement()) {
        try {
          results[i] = task.apply(i);
        } catch (Throwable t) {
          failed.compareAndSet(null, t);
        }
      }
    };
    List<Thread> threads = new ArrayList<>();
    for (int k = 1; k < Math.min(parallelism, n); k++) {
      Thread t = new Thread(worker, "fbc-validate");
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    worker.run();
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.fbc.base.FbcException("interrupted while validating", e);
      }
    }
    Throwable t = failed.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    @SuppressWarnings("unchecked")
    List<T> out = (List<T>) java.util.Arrays.asList(results);
    return out;
  }

  List<Problem> problems() {
    return problems;
  }

  void addAll(List<Problem> found) {
    problems.addAll(found);
  }

  void registerVersion(String pkg, String bundle, Version v) {
    versions.computeIfAbsent(pkg, k -> new HashMap<>()).put(bundle, v);
  }

  /** The version of a bundle whose properties passed, or null. */
  Version version(String pkg, String bundle) {
    Map<String, Version> m = versions.get(pkg);
    Version v = m == null ? null : m.get(bundle);
    return v == null && parent != null ? parent.version(pkg, bundle) : v;
  }

  /** Whether any channel blob, linked to its package or not, has an entry for the bundle. */
  boolean inSomeChannel(String pkg, String bundle) {
    return entries.getOrDefault(pkg, Set.of()).contains(bundle);
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
