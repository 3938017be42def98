package dev.fbc.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.base.FbcException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Bounded reads of what images and registries hand us. Every manifest, index, configuration, token and helper
 * answer is read through here, so a hostile source cannot make fbc hold more than a limit in memory.
 */
final class Limits {
  /** Default for manifests, indexes, image configurations, {@code index.json}, archive {@code manifest.json}. */
  static final long DEFAULT_MAX_MANIFEST_BYTES = 4L << 20;
  /** Token service answers (real ones are a few KiB). */
  static final long MAX_TOKEN_BYTES = 1L << 20;
  /** Credential helper output and auth files (real ones are tiny). */
  static final long MAX_CREDENTIALS_BYTES = 1L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Limits() {}

  /** All of {@code in}, refusing more than {@code max} bytes without reading further. */
  static byte[] readAll(InputStream in, long max, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 14];
    long total = 0;
    int n;
    while ((n = in.read(buf, 0, (int) Math.min(buf.length, max - total + 1))) > 0) {
      total += n;
      if (total > max) {
        throw tooLarge(what, max);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** A regular file's content, refusing a larger one (or a FIFO, device, directory) before reading it. */
  static byte[] readFile(Path file, long max, String what) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
      if (!Files.exists(file)) {
        throw new NoSuchFileException(file.toString());
      }
      throw new FbcException(what + ": " + file.getFileName() + " is not a regular file");
    }
    if (Files.size(file) > max) {
      throw tooLarge(what, max);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return readAll(in, max, what);
    }
  }

  static FbcException tooLarge(String what, long max) {
    return new FbcException(what + ": larger than the limit of " + max + " bytes; refusing to read it");
  }

  /** Parses JSON, with a one-line message naming {@code what} instead of the parser's multi-line one. */
  static JsonNode json(byte[] body, String what) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new FbcException(what + ": not valid JSON" + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new FbcException(what + ": not valid JSON");
    }
  }
}
