package dev.fbc.internal.io;

import dev.fbc.internal.json.StringScan;
import dev.fbc.model.Blob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A quick pass over one JSON catalog file that finds each blob's place without building anything: where it
 * starts and ends, the line it starts on, its {@code schema}, {@code package} and {@code name}. That is what a
 * streaming render needs to know before it parses: the order opm writes the blobs in, and which bytes of which file
 * to read for each. The file is read in small chunks, so the pass holds no file in memory.
 *
 * <p>It is sure of its answer only for plain input: a JSON stream of objects, with only white space between them,
 * whose top-level {@code schema}, {@code package} and {@code name} keys are written in lower case, once each, with
 * string values without escapes or non-ASCII bytes, and no other top-level key that matches one of them ignoring
 * case. Anything else (YAML, a byte-order mark, odd keys, an unfinished file) gives no answer, and the caller reads
 * the catalog the ordinary way, whose decoder has the last word on such input. Within a blob the pass only follows
 * strings and nesting: it does not check the JSON, which the parser of the blob's bytes does.
 */
final class PackageScan {
  private static final int CHUNK = 1 << 16;
  /** Longest top-level key or value kept for comparison; longer ones cannot be one of the three keys. */
  private static final int KEEP = 1024;
  /** The longest blob read in one piece (a byte array's limit). */
  private static final long MAX_BLOB = Integer.MAX_VALUE - 8;

  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK]);

  private PackageScan() {}

  /**
   * One top-level blob: bytes {@code [start, end)} of the file, the first on line {@code line} (counted as the JSON
   * parser counts them), and its top-level {@code schema}, {@code package} and {@code name} strings ("" when absent).
   */
  record Entry(long start, long end, int line, String schema, String pkg, String name) {
    /** The package opm groups the blob under: an {@code olm.package} blob's name, any other blob's package. */
    String group() {
      return Blob.SCHEMA_PACKAGE.equals(schema) ? name : pkg;
    }
  }

  /** The blobs of the file, in file order; empty when the pass is not sure. */
  static Optional<List<Entry>> scan(Path file, long maxBytes) {
    try (InputStream in = Files.newInputStream(file)) {
      return new Scanner(maxBytes).run(in, BUFFER.get());
    } catch (IOException e) {
      return Optional.empty(); // the ordinary load reports it
    }
  }

  /** The byte-level state machine; one per file. */
  private static final class Scanner {
    private final long maxBytes;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean expectKey;
    private boolean awaitValue;
    // the top-level string being read (key or value), as far as it is kept
    private final byte[] text = new byte[KEEP];
    private int textLen;
    private boolean textPlain;
    private String key = "";
    private String schema;
    private String pkg;
    private String name;
    private final List<Entry> entries = new ArrayList<>();
    private boolean unsure;
    /** Offset in the file of the chunk being scanned. */
    private long base;
    /** The line being read, and whether the byte before was a carriage return (CR LF is one line break). */
    private int line = 1;
    private boolean afterCr;
    private long blobStart;
    private int blobLine;

    Scanner(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    Optional<List<Entry>> run(InputStream in, byte[] buf) throws IOException {
      long total = 0;
      boolean first = true;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          return Optional.empty();
        }
        if (first && n > 0 && (buf[0] & 0xFF) == 0xEF) {
          return Optional.empty(); // a byte-order mark: opm reads such a file as YAML
        }
        first = false;
        scan(buf, n);
        if (unsure) {
          return Optional.empty();
        }
        base += n;
      }
      if (depth != 0 || inString || entries.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(entries);
    }

    private void scan(byte[] b, int n) {
      for (int i = 0; i < n; i++) {
        if (afterCr) {
          afterCr = false;
          if (b[i] == '\n') {
            continue; // the line feed of a CR LF, counted with the carriage return
          }
        }
        if (depth > 1) {
          // inside a nested value (nearly every byte): only strings, brackets and line breaks matter
          i = nested(b, i, n) - 1;
          continue;
        }
        byte c = b[i];
        if (inString) {
          if (escaped) {
            escaped = false;
            textPlain = false;
          } else if (c == '\\') {
            escaped = true;
            textPlain = false;
          } else if (c == '"') {
            inString = false;
            if (depth == 1) {
              endTopString();
            }
          } else if (depth == 1) {
            if (c < 0x20) {
              textPlain = false; // includes every byte >= 0x80, which Java sees as negative
            }
            if (textLen < KEEP) {
              text[textLen++] = c;
            } else {
              textPlain = false;
            }
          }
          continue;
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          if (c != ' ' && c != '\t') {
            line++;
            afterCr = c == '\r';
          }
          continue;
        }
        if (depth == 0 && c != '{') {
          unsure = true; // anything but white space between blobs: the parser decides what it is
          return;
        }
        if (depth == 1 && awaitValue) {
          awaitValue = false;
          if (c != '"' && isWatched(key)) {
            unsure = true; // a non-string schema, package or name: the decoder decides what that means
            return;
          }
        }
        switch (c) {
          case '"' -> {
            inString = true;
            textLen = 0;
            textPlain = true;
          }
          case '{', '[' -> {
            if (depth == 0) { // an object: only white space and objects pass the check above
              schema = null;
              pkg = null;
              name = null;
              expectKey = true;
              blobStart = base + i;
              blobLine = line;
            }
            depth++;
          }
          case '}', ']' -> {
            depth--; // at least 1 before: a closing bracket between blobs fails the check above
            if (depth == 0) {
              endBlob(base + i + 1);
            }
          }
          case ':' -> {
            if (depth == 1) {
              expectKey = false;
              awaitValue = true;
            }
          }
          case ',' -> {
            if (depth == 1) {
              expectKey = true;
            }
          }
          default -> {
          }
        }
        if (unsure) {
          return;
        }
      }
    }

    /**
     * Passes over the bytes of a nested value from {@code i} until the bracket that brings the depth back to 1
     * (returns the index past it) or the end of the chunk ({@code n}). The state is kept in locals and stored at the
     * end, and the bytes are tested in the order of how often they come (indentation, strings, line feeds): the
     * client compiler keeps fields in memory, and testing every byte against the whole state machine made the pass
     * a fifth slower.
     */
    private int nested(byte[] b, int i, int n) {
      int d = depth;
      int ln = line;
      if (inString) { // a string cut by the end of the last chunk
        if (escaped) {
          escaped = false;
          i++;
        }
        i = stringTail(b, i, n);
        if (i > n) {
          return n;
        }
      }
      while (i < n) {
        byte c = b[i++];
        if (c == ' ') {
          while (i + 4 <= n && b[i] == ' ' && b[i + 1] == ' ' && b[i + 2] == ' ' && b[i + 3] == ' ') {
            i += 4;
          }
          while (i < n && b[i] == ' ') {
            i++;
          }
        } else if (c == '"') {
          i = stringTail(b, i, n);
          if (i > n) {
            depth = d;
            line = ln;
            return n;
          }
        } else if (c == '\n') {
          ln++;
        } else if (c == ',' || c == ':') {
          // nothing to do
        } else if (c == '{' || c == '[') {
          d++;
        } else if (c == '}' || c == ']') {
          if (--d == 1) {
            depth = d;
            line = ln;
            return i;
          }
        } else if (c == '\r') {
          ln++;
          if (i < n) {
            if (b[i] == '\n') {
              i++;
            }
          } else {
            afterCr = true;
          }
        }
      }
      depth = d;
      line = ln;
      return n;
    }

    /**
     * Passes over a nested string's bytes from {@code i}; returns the index past its closing quote, or
     * {@code n + 1} with the string's state kept when the chunk ends first.
     */
    private int stringTail(byte[] b, int i, int n) {
      while (true) {
        i = StringScan.quoteOrBackslash(b, i, n);
        if (i >= n) {
          inString = true;
          return n + 1;
        }
        if (b[i++] == '"') {
          inString = false;
          return i;
        }
        // a backslash: the byte after it cannot end the string
        if (i == n) {
          inString = true;
          escaped = true;
          return n + 1;
        }
        i++;
      }
    }

    private void endTopString() {
      if (expectKey) {
        if (!textPlain) {
          unsure = true; // an escaped or non-ASCII key could still match a field ignoring case
          return;
        }
        key = new String(text, 0, textLen, StandardCharsets.US_ASCII);
        if (!isWatched(key) && (key.equalsIgnoreCase("schema") || key.equalsIgnoreCase("package")
            || key.equalsIgnoreCase("name"))) {
          unsure = true;
        }
        return;
      }
      if (!isWatched(key)) {
        return;
      }
      if (!textPlain) {
        unsure = true;
        return;
      }
      String value = new String(text, 0, textLen, StandardCharsets.US_ASCII);
      switch (key) {
        case "schema" -> schema = once(schema, value);
        case "package" -> pkg = once(pkg, value);
        default -> name = once(name, value);
      }
    }

    private String once(String previous, String value) {
      if (previous != null) {
        unsure = true;
      }
      return value;
    }

    private void endBlob(long end) {
      if (schema == null || schema.isEmpty()) {
        unsure = true; // the decoder's error, with its message
        return;
      }
      if (entries.isEmpty() && blobStart >= Sniff.JSON_HEAD || end - blobStart > MAX_BLOB) {
        // white space past the head makes the file YAML to opm's sniffing; a blob longer than an array can hold
        // is not read in one piece
        unsure = true;
        return;
      }
      // the schema and package repeat from blob to blob: one string each, not one a blob
      Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
      String s = last != null && last.schema().equals(schema) ? last.schema() : schema;
      String p = pkg == null ? "" : last != null && last.pkg().equals(pkg) ? last.pkg() : pkg;
      entries.add(new Entry(blobStart, end, blobLine, s, p, name == null ? "" : name));
    }

    private static boolean isWatched(String k) {
      return k.equals("schema") || k.equals("package") || k.equals("name");
    }
  }
}
