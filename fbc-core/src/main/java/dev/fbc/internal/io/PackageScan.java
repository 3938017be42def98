package dev.fbc.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A quick pass over one JSON catalog file that finds, for each blob, the package it is grouped under in opm's
 * output (the {@code name} of an {@code olm.package} blob, else its {@code package}), without building anything:
 * what a streaming render needs to know before it parses, to write each package as soon as every file holding
 * part of it has been read. The file is read in small chunks, so the pass holds no file in memory.
 *
 * <p>It is sure of its answer only for plain input: a JSON stream of objects whose top-level {@code schema},
 * {@code package} and {@code name} keys are written in lower case, once each, with string values without
 * escapes or non-ASCII bytes, and no other top-level key that matches one of them ignoring case. Anything else
 * (YAML, a byte-order mark, odd keys, an unfinished file) gives no answer, and the caller reads the catalog the
 * ordinary way, whose decoder has the last word on such input.
 */
final class PackageScan {
  private static final int CHUNK = 1 << 16;
  /** Longest top-level key or value kept for comparison; longer ones cannot be one of the three keys. */
  private static final int KEEP = 1024;

  private PackageScan() {}

  /** The grouping key of each blob of the file, in file order; empty when the pass is not sure. */
  static Optional<List<String>> packages(Path file, long maxBytes) {
    try (InputStream in = Files.newInputStream(file)) {
      return new Scanner(maxBytes).run(in);
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
    private final List<String> keys = new ArrayList<>();
    private boolean unsure;

    Scanner(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    Optional<List<String>> run(InputStream in) throws IOException {
      byte[] buf = new byte[CHUNK];
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
      }
      if (depth != 0 || inString || keys.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(keys);
    }

    private void scan(byte[] b, int n) {
      for (int i = 0; i < n; i++) {
        if (inString && !escaped && depth != 1) {
          // inside a nested string (most of the bytes) only its end and escapes matter: skip the rest in one loop
          while (i < n && b[i] != '"' && b[i] != '\\') {
            i++;
          }
          if (i == n) {
            return;
          }
        } else if (!inString && depth > 1) {
          // nested values outside strings: white space (the indentation of pretty-printed files) is passed over
          while (i < n && (b[i] == ' ' || b[i] == '\n')) {
            i++;
          }
          if (i == n) {
            return;
          }
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
          continue;
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
            if (depth == 0) {
              if (c != '{') {
                unsure = true;
                return;
              }
              schema = null;
              pkg = null;
              name = null;
              expectKey = true;
            }
            depth++;
          }
          case '}', ']' -> {
            depth--;
            if (depth < 0) {
              unsure = true;
              return;
            }
            if (depth == 0) {
              endBlob();
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
            if (depth == 0) {
              unsure = true; // a scalar between blobs
              return;
            }
          }
        }
        if (unsure) {
          return;
        }
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

    private void endBlob() {
      if (schema == null || schema.isEmpty()) {
        unsure = true; // the decoder's error, with its message
        return;
      }
      String group = "olm.package".equals(schema) ? name : pkg;
      keys.add(group == null ? "" : group);
    }

    private static boolean isWatched(String k) {
      return k.equals("schema") || k.equals("package") || k.equals("name");
    }
  }
}
