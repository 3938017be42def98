package dev.fbc.internal.io;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.base.Source;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.model.Blob;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code opm render} of catalog directories without holding the catalog. A quick pass ({@link PackageScan}) finds
 * every blob's place: its file, its bytes, its schema, package and name. That is enough to know opm's output order
 * (packages by name; in each, the package blob, channels and bundles by name, other blobs, deprecations) before
 * anything is parsed. The blobs are then read in that order, in runs of neighbouring blobs of one file, each run
 * read from its file, parsed, transformed and encoded by a pool thread, and the encoded runs are written in order.
 * Memory is bounded by the runs in flight, not by files, packages or the catalog; a large file is parsed by every
 * thread at once. The output is byte for byte that of loading the whole catalog and writing it with
 * {@link CatalogWriter} in opm mode.
 *
 * <p>Errors: the first problem a run meets stops the output; then every file is read the ordinary way and all
 * problems are reported together, as by {@link CatalogLoader}. When the ordinary read finds none (a file whose
 * first object only opm's YAML fallback reads, a file changed since the quick pass), the catalog is handed back to
 * the whole load if nothing has reached the stream, else the output is finished from a whole load. The first {@link #HOLD_BYTES} bytes of output are held
 * back, so a catalog that fails to load prints nothing unless its output would be larger than that; beyond it, a
 * failure leaves the output written so far (whole blobs in opm's order, ending before the failing one), then the
 * exception says why and the command exits non-zero.
 */
public final class CatalogStreamer {
  /** Output held back before anything reaches the stream. */
  public static final int HOLD_BYTES = 16 << 20;
  /** Neighbouring blobs are read, parsed and encoded in runs of about this many bytes of input. */
  private static final long RUN_BYTES = 1 << 18;

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
   * normalization, migrations) before it is written. Returns false, having written nothing and reported nothing,
   * when the catalog holds input the quick pass cannot vouch for (YAML files, odd keys; see {@link PackageScan});
   * the caller then loads it whole.
   *
   * @throws CatalogLoadException listing every file that could not be read
   */
  public boolean render(List<Path> roots, UnaryOperator<Blob> transform, OutputStream out,
      CatalogWriter.Format format) {
    // walk warnings are kept until the end (where the whole load reports file warnings too), so that a fallback
    // does not report them twice
    List<Problem> walkWarnings = new ArrayList<>();
    CatalogLoader quiet = new CatalogLoader(options.toBuilder().warnings(walkWarnings::add).build());
    List<Problem> walkProblems = new ArrayList<>();
    List<CatalogLoader.Input> inputs = quiet.inputs(roots, walkProblems);
    if (inputs.isEmpty()) {
      return false;
    }
    int threads = Math.max(1, options.parallelism());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "fbc-load");
      t.setDaemon(true);
      return t;
    });
    try {
      HoldBack held = new HoldBack(out, holdBytes);
      Output output = new Output(held);
      if (!walkProblems.isEmpty()) {
        throw failure(inputs, walkProblems, walkWarnings, pool, output).orElseThrow(); // nothing is written
      }
      Optional<List<List<PackageScan.Entry>>> scanned = scan(inputs, pool);
      if (scanned.isEmpty()) {
        return false;
      }
      Plan runs = new Plan(scanned.get());
      ArrayDeque<Future<Result>> inflight = new ArrayDeque<>();
      long inflightBytes = 0;
      int submitted = 0;
      for (int j = 0; runs.has(j); j++) {
        // two runs a thread whatever their size, so that a thread that finishes a large run before the one
        // awaited has another to go on with; more while they are small
        while (runs.has(submitted) && (inflight.size() < 2 * threads || inflight.size() < 4 * threads
            && inflightBytes + runs.get(submitted).bytes() <= 4 * threads * RUN_BYTES)) {
          Run run = runs.get(submitted++);
          inflight.add(pool.submit(() -> read(run, inputs.get(run.file()), transform, format, output)));
          inflightBytes += run.bytes();
        }
        Result r = Futures.await(inflight.poll(), "loading");
        inflightBytes -= runs.get(j).bytes();
        output.write(r.encoded());
        if (!r.problems().isEmpty() || r.mismatch()) {
          inflight.forEach(f -> f.cancel(false));
          if (!r.problems().isEmpty()) {
            Optional<CatalogLoadException> failed = failure(inputs, new ArrayList<>(), walkWarnings, pool, output);
            if (failed.isPresent()) {
              throw failed.get();
            }
          }
          // the files read whole hold no problem, or a run did not see what the quick pass saw: the runs read the
          // catalog differently from the whole load (a file's first object that only the YAML fallback reads, a
          // file changed since the quick pass)
          if (!held.released()) {
            return false; // nothing reached the stream: the whole load reads it
          }
          finishWhole(roots, transform, format, runs.written(j, r.blobs()), held);
          return true;
        }
        if (r.error().isPresent()) {
          inflight.forEach(f -> f.cancel(false));
          // the whole load reads every file before it transforms: its problems come first
          Optional<CatalogLoadException> failed = failure(inputs, new ArrayList<>(), walkWarnings, pool, output);
          if (failed.isPresent()) {
            throw failed.get();
          }
          walkWarnings.forEach(options.warnings());
          output.flush(); // the blobs before the failing one, whole
          throw r.error().get();
        }
      }
      walkWarnings.forEach(options.warnings());
      held.finish();
      return true;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The blobs of each file, or empty when one file cannot be vouched for. The files are scanned largest first, so
   * that no thread scans a large file alone at the end.
   */
  private Optional<List<List<PackageScan.Entry>>> scan(List<CatalogLoader.Input> inputs, ExecutorService pool) {
    int n = inputs.size();
    List<Future<Optional<List<PackageScan.Entry>>>> futures = new ArrayList<>(Collections.nCopies(n, null));
    Integer[] bySize = new Integer[n];
    Arrays.setAll(bySize, i -> i);
    Arrays.sort(bySize, Comparator.comparingLong((Integer i) -> inputs.get(i).size()).reversed());
    for (int i : bySize) {
      CatalogLoader.Input in = inputs.get(i);
      futures.set(i, pool.submit(() -> PackageScan.scan(in.path(), options.maxFileBytes())));
    }
    List<List<PackageScan.Entry>> entries = new ArrayList<>(n);
    for (Future<Optional<List<PackageScan.Entry>>> f : futures) {
      Optional<List<PackageScan.Entry>> e = Futures.await(f, "loading");
      if (e.isEmpty()) {
        futures.forEach(x -> x.cancel(false));
        return Optional.empty();
      }
      entries.add(e.get());
    }
    return Optional.of(entries);
  }

  /** One blob found by the quick pass: file {@code file}'s blob number {@code index}. */
  private record Ref(int file, int index, PackageScan.Entry entry, CatalogWriter.Rank rank) {}

  /**
   * Neighbouring blobs of one file ({@code refs}, consecutive in the file and in the output), read in one piece;
   * with {@code write} false they are only checked (blobs of no package that opm drops, but whose errors count).
   */
  private record Run(int file, List<Ref> refs, boolean write) {
    long start() {
      return refs.get(0).entry().start();
    }

    long bytes() {
      return refs.get(refs.size() - 1).entry().end() - start();
    }
  }

  /**
   * Every blob in output order, cut into runs: the packages in opm's order, then the blobs opm drops (checked, not
   * written), then the other blobs of no package in input order. The blobs are grouped up front; each package is
   * ordered and cut when the render comes to it, while the pool threads read the runs before it.
   */
  private static final class Plan {
    private final List<Run> runs = new ArrayList<>();
    private final Iterator<List<Ref>> packages;
    private final List<Ref> dropped = new ArrayList<>();
    private final List<Ref> rootBlobs = new ArrayList<>();
    private boolean tail;

    Plan(List<List<PackageScan.Entry>> files) {
      TreeMap<String, List<Ref>> byPackage = new TreeMap<>(CatalogWriter.goOrder());
      for (int f = 0; f < files.size(); f++) {
        List<PackageScan.Entry> entries = files.get(f);
        for (int k = 0; k < entries.size(); k++) {
          PackageScan.Entry e = entries.get(k);
          Ref ref = new Ref(f, k, e, CatalogWriter.Rank.of(e.schema(), e.name()));
          if (!e.group().isEmpty()) {
            byPackage.computeIfAbsent(e.group(), x -> new ArrayList<>()).add(ref);
          } else if (ref.rank().ofKnownSchema()) {
            dropped.add(ref);
          } else {
            rootBlobs.add(ref);
          }
        }
      }
      packages = byPackage.values().iterator();
    }

    /** Whether there is a run {@code j}, planning as far as needed to know. */
    boolean has(int j) {
      while (runs.size() <= j && !tail) {
        if (packages.hasNext()) {
          List<Ref> ordered = new ArrayList<>();
          CatalogWriter.orderPackage(packages.next(), Ref::rank, ordered);
          cut(ordered, true, runs);
        } else {
          cut(dropped, false, runs);
          cut(rootBlobs, true, runs);
          tail = true;
        }
      }
      return j < runs.size();
    }

    /** Run {@code j}, once {@link #has} said there is one. */
    Run get(int j) {
      return runs.get(j);
    }

    /** The blobs written when runs before {@code j} were, and the first {@code blobs} of run {@code j}. */
    List<Ref> written(int j, int blobs) {
      List<Ref> refs = new ArrayList<>();
      for (int i = 0; i < j; i++) {
        if (runs.get(i).write()) {
          refs.addAll(runs.get(i).refs());
        }
      }
      refs.addAll(runs.get(j).refs().subList(0, blobs));
      return refs;
    }
  }

  /** Cuts blobs in output order into runs of neighbours of one file, of about {@link #RUN_BYTES} each. */
  private static void cut(List<Ref> refs, boolean write, List<Run> runs) {
    int start = 0;
    while (start < refs.size()) {
      Ref first = refs.get(start);
      int end = start + 1;
      while (end < refs.size() && refs.get(end).file() == first.file()
          && refs.get(end).index() == refs.get(end - 1).index() + 1
          && refs.get(end).entry().end() - first.entry().start() <= RUN_BYTES) {
        end++;
      }
      runs.add(new Run(first.file(), List.copyOf(refs.subList(start, end)), write));
      start = end;
    }
  }

  /**
   * A run read: its encoding (blobs before a failure), and what stopped it if anything did: problems of the parse,
   * a parse that does not see what the quick pass saw, or the transform's exception.
   */
  private record Result(Output.Encoded encoded, int blobs, List<Problem> problems, boolean mismatch,
      Optional<RuntimeException> error) {
    /** The first {@code blobs} blobs encoded, and nothing went wrong (yet). */
    static Result done(Output.Encoded encoded, int blobs) {
      return new Result(encoded, blobs, List.of(), false, Optional.empty());
    }

    /** The run's parse found problems; nothing of it was encoded. */
    static Result failed(Output.Encoded encoded, List<Problem> problems) {
      return new Result(encoded, 0, problems, false, Optional.empty());
    }

    /** The first {@code blobs} blobs encoded, then one not where the quick pass placed it. */
    static Result misplaced(Output.Encoded encoded, int blobs) {
      return new Result(encoded, blobs, List.of(), true, Optional.empty());
    }
  }

  /** Reads, parses, checks, transforms and encodes one run, in a pool thread. */
  private Result read(Run run, CatalogLoader.Input in, UnaryOperator<Blob> transform, CatalogWriter.Format format,
      Output output) {
    Output.Encoded encoded = output.encoder();
    byte[] bytes;
    int len = Math.toIntExact(run.bytes());
    try {
      bytes = RunBuffer.read(in.path(), run.start(), len);
    } catch (IOException e) {
      // a file that went away or shrank since the quick pass: the ordinary read of every file says what is wrong
      return Result.failed(encoded, List.of(new Problem("load.io", Problem.Severity.ERROR,
          new Source(in.display(), 0), "cannot read: " + e.getMessage(), "")));
    }
    CatalogLoader.FileResult r = loader.parseRange(in, bytes, 0, len, run.refs().get(0).entry().line());
    if (!r.problems().isEmpty()) {
      return Result.failed(encoded, r.problems());
    }
    List<Blob> blobs = r.blobs();
    if (blobs.size() != run.refs().size()) {
      return Result.misplaced(encoded, 0);
    }
    for (int k = 0; k < blobs.size(); k++) {
      if (!fits(blobs.get(k), run.refs().get(k))) {
        return Result.misplaced(encoded, 0);
      }
    }
    for (int k = 0; k < blobs.size(); k++) {
      Blob t;
      try {
        t = transform.apply(blobs.get(k)); // dropped blobs too: the whole load migrates every blob, and may fail
      } catch (RuntimeException e) {
        encoded.sink.flush();
        return new Result(encoded, run.write() ? k : 0, List.of(), false, Optional.of(e));
      }
      if (!run.write()) {
        continue;
      }
      blobs.set(k, null); // a large blob's tree goes once encoded
      if (!fits(t, run.refs().get(k))) {
        encoded.sink.flush();
        return Result.misplaced(encoded, k);
      }
      CatalogWriter.writeBlob(t, encoded.sink, format, false);
    }
    encoded.sink.flush();
    return Result.done(encoded, run.write() ? blobs.size() : 0);
  }

  /** Whether a blob is where the quick pass placed it: the same schema, package and rank. */
  private static boolean fits(Blob b, Ref ref) {
    // the rank's fields compared, not the records: a record's first equals() spins method handles (about 20 ms)
    CatalogWriter.Rank r = CatalogWriter.Rank.of(b);
    return b.schema().equals(ref.entry().schema()) && b.packageName().equals(ref.entry().group())
        && r.group() == ref.rank().group() && r.key().equals(ref.rank().key());
  }

  /**
   * The exception for a catalog that failed to load, if it did: every file is read the ordinary way (in the pool)
   * and its problems are listed after those of the walk, as the whole load lists them; output so far is written
   * first. Without errors nothing is reported (the whole load the caller then turns to reports the warnings).
   */
  private Optional<CatalogLoadException> failure(List<CatalogLoader.Input> inputs, List<Problem> problems,
      List<Problem> walkWarnings, ExecutorService pool, Output output) {
    List<Future<List<Problem>>> files = new ArrayList<>();
    for (CatalogLoader.Input in : inputs) {
      files.add(pool.submit(() -> loader.parseFile(in).problems()));
    }
    List<List<Problem>> found = new ArrayList<>();
    for (Future<List<Problem>> f : files) {
      found.add(Futures.await(f, "loading"));
    }
    if (problems.isEmpty() && found.stream().flatMap(List::stream).noneMatch(Problem::isError)) {
      return Optional.empty();
    }
    walkWarnings.forEach(options.warnings());
    found.forEach(p -> CatalogLoader.sortProblems(p, problems, options));
    output.flush();
    return Optional.of(new CatalogLoadException(problems));
  }

  /**
   * Writes the rest of the output from a whole load, once the blobs of {@code written} have been written from runs:
   * for input the runs read differently from the whole load, after output has been released. They must be the start
   * of the whole load's output (they are, unless files changed under the render): else nothing more is written.
   */
  private void finishWhole(List<Path> roots, UnaryOperator<Blob> transform, CatalogWriter.Format format,
      List<Ref> written, HoldBack held) {
    List<Blob> blobs = new ArrayList<>();
    for (Blob b : loader.load(roots).blobs()) {
      blobs.add(transform.apply(b));
    }
    List<Blob> ordered = CatalogWriter.opmOrder(blobs);
    for (int i = 0; i < written.size(); i++) {
      if (i >= ordered.size() || !fits(ordered.get(i), written.get(i))) {
        held.finish();
        throw new FbcException("the catalog files changed while fbc read them (the output so far is from before);"
            + " run the command again");
      }
    }
    ByteSink sink = new ByteSink(1 << 16, held);
    for (int i = written.size(); i < ordered.size(); i++) {
      CatalogWriter.writeBlob(ordered.get(i), sink, format, false);
    }
    sink.flush();
    held.finish();
  }

  /**
   * Reads a run's bytes into a buffer of the thread's, kept for the next run unless it grew large. The file is read
   * through one direct buffer of the thread's, a run's size, and copied out piece by piece: a channel given a heap
   * buffer reads into a temporary direct buffer of the whole read's size, and allocates (and zeroes) a new one
   * whenever a read is larger than those it keeps.
   */
  private static final class RunBuffer {
    private static final int KEEP = 4 << 20;
    private static final int PIECE = (int) RUN_BYTES;
    private static final ThreadLocal<RunBuffer> OF_THREAD = ThreadLocal.withInitial(RunBuffer::new);

    private byte[] bytes = new byte[PIECE * 2];
    private final ByteBuffer piece = ByteBuffer.allocateDirect(PIECE);

    static byte[] read(Path file, long position, int len) throws IOException {
      RunBuffer b = OF_THREAD.get();
      byte[] target = b.bytes;
      if (target.length < len) {
        target = new byte[len];
        if (len <= KEEP) {
          b.bytes = target;
        }
      }
      try (FileChannel ch = FileChannel.open(file)) {
        for (int done = 0; done < len; ) {
          b.piece.clear().limit(Math.min(PIECE, len - done));
          while (b.piece.hasRemaining()) {
            if (ch.read(b.piece, position + done + b.piece.position()) < 0) {
              throw new IOException("the file is shorter than when it was first read");
            }
          }
          b.piece.flip().get(target, done, b.piece.remaining());
          done += b.piece.limit();
        }
      }
      return target;
    }
  }

  /**
   * Where encoded runs go: each run is encoded by a pool thread into chunks of {@link #CHUNK} bytes, which are
   * used again once written (encoded runs in whole buffers filled the old generation with dead megabytes), and
   * written in order by the thread that runs the render.
   */
  private static final class Output {
    private static final int CHUNK = 1 << 16;
    /** Chunks kept for use again, at most: about those of the runs that may be in flight. */
    private static final int MAX_SPARE = 64;

    private final OutputStream out;
    private final ConcurrentLinkedQueue<byte[]> spareChunks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Encoded> spareEncoders = new ConcurrentLinkedQueue<>();

    Output(OutputStream out) {
      this.out = out;
    }

    /** An encoder for a pool thread: one used before, or a new one. */
    Encoded encoder() {
      return Optional.ofNullable(spareEncoders.poll()).orElseGet(Encoded::new);
    }

    /** Writes an encoded run and takes its chunks back. */
    void write(Encoded e) {
      try {
        e.chunks.drainTo(out, c -> {
          if (spareChunks.size() < MAX_SPARE) {
            spareChunks.add(c);
          }
        });
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      spareEncoders.add(e);
    }

    void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** One run's encoding: a buffer that passes its bytes on in chunks. */
    private final class Encoded extends OutputStream {
      private final ByteSink sink = new ByteSink(CHUNK, this);
      private final ChunkList chunks = new ChunkList(CHUNK,
          () -> Optional.ofNullable(spareChunks.poll()).orElseGet(() -> new byte[CHUNK]));

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        chunks.append(b, off, len);
      }
    }
  }

  /** Bytes kept in chunks of one size, in order: where output waits without being copied to grow a buffer. */
  private static final class ChunkList {
    private final int chunkSize;
    private final Supplier<byte[]> newChunk;
    private final List<byte[]> chunks = new ArrayList<>();
    /** Bytes used in the last chunk. */
    private int last;

    ChunkList(int chunkSize, Supplier<byte[]> newChunk) {
      this.chunkSize = chunkSize;
      this.newChunk = newChunk;
      this.last = chunkSize;
    }

    void append(byte[] b, int off, int len) {
      while (len > 0) {
        if (last == chunkSize) {
          chunks.add(newChunk.get());
          last = 0;
        }
        int k = Math.min(len, chunkSize - last);
        System.arraycopy(b, off, chunks.get(chunks.size() - 1), last, k);
        last += k;
        off += k;
        len -= k;
      }
    }

    /** Writes the bytes to {@code out} and forgets them, handing each chunk to {@code done} once written. */
    void drainTo(OutputStream out, Consumer<byte[]> done) throws IOException {
      for (int k = 0; k < chunks.size(); k++) {
        byte[] c = chunks.get(k);
        out.write(c, 0, k == chunks.size() - 1 ? last : chunkSize);
        done.accept(c);
      }
      chunks.clear();
      last = chunkSize;
    }
  }

  /**
   * Passes output on once more than {@code limit} bytes have come, holding it until then, so that a failure
   * before that point leaves the stream untouched. What is held is kept in chunks of a mebibyte: a young collection
   * promotes them once, where many small copies were copied about (and direct buffers cost more to zero and fault
   * in than they saved).
   */
  static final class HoldBack extends OutputStream {
    private static final int CHUNK = 1 << 20;
    private final OutputStream out;
    private final long limit;
    private final ChunkList held = new ChunkList(CHUNK, () -> new byte[CHUNK]);
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
      size += len;
      if (size > limit) {
        release();
        out.write(b, off, len);
        return;
      }
      held.append(b, off, len);
    }

    /** Passes on what has been released (nothing while output is held). */
    @Override
    public void flush() throws IOException {
      if (released) {
        out.flush();
      }
    }

    private void release() throws IOException {
      released = true;
      held.drainTo(out, c -> { });
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
