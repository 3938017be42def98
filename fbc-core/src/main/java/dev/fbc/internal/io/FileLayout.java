package dev.fbc.internal.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fbc.internal.json.JacksonJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one catalog file is written, as far as an edit must keep it: its format, byte-order mark, line breaks,
 * JSON indentation (or one blob per line), final line break, and the exact byte range of every blob. Untouched
 * blobs are copied from these ranges byte for byte; changed and new blobs are written in the file's style.
 *
 * <p>A layout is computed from a file's bytes when an edit touches that file, not while loading, so loading
 * keeps no text.
 */
public record FileLayout(Format format, boolean bom, String newline, int jsonIndent, boolean finalNewline,
    List<Span> spans) {
  public enum Format { JSON, YAML }

  /**
   * Where one blob stands in the file.
   *
   * @param start the first byte of the blob's text (for YAML, of its document's first line)
   * @param end one past its last byte (for JSON, the closing brace; for YAML, the end of the document's last
   *     line, before the next separator line)
   */
  public record Span(int start, int end) {}

  public FileLayout {
    spans = List.copyOf(spans);
  }

  /** Whether JSON blobs are written one per line. */
  public boolean compactJson() {
    return format == Format.JSON && jsonIndent == 0;
  }

  /**
   * Scans a file's bytes. Empty when the file cannot be cut into blobs the way the loader read it (then an edit
   * rewrites the whole file).
   *
   * @param blobCount how many blobs the loader read from the file
   */
  public static Optional<FileLayout> scan(byte[] b, int blobCount) {
    boolean bom = Sniff.hasBom(b, b.length);
    int start = bom ? 3 : 0;
    String newline = detectNewline(b);
    boolean finalNewline = b.length > start && b[b.length - 1] == '\n';
    if (Sniff.looksLikeJson(b, start, b.length)) {
      Optional<List<Span>> json = jsonSpans(b, start);
      if (json.isPresent() && json.get().size() == blobCount) {
        return Optional.of(new FileLayout(Format.JSON, bom, newline, jsonIndent(b, json.get()), finalNewline,
            json.get()));
      }
      // opm reads a stream whose first object does not parse as YAML; so do we
    }
    List<Span> yaml = yamlSpans(b, start);
    if (yaml.size() != blobCount) {
      return Optional.empty();
    }
    return Optional.of(new FileLayout(Format.YAML, bom, newline, 0, finalNewline, yaml));
  }

  private static String detectNewline(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        return i > 0 && b[i - 1] == '\r' ? "\r\n" : "\n";
      }
    }
    return "\n";
  }

  private static Optional<List<Span>> jsonSpans(byte[] b, int start) {
    List<Span> spans = new ArrayList<>();
    try (JsonParser p = JacksonJson.factory().createParser(b, start, b.length - start)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.START_OBJECT) {
          return Optional.empty();
        }
        int s = start + (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int e = start + (int) p.currentTokenLocation().getByteOffset() + 1;
        spans.add(new Span(s, e));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(spans);
  }

  /** The indentation of the first key of the first blob that spans several lines; 0 when none does. */
  private static int jsonIndent(byte[] b, List<Span> spans) {
    for (Span s : spans) {
      for (int i = s.start(); i < s.end(); i++) {
        if (b[i] == '\n') {
          int n = 0;
          while (i + 1 + n < s.end() && b[i + 1 + n] == ' ') {
            n++;
          }
          return Math.max(n, 1);
        }
      }
    }
    return 0;
  }

  /**
   * Documents as opm's YAML reader cuts them: a line starting with {@code ---} separates documents. A region of
   * blank lines is no blob (the loader either skips it or fails the file, and a failed file is never edited).
   */
  private static List<Span> yamlSpans(byte[] b, int start) {
    List<Span> spans = new ArrayList<>();
    int regionStart = start;
    int lineStart = start;
    boolean regionHasLines = false;
    while (lineStart < b.length) {
      int lineEnd = lineStart;
      while (lineEnd < b.length && b[lineEnd] != '\n') {
        lineEnd++;
      }
      int next = lineEnd < b.length ? lineEnd + 1 : lineEnd;
      if (isSeparator(b, lineStart, lineEnd)) {
        if (regionHasLines && hasContent(b, regionStart, lineStart)) {
          spans.add(new Span(regionStart, lineStart));
        }
        regionStart = next;
        regionHasLines = false;
      } else {
        regionHasLines = true;
      }
      lineStart = next;
    }
    if (regionHasLines && hasContent(b, regionStart, b.length)) {
      spans.add(new Span(regionStart, b.length));
    }
    return spans;
  }

  static boolean isSeparator(byte[] b, int lineStart, int lineEnd) {
    return lineEnd - lineStart >= 3 && b[lineStart] == '-' && b[lineStart + 1] == '-' && b[lineStart + 2] == '-';
  }

  /** Whether a region holds more than blank lines. */
  private static boolean hasContent(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
        return true;
      }
    }
    return false;
  }
}
