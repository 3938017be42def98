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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * {@code opm render} of catalog directories without holding the catalog: a quick pass ({@link PackageScan}) learns
 * which files hold which packages; files are then parsed in the order their packages are written (packages by
 * name, as opm orders them), a few at a time, and each package is written as soon as every file holding part of
 * it has been read, then dropped. The first few files in walk order are parsed while the quick pass still runs,
 * and held until their turn. Memory is bounded by the largest files in flight and the packages they hold, not
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
    // once a file has failed nothing more is written, so the load threads stop transforming (they still read)
    AtomicBoolean failing = new AtomicBoolean(!problems.isEmpty());
    Map<Integer, Future<Parsed>> early = new HashMap<>();
    try {
      Optional<List<List<String>>> scanned = scan(inputs, pool, transform, failing, early);
      if (scanned.isEmpty()) {
        early.values().forEach(f -> f.cancel(true));
        return false;
      }
      return write(inputs, scanned.get(), problems, walkWarnings, transform, out, format, pool, failing, early);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The package of each blob of each file, or empty when one file cannot be vouched for. The files are scanned
   * largest first, so that no thread scans a large file alone at the end; after the scans, the first
   * {@code parallelism} files in walk order (a guess at the order they are written in: directories are usually
   * named after their package) are parsed into {@code early}, so that the threads parse while the last scans
   * finish. Nothing is written before every scan is done: any file could hold part of any package.
   */
  private Optional<List<List<String>>> scan(List<CatalogLoader.Input> inputs, ExecutorService pool,
      UnaryOperator<Blob> transform, AtomicBoolean failing, Map<Integer, Future<Parsed>> early) {
    int n = inputs.size();
    List<Future<Optional<List<String>>>> futures = new ArrayList<>(Collections.nCopies(n, null));
    Integer[] bySize = new Integer[n];
    Arrays.setAll(bySize, i -> i);
    Arrays.sort(bySize, Comparator.comparingLong((Integer i) -> inputs.get(i).size()).reversed());
    for (int i : bySize) {
      CatalogLoader.Input in = inputs.get(i);
      futures.set(i, pool.submit(() -> PackageScan.packages(in.path(), options.maxFileBytes())));
    }
    for (int i = 0; i < Math.min(n, Math.max(1, options.parallelism())); i++) {
      CatalogLoader.Input in = inputs.get(i);
      early.put(i, pool.submit(() -> parse(in, transform, failing)));
    }
    List<List<String>> keys = new ArrayList<>();
    for (Future<Optional<List<String>>> f : futures) {
      Optional<List<String>> k = Futures.await(f, "loading");
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
      ExecutorService pool, AtomicBoolean failing, Map<Integer, Future<Parsed>> early) {
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
    Map<String, TreeMap<Integer, List<Item>>> pending = new HashMap<>();
    List<List<Item>> roots = new ArrayList<>(java.util.Collections.nCopies(n, List.of()));
    List<List<Problem>> fileProblems = new ArrayList<>(java.util.Collections.nCopies(n, List.of()));
    HoldBack held = new HoldBack(out, holdBytes);
    Output output = new Output(held, pool, format, Math.max(1, options.parallelism()));
    int next = 0;

    ArrayDeque<Future<Parsed>> inflight = new ArrayDeque<>();
    List<Integer> schedule = new ArrayList<>(order);
    int submitted = 0;
    int window = Math.max(1, options.parallelism());
    for (int j = 0; j < n; j++) {
      while (submitted < n && submitted < j + window) {
        int file = schedule.get(submitted++);
        CatalogLoader.Input in = inputs.get(file);
        Future<Parsed> parsed = early.remove(file); // parsed while the scans ran, held until its turn
        inflight.add(parsed != null ? parsed : pool.submit(() -> parse(in, transform, failing)));
      }
      int i = schedule.get(j);
      if (!take(i, output.await(inflight.poll()), keys.get(i), pending, roots, fileProblems, failing)) {
        if (held.released()) {
          output.finish(); // the packages before it, whole
          throw new FbcException(inputs.get(i).display() + ": read differently by the quick pass and the parser"
              + " (was the file changed while fbc read it?)");
        }
        inflight.forEach(f -> f.cancel(true));
        early.values().forEach(f -> f.cancel(true));
        return false; // the batches not yet written go with the pool: nothing reaches the stream
      }
      if (failing.get()) {
        continue; // every file is still read, for the full list of problems
      }
      for (String k : new LinkedHashSet<>(keys.get(i))) {
        if (!k.isEmpty()) {
          left.merge(k, -1, Integer::sum);
        }
      }
      while (next < packages.size() && left.get(packages.get(next)) == 0) {
        List<Item> group = new ArrayList<>();
        pending.remove(packages.get(next)).values().forEach(group::addAll);
        List<Item> ordered = new ArrayList<>(group.size());
        output.check(group); // the first failure in input order, as the transform met it when the writer ran it
        CatalogWriter.orderPackage(group, Item::rank, ordered);
        group.clear(); // the write lets each blob go once encoded
        output.write(ordered);
        next++;
      }
    }
    walkWarnings.forEach(options.warnings());
    for (int i = 0; i < n; i++) {
      CatalogLoader.sortProblems(fileProblems.get(i), problems, options);
    }
    if (!problems.isEmpty()) {
      output.finish(); // the packages read before the failure, whole
      throw new CatalogLoadException(problems);
    }
    List<Item> rootItems = new ArrayList<>();
    roots.forEach(rootItems::addAll);
    output.check(rootItems);
    output.write(rootItems);
    output.finish();
    held.finish();
    return true;
  }

  /**
   * Sorts file {@code i}'s blobs under their packages (the root ones apart) and its problems, unless a file has
   * failed: then nothing more is written. Returns false when the parser did not see the packages the quick pass
   * saw. A method of its own so that no frame holds the file's blobs while its packages are written.
   */
  private static boolean take(int i, Parsed r, List<String> keys, Map<String, TreeMap<Integer, List<Item>>> pending,
      List<List<Item>> roots, List<List<Problem>> fileProblems, AtomicBoolean failing) {
    fileProblems.set(i, r.problems());
    if (r.problems().stream().anyMatch(Problem::isError)) {
      failing.set(true);
    }
    if (failing.get()) {
      return true;
    }
    if (!r.packages().equals(keys)) {
      return false;
    }
    List<Item> rootItems = new ArrayList<>();
    for (Item it : r.items()) {
      if (it.packageName().isEmpty()) {
        rootItems.add(it);
      } else {
        pending.computeIfAbsent(it.packageName(), x -> new TreeMap<>()).computeIfAbsent(i, x -> new ArrayList<>())
            .add(it);
      }
    }
    roots.set(i, rootItems);
    return true;
  }

  /**
   * One blob after {@code transform}, in a load thread; or {@code error}, what the transform threw, raised only
   * when the writer comes to the blob's package (where it was raised when the writer transformed it).
   */
  private record Item(String packageName, Blob blob, Optional<RuntimeException> error) {
    CatalogWriter.Rank rank() {
      return CatalogWriter.Rank.of(blob);
    }
  }

  /** A file read: the package of every blob (dropped ones too, to check against the quick pass), its blobs. */
  private record Parsed(List<String> packages, List<Item> items, List<Problem> problems) {}

  /** Parses and transforms a file, in a load thread; the blobs opm drops are dropped here. */
  private Parsed parse(CatalogLoader.Input in, UnaryOperator<Blob> transform, AtomicBoolean failing) {
    CatalogLoader.FileResult r = loader.parseFile(in);
    List<String> packages = r.blobs().stream().map(Blob::packageName).toList();
    if (failing.get() || r.problems().stream().anyMatch(Problem::isError)) {
      return new Parsed(packages, List.of(), r.problems()); // nothing will be written
    }
    List<Item> items = new ArrayList<>(r.blobs().size());
    for (Blob b : r.blobs()) {
      if (b.packageName().isEmpty() && !(b instanceof UnknownBlob)) {
        continue;
      }
      try {
        items.add(new Item(b.packageName(), transform.apply(b), Optional.empty()));
      } catch (RuntimeException e) {
        items.add(new Item(b.packageName(), b, Optional.of(e)));
      }
    }
    return new Parsed(packages, items, r.problems());
  }

  /**
   * The output side: blobs in output order are cut into batches that the load threads encode (a blob's bytes
   * depend only on the blob, so the encoding, most of the writing work, spreads over the threads), and the
   * encoded batches are written in order. The writer thread only orders and copies bytes. Batches in flight are
   * bounded by count and size: {@code threads} of any size (so that large blobs are encoded side by side too),
   * more only while they are small. Encoded bytes are kept in chunks of {@link #CHUNK} bytes that are used again
   * once written: batches of large blobs in whole buffers made the old generation fill with dead megabytes.
   */
  private static final class Output {
    /** Batches of about this many bytes of output are encoded by one task. */
    private static final long BATCH_BYTES = 1 << 18;
    private static final int CHUNK = 1 << 16;
    /** Chunks kept for use again, at most: those of the batches that may be in flight. */
    private final int maxSpare;

    private final OutputStream out;
    private final ExecutorService pool;
    private final CatalogWriter.Format format;
    private final int threads;
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private long inflightBytes;
    private final ConcurrentLinkedQueue<byte[]> spareChunks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Encoder> spareEncoders = new ConcurrentLinkedQueue<>();

    private record Batch(Future<Encoder> bytes, long estimate) {}

    Output(OutputStream out, ExecutorService pool, CatalogWriter.Format format, int threads) {
      this.out = out;
      this.pool = pool;
      this.format = format;
      this.threads = threads;
      this.maxSpare = (int) (4 * threads * BATCH_BYTES / CHUNK);
    }

    /** Throws the first failure of the transform among {@code items}, after writing what came before them. */
    void check(List<Item> items) {
      for (Item it : items) {
        if (it.error().isPresent()) {
          finish();
          throw it.error().get();
        }
      }
    }

    /**
     * Hands the blobs, in output order, to the load threads. The list is emptied as it goes, so that the trees
     * of a large package go as they are encoded.
     */
    void write(List<Item> items) {
      int start = 0;
      while (start < items.size()) {
        int end = start;
        long size = 0;
        while (end < items.size() && (size < BATCH_BYTES || end == start)) {
          size += CatalogWriter.estimate(items.get(end).blob());
          end++;
        }
        List<Item> batch = new ArrayList<>(items.subList(start, end));
        Collections.fill(items.subList(start, end), null);
        while (!batches.isEmpty() && (batches.size() >= 2 * threads
            || batches.size() >= threads && inflightBytes + size > 2 * threads * BATCH_BYTES)) {
          drainOne();
        }
        batches.add(new Batch(pool.submit(() -> {
          Encoder e = Optional.ofNullable(spareEncoders.poll()).orElseGet(Encoder::new);
          for (Item it : batch) {
            CatalogWriter.writeBlob(it.blob(), e.sink, format, false);
          }
          e.sink.flush();
          return e;
        }), size));
        inflightBytes += size;
        start = end;
      }
      drainDone();
    }

    /** Waits for {@code f}, writing the batches that are done meanwhile. */
    <T> T await(Future<T> f) {
      drainDone();
      return Futures.await(f, "loading");
    }

    /** Writes every batch handed over so far. */
    void finish() {
      while (!batches.isEmpty()) {
        drainOne();
      }
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void drainDone() {
      while (!batches.isEmpty() && batches.peek().bytes().isDone()) {
        drainOne();
      }
    }

    private void drainOne() {
      Batch b = batches.poll();
      inflightBytes -= b.estimate();
      Encoder e = Futures.await(b.bytes(), "writing");
      try {
        for (int k = 0; k < e.chunks.size(); k++) {
          byte[] c = e.chunks.get(k);
          out.write(c, 0, k == e.chunks.size() - 1 ? e.last : CHUNK);
          if (spareChunks.size() < maxSpare) {
            spareChunks.add(c);
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      e.chunks.clear();
      e.last = CHUNK;
      spareEncoders.add(e);
    }

    /** A load thread's encoding of one batch: a buffer that passes its bytes on in chunks. */
    private final class Encoder extends OutputStream {
      private final ByteSink sink = new ByteSink(CHUNK, this);
      private final List<byte[]> chunks = new ArrayList<>();
      /** Bytes used in the last chunk. */
      private int last = CHUNK;

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        while (len > 0) {
          if (last == CHUNK) {
            chunks.add(Optional.ofNullable(spareChunks.poll()).orElseGet(() -> new byte[CHUNK]));
            last = 0;
          }
          int k = Math.min(len, CHUNK - last);
          System.arraycopy(b, off, chunks.get(chunks.size() - 1), last, k);
          last += k;
          off += k;
          len -= k;
        }
      }
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
