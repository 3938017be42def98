package dev.fbc.internal.io;

import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.model.Blob;
import dev.fbc.model.Catalog;
import dev.fbc.base.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out what to write so that the files of a loaded catalog hold an edited version of it, changing only what
 * the edit changed: untouched blobs are copied byte for byte (comments, quoting, anchors and all), a changed
 * blob is patched where the change is small (a default channel, entries added to or removed from a channel) or
 * else written again in its file's style, a removed blob takes its lines with it, and a new blob goes after the
 * last blob of its package and schema (else of its package), or into {@code <root>/<package>/catalog.<ext>} for a
 * new package. Every file is parsed again before it is written, and must read back as exactly the edited blobs.
 */
public final class CatalogSaver {
  /**
   * One file to write.
   *
   * @param bytes the new content; empty to delete the file (its last blob was removed)
   * @param before the content it has now; empty for a new file
   */
  public record FileChange(Path path, Optional<byte[]> bytes, Optional<byte[]> before) {}

  private final Path root;
  private final LoadOptions options;

  /**
   * @param root the catalog directory the catalog was loaded from (new packages get their files below it)
   */
  public CatalogSaver(Path root, LoadOptions options) {
    this.root = root;
    this.options = options;
  }

  /** What an original blob became. */
  private static final class Fate {
    final Blob original;
    Blob now; // null when removed
    final List<Blob> after = new ArrayList<>();

    Fate(Blob original) {
      this.original = original;
    }
  }

  /** The files to write; none when the edited catalog equals the original. */
  public List<FileChange> plan(Catalog original, Catalog edited) {
    Map<String, List<Fate>> byFile = new LinkedHashMap<>();
    // read at most once, and only when a new package needs a file of its own
    FileLayout.Format[] prevailing = new FileLayout.Format[1];
    java.util.function.Supplier<FileLayout.Format> newFileFormat = () -> prevailing[0] != null ? prevailing[0]
        : (prevailing[0] = prevailingFormat(byFile));
    Map<Source, Fate> bySource = new HashMap<>();
    Set<Source> ambiguous = new HashSet<>();
    for (Blob b : original.blobs()) {
      Fate f = new Fate(b);
      byFile.computeIfAbsent(b.source().file(), k -> new ArrayList<>()).add(f);
      if (bySource.putIfAbsent(b.source(), f) != null) {
        ambiguous.add(b.source());
      }
    }
    Set<String> touched = new LinkedHashSet<>();
    Map<String, List<Blob>> newFiles = new LinkedHashMap<>();
    Set<Fate> claimed = new HashSet<>();
    List<Blob> added = new ArrayList<>();
    for (Blob b : edited.blobs()) {
      Fate f = b.source().isKnown() && !ambiguous.contains(b.source()) ? bySource.get(b.source()) : null;
      if (f == null || !claimed.add(f)) {
        added.add(b);
        continue;
      }
      f.now = b;
      if (!b.equals(f.original)) {
        touched.add(f.original.source().file());
      }
    }
    for (List<Fate> fates : byFile.values()) {
      for (Fate f : fates) {
        if (!claimed.contains(f)) {
          touched.add(f.original.source().file());
        }
      }
    }
    for (Blob b : added) {
      Fate anchor = anchor(b, byFile);
      if (anchor != null) {
        anchor.after.add(b);
        touched.add(anchor.original.source().file());
      } else {
        String file = newPackageFile(b, byFile, newFileFormat.get()).toString();
        if (byFile.containsKey(file)) {
          List<Fate> fates = byFile.get(file);
          fates.get(fates.size() - 1).after.add(b);
          touched.add(file);
        } else {
          newFiles.computeIfAbsent(file, k -> new ArrayList<>()).add(b);
        }
      }
    }
    List<FileChange> out = new ArrayList<>();
    for (String file : touched) {
      out.add(rewrite(Path.of(file), byFile.get(file)));
    }
    for (Map.Entry<String, List<Blob>> e : newFiles.entrySet()) {
      out.add(create(Path.of(e.getKey()), e.getValue(), newFileFormat.get()));
    }
    return out;
  }

  /** The last kept blob of the same package and schema, else of the same package. */
  private static Fate anchor(Blob b, Map<String, List<Fate>> byFile) {
    Fate samePackage = null;
    Fate sameSchema = null;
    for (List<Fate> fates : byFile.values()) {
      for (Fate f : fates) {
        if (f.now == null || f.original.packageName().isEmpty()
            || !f.original.packageName().equals(b.packageName())) {
          continue;
        }
        samePackage = f;
        if (f.original.schema().equals(b.schema())) {
          sameSchema = f;
        }
      }
    }
    return sameSchema != null ? sameSchema : samePackage;
  }

