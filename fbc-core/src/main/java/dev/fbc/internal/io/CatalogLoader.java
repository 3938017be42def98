package dev.fbc.internal.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.internal.json.JacksonJson;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.json.KeyOrder;
import dev.fbc.internal.yaml.YamlDocuments;
import dev.fbc.internal.yaml.YamlToJson;
import dev.fbc.model.Blob;
import dev.fbc.model.Catalog;
import dev.fbc.model.Property;
import dev.fbc.base.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads catalog directories like opm: every regular file at any depth, in lexical order, whatever its extension,
 * except {@code .indexignore} files and what they exclude. Files are parsed in parallel; the result keeps walk
 * order. All failing files are reported together.
 */
public final class CatalogLoader {
  private static final String IGNORE_FILE = ".indexignore";

  /**
   * The property types whose object and array values validation reads no further than their kind (first byte):
   * {@code PropertyChecks} gives {@code olm.csv.metadata} a shape without fields, and no check reads the value the
   * semantic layer keeps. They are most of a real catalog's bytes.
   */
  public static final Set<String> KIND_ONLY_FOR_VALIDATION = Set.of(Property.CSV_METADATA);

  private final LoadOptions options;
  // property types whose values are skipped (kept as {} or []): empty for every load but validation's
  private final Set<String> skipTypes;

  public CatalogLoader(LoadOptions options) {
    this(options, Set.of());
  }

  private CatalogLoader(LoadOptions options, Set<String> skipTypes) {
    this.options = options;
    this.skipTypes = Set.copyOf(skipTypes);
  }

  /**
   * A loader that keeps of the object and array values of the given property types only their kind ({@code {}}
   * or {@code []}), reporting everything else as this one does. Its catalog is for a check that reads no more of
   * those values, never for writing or comparing: validation only.
   */
  public CatalogLoader skippingValues(Set<String> types) {
    return new CatalogLoader(options, types);
  }

  /** One file to read and the name it is shown under. */
  record Input(Path path, String display, long size) {}

  /** Loads directories or single files, in order, as one catalog. */
  public Catalog load(List<Path> roots) {
    List<Problem> problems = new ArrayList<>();
    List<Input> inputs = inputs(roots, problems);
    List<FileResult> results = parseAll(inputs);
    List<Blob> blobs = new ArrayList<>();
    for (FileResult r : results) {
      blobs.addAll(r.blobs());
      sortProblems(r.problems(), problems, options);
    }
    if (!problems.isEmpty()) {
      throw new CatalogLoadException(problems);
    }
    return new Catalog(blobs);
  }

  /**
   * The files to read under {@code roots}, in walk order; problems of the walk go to {@code problems}, its
   * warnings (skipped special files, .indexignore notes) to the options' warnings at once.
   */
  List<Input> inputs(List<Path> roots, List<Problem> problems) {
    List<Input> inputs = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    for (Path root : roots) {
      collect(root, inputs, problems, warnings);
    }
    warnings.forEach(options.warnings());
    return inputs;
  }

  LoadOptions options() {
    return options;
  }

  private void collect(Path root, List<Input> inputs, List<Problem> problems, List<Problem> warnings) {
    String rootName = root.toString();
    if (!Files.exists(root)) {
      throw new FbcException(rootName + ": no such file or directory");
    }
    if (!Files.isDirectory(root)) {
      addInput(root, inputs, warnings);
      return;
    }
    List<Path> files = new ArrayList<>();
    IndexIgnore ignore = new IndexIgnore();
    walk(root, files, ignore, problems, warnings);
    for (Path f : files) {
      List<String> parts = new ArrayList<>();
      for (Path p : root.relativize(f)) {
        parts.add(p.toString());
      }
      if (!ignore.isEmpty() && ignore.ignores(parts)) {
        continue;
      }
      addInput(f, inputs, warnings);
    }
  }

