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
import dev.fbc.internal.yaml.YamlDocuments;
import dev.fbc.internal.yaml.YamlToJson;
import dev.fbc.model.Blob;
import dev.fbc.model.Catalog;
import dev.fbc.base.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
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

  private final LoadOptions options;

  public CatalogLoader(LoadOptions options) {
    this.options = options;
  }

  /** One file to read and the name it is shown under. */
  record Input(Path path, String display, long size) {}

  /** Loads directories or single files, in order, as one catalog. */
  public Catalog load(List<Path> roots) {
    List<Input> inputs = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path root : roots) {
      collect(root, inputs, problems);
    }
    List<FileResult> results = parseAll(inputs);
    List<Blob> blobs = new ArrayList<>();
    for (FileResult r : results) {
      blobs.addAll(r.blobs());
      problems.addAll(r.problems());
    }
    if (!problems.isEmpty()) {
      throw new CatalogLoadException(problems);
    }
    return new Catalog(blobs);
  }

  private void collect(Path root, List<Input> inputs, List<Problem> problems) {
    String rootName = root.toString();
    if (!Files.exists(root)) {
      throw new FbcException(rootName + ": no such file or directory");
    }
    if (!Files.isDirectory(root)) {
      inputs.add(new Input(root, rootName, size(root)));
      return;
    }
    List<Path> files = new ArrayList<>();
    IndexIgnore ignore = new IndexIgnore();
    walk(root, root, files, ignore, problems);
    for (Path f : files) {
      List<String> parts = new ArrayList<>();
      for (Path p : root.relativize(f)) {
        parts.add(p.toString());
      }
      if (!ignore.isEmpty() && ignore.ignores(parts)) {
        continue;
      }
      inputs.add(new Input(f, f.toString(), size(f)));
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private void walk(Path root, Path dir, List<Path> files, IndexIgnore ignore, List<Problem> problems) {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(entries::add);
    } catch (IOException e) {
      throw new FbcException(dir + ": cannot list directory: " + e.getMessage(), e);
    }
    // Go's WalkDir order: names compared bytewise
    entries.sort(Comparator.comparing(p -> p.getFileName().toString().getBytes(StandardCharsets.UTF_8),
        Arrays::compareUnsigned));
    for (Path p : entries) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        walk(root, p, files, ignore, problems);
      } else if (p.getFileName().toString().equals(IGNORE_FILE)) {
        List<String> domain = new ArrayList<>();
        for (Path part : root.relativize(dir)) {
          if (!part.toString().isEmpty()) {
            domain.add(part.toString());
          }
        }
        try {
          ignore.add(domain, Files.readString(p));
        } catch (IOException e) {
          problems.add(new Problem("load.io", Problem.Severity.ERROR, new Source(p.toString(), 0),
              "cannot read: " + e.getMessage(), ""));
        }
      } else {
        files.add(p);
      }
    }
  }

  record FileResult(List<Blob> blobs, List<Problem> problems) {}

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
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FbcException("interrupted while loading", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new FbcException(String.valueOf(c), c);
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
        problems.add(problem("load.size", file, 0, "file is " + in.size() + " bytes, more than the limit of "
            + options.maxFileBytes() + " bytes", "raise LoadOptions.maxFileBytes if the file is genuine"));
        return new FileResult(blobs, problems);
      }
      parseStream(in, file, blobs, problems);
    } catch (NoSuchFileException e) {
      problems.add(problem("load.io", file, 0, "open " + file + ": no such file or directory", ""));
    } catch (IOException e) {
      String msg = Files.isDirectory(in.path()) ? "is a directory (a symlink to a directory is read as a file)"
          : "cannot read: " + e.getMessage();
      problems.add(problem("load.io", file, 0, msg, ""));
    }
    return new FileResult(blobs, problems);
  }

  /**
   * JSON streams are parsed straight from the file, so a large catalog file is never held as text; YAML needs the
   * whole text to split documents.
   */
  private void parseStream(Input in, String file, List<Blob> blobs, List<Problem> problems) throws IOException {
    byte[] head = new byte[4096 + 3];
    int n;
    try (InputStream s = Files.newInputStream(in.path())) {
      n = s.readNBytes(head, 0, head.length);
      int start = hasBom(head, n) ? 3 : 0;
      if (looksLikeJson(head, start, n)) {
        List<Blob> jsonBlobs = new ArrayList<>();
        List<Problem> jsonProblems = new ArrayList<>();
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head, start, n - start), s);
        int failedAt = parseJson(whole, file, jsonBlobs, jsonProblems);
        if (failedAt < 0 || failedAt > 1 || !yamlFallback(in, file, blobs)) {
          blobs.addAll(jsonBlobs);
          problems.addAll(jsonProblems);
        }
        return;
      }
    }
    byte[] bytes = Files.readAllBytes(in.path());
    if (bytes.length > options.maxFileBytes()) {
      problems.add(problem("load.size", file, 0, "file is more than the limit of " + options.maxFileBytes()
          + " bytes", "raise LoadOptions.maxFileBytes if the file is genuine"));
      return;
    }
    parseYaml(bytes, hasBom(bytes, bytes.length) ? 3 : 0, file, blobs, problems);
  }

  /** opm's decoder retries a stream as YAML when its first JSON object does not parse. */
  private boolean yamlFallback(Input in, String file, List<Blob> blobs) throws IOException {
    byte[] bytes = Files.readAllBytes(in.path());
    List<Blob> yamlBlobs = new ArrayList<>();
    List<Problem> yamlProblems = new ArrayList<>();
    if (parseYaml(bytes, hasBom(bytes, bytes.length) ? 3 : 0, file, yamlBlobs, yamlProblems)
        && yamlProblems.isEmpty()) {
      blobs.addAll(yamlBlobs);
      return true;
    }
    return false;
  }

  private static boolean hasBom(byte[] b, int n) {
    return n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  /** Parses one file's content; public for tests and for reading streams. */
  public void parseBytes(byte[] bytes, String file, List<Blob> blobs, List<Problem> problems) {
    int start = hasBom(bytes, bytes.length) ? 3 : 0;
    if (looksLikeJson(bytes, start, bytes.length)) {
      List<Blob> jsonBlobs = new ArrayList<>();
      List<Problem> jsonProblems = new ArrayList<>();
      int failedAt = parseJson(new ByteArrayInputStream(bytes, start, bytes.length - start), file, jsonBlobs,
          jsonProblems);
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

  private static boolean looksLikeJson(byte[] b, int start, int length) {
    int end = Math.min(length, start + 4096);
    for (int i = start; i < end; i++) {
      byte c = b[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) {
        continue;
      }
      return c == '{';
    }
    return false;
  }

  /** Returns the index of the object where a syntax error stopped the stream, or -1. */
  private int parseJson(InputStream in, String file, List<Blob> blobs, List<Problem> problems) {
    int index = 0;
    try (JsonParser p = JacksonJson.factory().createParser(in)) {
      while (true) {
        JsonToken t = p.nextToken();
        if (t == null) {
          return -1;
        }
        int line = p.currentTokenLocation().getLineNr();
        JsonValue v = JacksonJson.read(p, 0, BlobDecoder.CAPTURE_DEPTH);
        decode(v, new Source(file, line), "", blobs, problems);
        index++;
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problems.add(problem("load.syntax", file, line, "invalid JSON: " + e.getOriginalMessage(),
          "a catalog file is a stream of JSON objects or YAML documents"));
      return index;
    } catch (IOException e) {
      problems.add(problem("load.io", file, 0, "cannot read: " + e.getMessage(), ""));
      return index;
    }
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
        r = YamlToJson.convert(doc, BlobDecoder.CAPTURE_DEPTH, options.maxAliasesPerDocument());
      } catch (YamlToJson.YamlException e) {
        problems.add(problem("load.syntax", file, e.line(), e.getMessage(), ""));
        return false;
      }
      decode(r.value(), new Source(file, r.line()), BlobDecoder.YAML_PREFIX, blobs, problems);
    }
    return true;
  }

  private static void decode(JsonValue v, Source source, String prefix, List<Blob> blobs,
      List<Problem> problems) {
    try {
      blobs.add(BlobDecoder.decode(v, source, prefix));
    } catch (BlobDecoder.BlobException e) {
      problems.add(new Problem("load.blob", Problem.Severity.ERROR, source, e.getMessage(), e.hint()));
    }
  }

  private static Problem problem(String rule, String file, int line, String msg, String hint) {
    return new Problem(rule, Problem.Severity.ERROR, new Source(file, line), msg, hint);
  }
}