  /** {@code <root>/<package>/catalog.<ext>}, in the format most files of the catalog are written in. */
  private Path newPackageFile(Blob b, Map<String, List<Fate>> byFile, FileLayout.Format format) {
    String pkg = b.packageName();
    if (!pkg.isEmpty() && !isSafeFileName(pkg)) {
      throw new FbcException("package name \"" + pkg + "\" cannot be a directory name; add the package's blobs"
          + " to a file yourself");
    }
    String ext = format == FileLayout.Format.JSON ? "json" : "yaml";
    Path file = pkg.isEmpty() ? root.resolve("catalog." + ext) : root.resolve(pkg).resolve("catalog." + ext);
    if (!byFile.containsKey(file.toString()) && Files.exists(file)) {
      throw new FbcException(file + " exists but is not part of the catalog (excluded by .indexignore, or holds"
          + " no blobs); fbc will not write into it: move it away or add the package's blobs to a catalog file"
          + " yourself");
    }
    return file;
  }

  /** A name that is one ordinary path element: not empty, no separator, no NUL, not {@code .} or {@code ..}. */
  static boolean isSafeFileName(String name) {
    return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
        && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
  }

  private static FileLayout.Format prevailingFormat(Map<String, List<Fate>> byFile) {
    int json = 0;
    int yaml = 0;
    for (String file : byFile.keySet()) {
      if (file.isEmpty()) {
        continue;
      }
      try (var in = Files.newInputStream(Path.of(file))) {
        byte[] head = in.readNBytes(4096 + 3);
        if (Sniff.looksLikeJson(head, Sniff.hasBom(head, head.length) ? 3 : 0, head.length)) {
          json++;
        } else {
          yaml++;
        }
      } catch (IOException e) {
        // an unreadable file has no say
      }
    }
    return json > yaml ? FileLayout.Format.JSON : FileLayout.Format.YAML;
  }

  private FileChange create(Path file, List<Blob> blobs, FileLayout.Format format) {
    return new FileChange(file, Optional.of(wholeFile(file, blobs, format)), Optional.empty());
  }

  /**
   * A whole file of blobs as opm writes them (JSON indented by four, or YAML documents with go-yaml's key order),
   * every field kept; read back before it is returned.
   */
  private byte[] wholeFile(Path file, List<Blob> blobs, FileLayout.Format format) {
    StringBuilder sb = new StringBuilder();
    for (Blob b : blobs) {
      if (format == FileLayout.Format.JSON) {
        sb.append(BlobText.blob(b, format, 4, false, "\n")).append('\n');
      } else {
        sb.append("---\n").append(BlobText.blob(b, format, 0, true, "\n"));
      }
    }
    byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    verify(file, bytes, blobs);
    return bytes;
  }

  private FileChange rewrite(Path file, List<Fate> fates) {
    byte[] before;
    try {
      before = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new FbcException(file + ": cannot read: " + e.getMessage(), e);
    }
    List<Blob> originals = fates.stream().map(f -> f.original).toList();
    List<Blob> onDisk = parse(file, before).orElse(List.of());
    if (!sameContent(onDisk, originals)) {
      throw new FbcException(file + ": changed on disk since it was read; run the edit again");
    }
    List<Blob> expected = new ArrayList<>();
    for (Fate f : fates) {
      if (f.now != null) {
        expected.add(f.now);
      }
      expected.addAll(f.after);
    }
    if (expected.isEmpty()) {
      return new FileChange(file, Optional.empty(), Optional.of(before));
    }
    Optional<FileLayout> layout = FileLayout.scan(before, fates.size());
    if (layout.isPresent()) {
      for (boolean fine : new boolean[] {true, false}) {
        byte[] bytes = new Splicer(before, layout.get(), fates, fine).apply();
        if (parse(file, bytes).filter(got -> sameContent(got, expected)).isPresent()) {
          return new FileChange(file, Optional.of(bytes), Optional.of(before));
        }
      }
    }
    // a file whose blobs cannot be told apart in its text: written again whole, every field kept
    boolean json = Sniff.looksLikeJson(before, Sniff.hasBom(before, before.length) ? 3 : 0, before.length);
    return new FileChange(file, Optional.of(wholeFile(file, expected,
        json ? FileLayout.Format.JSON : FileLayout.Format.YAML)), Optional.of(before));
  }

