package dev.fbc.internal.io;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.model.Blob;
import dev.fbc.model.UnknownBlob;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * {@code opm render} of catalog directories without holding the catalog: a quick pass ({@link PackageScan}) learns
 * which files hold which packages; files are then parsed in the order their packages are written (packages by
 * name, as opm orders them), a few at a time, and each package is written as soon as every file holding part of
 * it has been read, then dropped. Memory is bounded by the largest files in flight and the packages they hold, not
 * by the catalog. The output is byte for byte that of loading the whole catalog and writing it with
 * {@link CatalogWriter} in opm mode.
 *
 * <p>Errors: every file is still read, and all problems are reported together as by {@link CatalogLoader}. The
 * first {@link #HOLD_BYTES} bytes of output are held back, so a catalog that fails to load prints nothing unless
 * its output would be larger than that; beyond it, a failure leaves the packages written so far on the stream
 * (then the exception says why, and the command exits non-zero).
 */
public final class CatalogStreamer {
  /** Output held back before anything reaches the stream. */
  public static final int HOLD_BYTES = 16 << 20;

  private final CatalogLoader loader;
  private final LoadOptions options;
  private final long holdBytes;

  public CatalogStreamer(LoadOptions options) {
    this(options, HOLD_BYTES);
  }

  CatalogStreamer(LoadOptions options, long holdBytes) {
    this.options = options;
    this.loader = new CatalogLoader(options);
    this.holdBytes = holdBytes;
  }

  /**
   * Renders the catalogs under {@code roots} to {@code out}, each blob passed through {@code transform} (opm's
   * normalization, migrations) before it is ordered and written. Returns false, having written nothing and
   * reported nothing, when the catalog holds input the quick pass cannot vouch for (YAML files, odd keys; see
   * {@link PackageScan}); the caller then loads it whole.
   *
   * @throws CatalogLoadException listing every file that could not be read
   */
  public boolean render(List<Path> roots, UnaryOperator<Blob> transform, OutputStream out,
      CatalogWriter.Format format) {
    // walk warnings are kept until the end (where the whole load reports file warnings too), so that a fallback
    // does not report them twice
    List<Problem> walkWarnings = new ArrayList<>();
    CatalogLoader quiet = new CatalogLoader(options.toBuilder().warnings(walkWarnings::add).build());
    List<Problem> problems = new ArrayList<>();
    List<CatalogLoader.Input> inputs = quiet.inputs(roots, problems);
    if (inputs.isEmpty()) {
      return false;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.parallelism()), r -> {
      Thread t = new Thread(r, "fbc-load");
      t.setDaemon(true);
      return t;
    });
    try {
      Optional<List<List<String>>> scanned = scan(inputs, pool);
      if (scanned.isEmpty()) {
        return false;
      }
      return write(inputs, scanned.get(), problems, walkWarnings, transform, out, format, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The package of each blob of each file, or empty when one file cannot be vouched for. */
  private Optional<List<List<String>>> scan(List<CatalogLoader.Input> inputs, ExecutorService pool) {
    List<Future<Optional<List<String>>>> futures = new ArrayList<>();
    for (CatalogLoader.Input in : inputs) {
      futures.add(pool.submit(() -> PackageScan.packages(in.path(), options.maxFileBytes())));
    }
    List<List<String>> keys = new ArrayList<>();
    for (Future<Optional<List<String>>> f : futures) {
      Optional<List<String>> k = get(f);
      if (k.isEmpty()) {
        futures.forEach(x -> x.cancel(true));
        return Optional.empty();
      }
      keys.add(k.get());
    }
    return Optional.of(keys);
  }

  private boolean write(List<CatalogLoader.Input> inputs, List<List<String>> keys, List<Problem> problems,
      List<Problem> walkWarnings, UnaryOperator<Blob> transform, OutputStream out, CatalogWriter.Format format,
      ExecutorService pool) {
    int n = inputs.size();
    // the files of each package, in walk order; packages in opm's order
    TreeMap<String, List<Integer>> filesOf = new TreeMap<>(CatalogWriter.goOrder());
    for (int i = 0; i < n; i++) {
      for (String k : keys.get(i)) {
        if (!k.isEmpty()) {
          List<Integer> files = filesOf.computeIfAbsent(k, x -> new ArrayList<>());
          if (files.isEmpty() || files.get(files.size() - 1) != i) {
            files.add(i);
          }
        }
      }
    }
    // files in the order their packages need them; files of root blobs only (or of dropped blobs) at the end
    LinkedHashSet<Integer> order = new LinkedHashSet<>();
    filesOf.values().forEach(order::addAll);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Map<String, Integer> left = new HashMap<>();
    filesOf.forEach((k, files) -> left.put(k, files.size()));
    List<String> packages = new ArrayList<>(filesOf.keySet());
    Map<String, TreeMap<Integer, List<Blob>>> pending = new HashMap<>();
    List<List<Blob>> roots = new ArrayList<>(java.util.Collections.nCopies(n, List.of()));
    List<List<Problem>> fileProblems = new ArrayList<>(java.util.Collections.nCopies(n, List.of()));
    HoldBack held = new HoldBack(out, holdBytes);
    ByteSink sink = new ByteSink(1 << 16, held);
    boolean failed = !problems.isEmpty();
    int next = 0;

    ArrayDeque<Future<CatalogLoader.FileResult>> inflight = new ArrayDeque<>();
    List<Integer> schedule = new ArrayList<>(order);
    int submitted = 0;
    int window = Math.max(1, options.parallelism()) + 1;
    for (int j = 0; j < n; j++) {
      while (submitted < n && submitted < j + window) {
        CatalogLoader.Input in = inputs.get(schedule.get(submitted++));
        inflight.add(pool.submit(() -> loader.parseFile(in)));
      }
      int i = schedule.get(j);
      CatalogLoader.FileResult r = get(inflight.poll());
      fileProblems.set(i, r.problems());
      if (r.problems().stream().anyMatch(Problem::isError)) {
        failed = true;
      }
      if (failed) {
        continue; // every file is still read, for the full list of problems
      }
      List<String> got = r.blobs().stream().map(Blob::packageName).toList();
      if (!got.equals(keys.get(i))) {
        if (held.released()) {
          throw new FbcException(inputs.get(i).display() + ": read differently by the quick pass and the parser"
              + " (was the file changed while fbc read it?)");
        }
        inflight.forEach(f -> f.cancel(true));
        return false;
      }
      List<Blob> rootBlobs = new ArrayList<>();
      for (Blob b : r.blobs()) {
        String k = b.packageName();
        if (k.isEmpty()) {
          if (b instanceof UnknownBlob) {
            rootBlobs.add(b);
          }
          continue;
        }
        pending.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(i, x -> new ArrayList<>()).add(b);
      }
      roots.set(i, rootBlobs);
      for (String k : new LinkedHashSet<>(keys.get(i))) {
        if (!k.isEmpty()) {
          left.merge(k, -1, Integer::sum);
        }
      }
      while (next < packages.size() && left.get(packages.get(next)) == 0) {
        writePackage(pending.remove(packages.get(next)), transform, sink, format);
        next++;
      }
    }
    walkWarnings.forEach(options.warnings());
    for (int i = 0; i < n; i++) {
      CatalogLoader.sortProblems(fileProblems.get(i), problems, options);
    }
    if (!problems.isEmpty()) {
      throw new CatalogLoadException(problems);
    }
    for (List<Blob> rootBlobs : roots) {
      for (Blob b : rootBlobs) {
        CatalogWriter.writeBlob(transform.apply(b), sink, format, false);
      }
    }
    sink.flush();
    held.finish();
    return true;
  }

  private static void writePackage(TreeMap<Integer, List<Blob>> byFile, UnaryOperator<Blob> transform,
      ByteSink sink, CatalogWriter.Format format) {
    List<Blob> group = new ArrayList<>();
    for (List<Blob> blobs : byFile.values()) {
      for (Blob b : blobs) {
        group.add(transform.apply(b));
      }
    }
    List<Blob> ordered = new ArrayList<>(group.size());
    CatalogWriter.orderPackage(group, ordered);
    for (Blob b : ordered) {
      CatalogWriter.writeBlob(b, sink, format, false);
    }
    sink.flush(); // whole packages only reach the stream
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FbcException("interrupted while loading", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new FbcException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  /**
   * Passes output on once more than {@code limit} bytes have come, holding it until then, so that a failure
   * before that point leaves the stream untouched.
   */
  static final class HoldBack extends OutputStream {
    private final OutputStream out;
    private final long limit;
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private boolean released;

    HoldBack(OutputStream out, long limit) {
      this.out = out;
      this.limit = limit;
    }

    boolean released() {
      return released;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (released) {
        out.write(b, off, len);
        return;
      }
      chunks.add(Arrays.copyOfRange(b, off, off + len));
      size += len;
      if (size > limit) {
        release();
      }
    }

    private void release() throws IOException {
      released = true;
      for (byte[] c : chunks) {
        out.write(c);
      }
      chunks.clear();
    }

    /** Writes what is held: the output is complete. */
    void finish() {
      try {
        if (!released) {
          release();
        }
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
