package dev.fbc.image;

import dev.fbc.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 digests, and copying streams to files while checking them. */
final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String of(byte[] b) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(b));
  }

  static void check(String expected, String actual, String what) {
    if (!expected.startsWith("sha256:")) {
      throw new FbcException(what + ": unsupported digest algorithm in \"" + expected + "\"");
    }
    if (!expected.equalsIgnoreCase(actual)) {
      throw new FbcException(what + ": digest mismatch: expected " + expected + ", got " + actual
          + " (the content was altered or corrupted on the way)");
    }
  }

  /** Copies {@code in} to {@code dest} through a temporary file; {@code dest} appears only if the digest matches. */
  static void copyVerified(InputStream in, Path dest, String expected, String what, long maxBytes)
      throws IOException {
    Files.createDirectories(dest.getParent());
    Path tmp = Files.createTempFile(dest.getParent(), ".blob", ".part");
    try {
      MessageDigest md = sha256();
      long total = 0;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          total += n;
          if (total > maxBytes) {
            throw new FbcException(what + ": larger than " + maxBytes + " bytes");
          }
          md.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      check(expected, "sha256:" + HexFormat.of().formatHex(md.digest()), what);
      Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