  /**
   * Adds a file to read unless it is a FIFO, device or socket (also through a symlink): opm would open it and
   * block forever on a FIFO or read without end from a device, so it is skipped with a warning, never opened.
   */
  private static void addInput(Path f, List<Input> inputs, List<Problem> warnings) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(f, BasicFileAttributes.class);
    } catch (IOException e) {
      // a dangling symlink, or a file gone since the walk: opening it reports why
      inputs.add(new Input(f, f.toString(), 0));
      return;
    }
    if (attrs.isOther()) {
      warnings.add(new Problem("load.special-file", Problem.Severity.WARNING, new Source(f.toString(), 0),
          "skipped: not a regular file (a FIFO, device or socket" + (Files.isSymbolicLink(f) ? ", through a symlink"
              : "") + ")", "catalog directories hold regular files only; remove it or list it in .indexignore"));
      return;
    }
    inputs.add(new Input(f, f.toString(), attrs.isRegularFile() ? attrs.size() : 0));
  }

  /**
   * Go's {@code WalkDir} order (names compared bytewise, a directory's contents right after it) with an explicit
   * stack, so a tree thousands of directories deep cannot exhaust the thread's stack.
   */
  private void walk(Path root, List<Path> files, IndexIgnore ignore, List<Problem> problems,
      List<Problem> warnings) {
    Deque<Iterator<Path>> stack = new ArrayDeque<>();
    stack.push(list(root, problems).iterator());
    while (!stack.isEmpty()) {
      Iterator<Path> it = stack.peek();
      if (!it.hasNext()) {
        stack.pop();
        continue;
      }
      Path p = it.next();
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        stack.push(list(p, problems).iterator());
      } else if (p.getFileName().toString().equals(IGNORE_FILE)) {
        List<String> domain = new ArrayList<>();
        for (Path part : root.relativize(p.getParent())) {
          if (!part.toString().isEmpty()) {
            domain.add(part.toString());
          }
        }
        readIgnoreFile(p, domain, ignore, problems, warnings);
      } else {
        files.add(p);
      }
    }
  }

  private static List<Path> list(Path dir, List<Problem> problems) {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(entries::add);
    } catch (IOException | DirectoryIteratorException e) {
      String why = e instanceof DirectoryIteratorException die ? die.getCause().getMessage() : e.getMessage();
      problems.add(problem("load.io", dir.toString(), 0, "cannot list directory: " + why, ""));
      return List.of();
    }
    entries.sort(Comparator.comparing(p -> p.getFileName().toString().getBytes(StandardCharsets.UTF_8),
        Arrays::compareUnsigned));
    return entries;
  }

  private void readIgnoreFile(Path p, List<String> domain, IndexIgnore ignore, List<Problem> problems,
      List<Problem> warnings) {
    List<Input> asInput = new ArrayList<>();
    addInput(p, asInput, warnings);
    if (asInput.isEmpty()) {
      return; // a special file: warned about, never opened
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] bytes = in.readNBytes((int) Math.min(yamlLimit(), Integer.MAX_VALUE - 16) + 1);
      if (bytes.length > yamlLimit()) {
        problems.add(problem("load.size", p.toString(), 0, "file is more than the limit of " + yamlLimit()
            + " bytes", "raise LoadOptions.maxYamlFileBytes if the file is genuine"));
        return;
      }
      // Go reads the bytes as they are; undecodable bytes cannot match a valid name anyway
      ignore.add(domain, new String(bytes, StandardCharsets.UTF_8), p.toString(), warnings);
    } catch (IOException e) {
      problems.add(problem("load.io", p.toString(), 0, "cannot read: " + e.getMessage(), ""));
    }
  }

  /** What YAML text may be held in memory at once. */
  private long yamlLimit() {
    return Math.min(options.maxYamlFileBytes(), options.maxFileBytes());
  }

  record FileResult(List<Blob> blobs, List<Problem> problems) {}

  /** A file's problems: errors join {@code errors} (the load fails with all of them), warnings go out at once. */
  static void sortProblems(List<Problem> found, List<Problem> errors, LoadOptions options) {
    for (Problem p : found) {
      if (p.isError()) {
        errors.add(p);
      } else {
        options.warnings().accept(p);
      }
    }
  }

  private List<FileResult> parseAll(List<Input> inputs) {
    FileResult[] results = new FileResult[inputs.size()];
    int threads = Math.min(options.parallelism(), Math.max(1, inputs.size()));
    if (threads <= 1) {
      for (int i = 0; i < inputs.size(); i++) {
        results[i] = parseFile(inputs.get(i));
      }
      return Arrays.asList(results);
    }
    // biggest files first, so one large file does not start last
    Integer[] order = new Integer[inputs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong((Integer i) -> inputs.get(i).size()).reversed());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "fbc-load");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Integer i : order) {
        futures.add(pool.submit(() -> {
          results[i] = parseFile(inputs.get(i));
        }));
      }
      for (Future<?> f : futures) {
        Futures.await(f, "loading");
      }
    } finally {
      pool.shutdownNow();
    }
    return Arrays.asList(results);
  }

  FileResult parseFile(Input in) {
    List<Problem> problems = new ArrayList<>();
    List<Blob> blobs = new ArrayList<>();
    String file = in.display();
    try {
      if (in.size() > options.maxFileBytes()) {
        problems.add(tooLarge(file, in.size(), options.maxFileBytes(), "maxFileBytes"));
        return new FileResult(blobs, problems);
      }
      try {
        parseStream(in, file, blobs, problems, !skipTypes.isEmpty());
      } catch (JacksonJson.Skips.Undone e) {
        // a skipped value turned out to be needed (rare: a repeated key): read the file again in full
        blobs.clear();
        problems.clear();
        parseStream(in, file, blobs, problems, false);
      }
    } catch (NoSuchFileException e) {
      problems.add(problem("load.io", file, 0, "open " + file + ": no such file or directory", ""));
    } catch (LimitedInputStream.LimitExceededException e) {
      blobs.clear();
      problems.clear();
      problems.add(tooLarge(file, -1, e.limit(), "maxFileBytes"));
    } catch (IOException e) {
      String msg = Files.isDirectory(in.path()) ? "is a directory (a symlink to a directory is read as a file)"
          : "cannot read: " + e.getMessage();
      problems.add(problem("load.io", file, 0, msg, ""));
    } catch (StackOverflowError e) {
      // the parsers nest by recursion; their depth limits should stop first, but a file must not stop the load
      blobs.clear();
      problems.clear();
      problems.add(problem("load.depth", file, 0, "nested too deeply to read", "flatten the data"));
    } catch (OutOfMemoryError e) {
      // only this file's data was being built, and it is garbage now: the load can report and go on
      blobs.clear();
      problems.clear();
      problems.add(problem("load.memory", file, 0, "not enough memory to read this file (" + in.size()
          + " bytes)", "give Java more memory (-Xmx), or split the file"));
    }
    return new FileResult(blobs, problems);
  }

  /**
   * Parses the blobs in {@code len} bytes of {@code buf} from {@code off}: a run of whole blobs of file {@code in}
   * whose first starts on line {@code firstLine}, as the streaming render reads a file piece by piece. Blobs and
   * problems are those the whole file's parse gives for them, with the same lines; the bytes are JSON (no YAML
   * fallback).
   */
  FileResult parseRange(Input in, byte[] buf, int off, int len, int firstLine) {
    List<Problem> problems = new ArrayList<>();
    List<Blob> blobs = new ArrayList<>();
    try {
      // read in place: the parser sees every blob whole (see PlainStringParser.copyPlainValue)
      // the blobs are written soon: their values list the keys of every unsorted object (see KeyOrder.Listing)
      parseJson(() -> JacksonJson.parser(buf, off, len), in.display(), blobs, problems, false, firstLine - 1,
          KeyOrder.Listing.EVERY_OBJECT);
    } catch (StackOverflowError e) {
      blobs.clear();
      problems.add(problem("load.depth", in.display(), firstLine, "nested too deeply to read", "flatten the data"));
    }
    return new FileResult(blobs, problems);
  }

  private static Problem tooLarge(String file, long size, long limit, String option) {
    String what = size >= 0 ? "file is " + size + " bytes, more than the limit of " : "file is more than the limit of ";
    return problem("load.size", file, 0, what + limit + " bytes", "raise LoadOptions." + option
        + " if the file is genuine");
  }

  /**
   * JSON streams are parsed straight from the file, so a large catalog file is never held as text; YAML needs the
   * whole text to split documents. Reads never go past the limits, whatever the size said before.
   */
  private void parseStream(Input in, String file, List<Blob> blobs, List<Problem> problems, boolean skip)
      throws IOException {
    byte[] head = new byte[4096 + 3];
    int n;
    try (InputStream s = new LimitedInputStream(Files.newInputStream(in.path()), options.maxFileBytes())) {
      n = s.readNBytes(head, 0, head.length);
      int start = Sniff.hasBom(head, n) ? 3 : 0;
      if (Sniff.looksLikeJson(head, start, n)) {
        List<Blob> jsonBlobs = new ArrayList<>();
        List<Problem> jsonProblems = new ArrayList<>();
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head, start, n - start), s);
        int failedAt = parseJson(whole, file, jsonBlobs, jsonProblems, skip, 0);
        if (failedAt < 0 || failedAt > 1 || !yamlFallback(in, file, blobs)) {
          blobs.addAll(jsonBlobs);
          problems.addAll(jsonProblems);
          if (start == 3 && jsonBlobs.size() > 1) {
            problems.add(bomWarning(file, jsonBlobs.size()));
          }
        }
        return;
      }
      byte[] bytes = readYamlText(s, head, n, file, problems);
      if (bytes.length > 0 || problems.isEmpty()) {
        parseYaml(bytes, Sniff.hasBom(bytes, bytes.length) ? 3 : 0, file, blobs, problems);
      }
    }
  }

  /** The whole text after {@code head}, up to the YAML limit; empty with a problem past it. */
  private byte[] readYamlText(InputStream s, byte[] head, int n, String file, List<Problem> problems)
      throws IOException {
    long limit = yamlLimit();
    byte[] rest = s.readNBytes((int) Math.max(0, limit + 1 - n));
    if (n + (long) rest.length > limit) {
      problems.add(tooLarge(file, -1, limit, "maxYamlFileBytes"));
      return new byte[0];
    }
    byte[] bytes = Arrays.copyOf(head, n + rest.length);
    System.arraycopy(rest, 0, bytes, n, rest.length);
    return bytes;
  }

  /** opm's decoder retries a stream as YAML when its first JSON object does not parse. */
  private boolean yamlFallback(Input in, String file, List<Blob> blobs) throws IOException {
    byte[] bytes;
    try (InputStream s = new LimitedInputStream(Files.newInputStream(in.path()), options.maxFileBytes())) {
      List<Problem> tooBig = new ArrayList<>();
      bytes = readYamlText(s, new byte[0], 0, file, tooBig);
      if (!tooBig.isEmpty()) {
        return false; // too large to hold as YAML text: the JSON error stands
      }
    }
    List<Blob> yamlBlobs = new ArrayList<>();
    List<Problem> yamlProblems = new ArrayList<>();
    if (parseYaml(bytes, Sniff.hasBom(bytes, bytes.length) ? 3 : 0, file, yamlBlobs, yamlProblems)
        && yamlProblems.isEmpty()) {
      blobs.addAll(yamlBlobs);
      return true;
    }
    return false;
  }

  /**
   * opm v1.54 looks for the opening brace at the very first byte, so a byte-order mark makes it read the file as
   * YAML, which takes the first JSON object as the whole document and drops the rest without a word.
   */
  private static Problem bomWarning(String file, int blobs) {
    return new Problem("load.bom-json", Problem.Severity.WARNING, new Source(file, 1),
        "JSON file starts with a byte-order mark: fbc reads its " + blobs + " blobs, but opm reads it as YAML and"
            + " sees only the first", "remove the mark, e.g. sed -i '1s/^\\xEF\\xBB\\xBF//' " + file);
  }

  /** Parses one file's content; public for tests and for reading streams. */
  public void parseBytes(byte[] bytes, String file, List<Blob> blobs, List<Problem> problems) {
    int start = Sniff.hasBom(bytes, bytes.length) ? 3 : 0;
    if (Sniff.looksLikeJson(bytes, start, bytes.length)) {
      List<Blob> jsonBlobs = new ArrayList<>();
      List<Problem> jsonProblems = new ArrayList<>();
      int failedAt = parseJson(new ByteArrayInputStream(bytes, start, bytes.length - start), file, jsonBlobs,
          jsonProblems, false, 0);
      if (failedAt >= 0 && failedAt <= 1) {
        // opm's decoder retries a stream as YAML when its first JSON object does not parse
        List<Blob> yamlBlobs = new ArrayList<>();
        List<Problem> yamlProblems = new ArrayList<>();
        if (parseYaml(bytes, start, file, yamlBlobs, yamlProblems) && yamlProblems.isEmpty()) {
          blobs.addAll(yamlBlobs);
          return;
        }
      }
      blobs.addAll(jsonBlobs);
      problems.addAll(jsonProblems);
      return;
    }
    parseYaml(bytes, start, file, blobs, problems);
  }

  /**
   * The parser's message without the name of the Java setting behind a limit ({@code from
   * `StreamReadConstraints.getMaxNestingDepth()`}), which means nothing to a catalog author.
   */
  static String jacksonMessage(JsonProcessingException e) {
    return e.getOriginalMessage().replaceAll(",? from `[A-Za-z.]+\\(\\)`", "");
  }

  /**
   * Returns the index of the object where a syntax error stopped the stream, or -1.
   *
   * @param skip whether to skip the values of {@link #skipTypes}
   * @param lineBase lines before the first byte of {@code in}, for a stream that starts within a file
   * @throws JacksonJson.Skips.Undone when a skipped value turns out to be needed
   */
  private int parseJson(InputStream in, String file, List<Blob> blobs, List<Problem> problems, boolean skip,
      int lineBase) {
    return parseJson(() -> JacksonJson.factory().createParser(in), file, blobs, problems, skip, lineBase,
        KeyOrder.Listing.LARGE_OBJECTS);
  }

  /** Opens a parser: over a stream, or over bytes in place. */
  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  private int parseJson(ParserSource source, String file, List<Blob> blobs, List<Problem> problems, boolean skip,
      int lineBase, KeyOrder.Listing listing) {
    int index = 0;
    JacksonJson.Skips skips = new JacksonJson.Skips(skip ? skipTypes : Set.of());
    try (JsonParser p = source.open()) {
      while (true) {
        JsonToken t = p.nextToken();
        if (t == null) {
          return -1;
        }
        int line = p.currentTokenLocation().getLineNr() + lineBase;
        String[] outOfRange = new String[1];
        JsonValue v = JacksonJson.readSkipping(p, BlobDecoder.CAPTURE_DEPTH, text -> {
          if (outOfRange[0] == null) {
            outOfRange[0] = text;
          }
        }, skips, listing);
        if (outOfRange[0] != null) {
          // opm reads blobs into interface{}, where every number is a float64: this blob fails, as there
          problems.add(problem("load.blob", file, line, "json: cannot unmarshal number " + shorten(outOfRange[0])
              + " into Go value of type float64", "the number is beyond the float64 range; quote it if it is text"));
        } else if (!decode(v, new Source(file, line), "", blobs, problems) && skips.takeSkipped()) {
          // the decoder's messages may show the blob (a missing schema): with the skipped values, as opm would
          throw new JacksonJson.Skips.Undone();
        }
        skips.takeSkipped();
        index++;
      }
    } catch (LimitedInputStream.LimitExceededException e) {
      problems.add(tooLarge(file, -1, e.limit(), "maxFileBytes"));
      return -1;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr() + lineBase;
      problems.add(problem("load.syntax", file, line, "invalid JSON: " + jacksonMessage(e),
          "a catalog file is a stream of JSON objects or YAML documents"));
      return index;
    } catch (IOException e) {
      problems.add(problem("load.io", file, 0, "cannot read: " + e.getMessage(), ""));
      return index;
    }
  }

  private static String shorten(String number) {
    return number.length() <= 40 ? number : number.substring(0, 20) + "..." + " (" + number.length() + " characters)";
  }

  /** Returns false if the stream could not be split or parsed. */
  private boolean parseYaml(byte[] bytes, int start, String file, List<Blob> blobs, List<Problem> problems) {
    List<YamlDocuments.Document> docs;
    try {
      docs = YamlDocuments.split(bytes, start);
    } catch (YamlDocuments.SeparatorException e) {
      problems.add(problem("load.syntax", file, e.line(), e.getMessage(),
          "only white space or a comment may follow '---' on a separator line; move '" + e.trailing()
              + "' to the next line"));
      return false;
    }
    for (YamlDocuments.Document doc : docs) {
      YamlToJson.Result r;
      try {
        r = YamlToJson.convert(doc, BlobDecoder.CAPTURE_DEPTH, options.maxAliasesPerDocument(),
            options.maxYamlExpansionFactor());
      } catch (YamlToJson.YamlException e) {
        problems.add(problem("load.syntax", file, e.line(), e.getMessage(), ""));
        return false;
      }
      decode(r.value(), new Source(file, r.line()), BlobDecoder.YAML_PREFIX, blobs, problems);
    }
    return true;
  }

  /** Returns whether the blob decoded. */
  private static boolean decode(JsonValue v, Source source, String prefix, List<Blob> blobs,
      List<Problem> problems) {
    try {
      blobs.add(BlobDecoder.decode(v, source, prefix));
      return true;
    } catch (BlobDecoder.BlobException e) {
      problems.add(new Problem("load.blob", Problem.Severity.ERROR, source, e.getMessage(), e.hint()));
      return false;
    }
  }

  private static Problem problem(String rule, String file, int line, String msg, String hint) {
    return new Problem(rule, Problem.Severity.ERROR, new Source(file, line), msg, hint);
  }
}