  private void verify(Path file, byte[] bytes, List<Blob> expected) {
    if (parse(file, bytes).filter(got -> sameContent(got, expected)).isEmpty()) {
      throw new FbcException(file + ": the edited file would not read back as the edited blobs; nothing was"
          + " written (please report this)");
    }
  }

  private Optional<List<Blob>> parse(Path file, byte[] bytes) {
    List<Blob> blobs = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    new CatalogLoader(options).parseBytes(bytes, file.toString(), blobs, problems);
    return problems.stream().anyMatch(Problem::isError) ? Optional.empty() : Optional.of(blobs);
  }

  private static boolean sameContent(List<Blob> a, List<Blob> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).withSource(Source.NONE).equals(b.get(i).withSource(Source.NONE))) {
        return false;
      }
    }
    return true;
  }

  /** Replace bytes {@code [start, end)} of a file with {@code text}; an insertion when both are equal. */
  record Edit(int start, int end, String text) {}

  /** Cuts a file's bytes apart at its blobs and puts them together again with the edits. */
  private static final class Splicer {
    private final byte[] b;
    private final FileLayout layout;
    private final List<Fate> fates;
    private final boolean fine;
    private final List<Edit> edits = new ArrayList<>();

    Splicer(byte[] b, FileLayout layout, List<Fate> fates, boolean fine) {
      this.b = b;
      this.layout = layout;
      this.fates = fates;
      this.fine = fine;
    }

    byte[] apply() {
      List<FileLayout.Span> spans = layout.spans();
      boolean sorted = layout.format() == FileLayout.Format.YAML && !spans.isEmpty()
          && BlobText.yamlKeysSorted(b, spans.get(0).start(), spans.get(0).end());
      for (int i = 0; i < fates.size(); i++) {
        Fate f = fates.get(i);
        FileLayout.Span s = spans.get(i);
        if (f.now == null) {
          remove(i);
        } else if (!f.now.equals(f.original)) {
          Optional<List<Edit>> patch = fine
              ? BlobPatch.patch(b, s, layout, f.original, f.now, sorted) : Optional.empty();
          if (patch.isPresent()) {
            edits.addAll(patch.get());
          } else {
            boolean yaml = layout.format() == FileLayout.Format.YAML;
            edits.add(new Edit(s.start(), s.end(), BlobText.blob(f.now, layout.format(), layout.jsonIndent(),
                sorted && BlobText.yamlKeysSorted(b, s.start(), s.end()),
                yaml ? BlobText.yamlTopLevelKeys(b, s.start(), s.end()) : List.of(), layout.newline())));
          }
        }
        if (!f.after.isEmpty()) {
          insertAfter(s, f.after, sorted);
        }
      }
      edits.sort((x, y) -> x.start() != y.start() ? Integer.compare(x.start(), y.start())
          : Integer.compare(x.end(), y.end()));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length + 1024);
      int at = 0;
      for (Edit e : edits) {
        if (e.start() < at) {
          throw new IllegalStateException("overlapping edits");
        }
        out.write(b, at, e.start() - at);
        out.writeBytes(e.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        at = e.end();
      }
      out.write(b, at, b.length - at);
      return out.toByteArray();
    }

    /** A removed blob takes one separator with it: the one before it, or after it when it is first. */
    private void remove(int i) {
      List<FileLayout.Span> spans = layout.spans();
      FileLayout.Span s = spans.get(i);
      if (i + 1 < spans.size() && (i == 0 || layout.format() == FileLayout.Format.JSON)) {
        edits.add(new Edit(s.start(), spans.get(i + 1).start(), ""));
      } else if (i > 0) {
        edits.add(new Edit(spans.get(i - 1).end(), s.end(), ""));
      } else {
        edits.add(new Edit(s.start(), s.end(), ""));
      }
    }

    private void insertAfter(FileLayout.Span s, List<Blob> blobs, boolean sorted) {
      String nl = layout.newline();
      StringBuilder sb = new StringBuilder();
      if (layout.format() == FileLayout.Format.JSON) {
        for (Blob x : blobs) {
          sb.append(nl).append(BlobText.blob(x, layout.format(), layout.jsonIndent(), false, nl));
        }
        edits.add(new Edit(s.end(), s.end(), sb.toString()));
        return;
      }
      if (s.end() == b.length && b.length > 0 && b[b.length - 1] != '\n') {
        sb.append(nl);
      }
      for (Blob x : blobs) {
        sb.append("---").append(nl).append(BlobText.blob(x, layout.format(), 0, sorted, nl));
      }
      edits.add(new Edit(s.end(), s.end(), sb.toString()));
    }
  }
}
