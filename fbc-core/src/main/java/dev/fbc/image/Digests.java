package dev.fbc.image;

import dev.fbc.base.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

/** Checking content against its descriptor (size, then digest), in memory or while copying to a file. */
final class Digests {
  private Digests() {}

  /** Checks a manifest or configuration read into memory. */
  static void check(Descriptor expected, byte[] body, String what) {
    if (expected.sized() && body.length != expected.size()) {
      throw sizeMismatch(what, expected.size(), body.length);
    }
    check(expected.digest(), expected.digest().of(body), what);
  }

  static void check(Digest expected, Digest actual, String what) {
    if (!expected.equals(actual)) {
      throw new FbcException(what + ": digest mismatch: expected " + expected + ", got " + actual
          + " (the content was altered or corrupted on the way)");
    }
  }

  static FbcException sizeMismatch(String what, long declared, long actual) {
    return new FbcException(what + ": size mismatch: the descriptor declares " + declared + " bytes, "
        + (actual > declared ? "got more" : "got " + actual) + " (the content was altered or corrupted on the way)");
  }

  /**
   * Copies {@code in} to {@code dest} through a temporary file beside it; {@code dest} appears only if the size
   * and digest match. Never reads more than the declared size (plus one byte, to notice more) nor
   * {@code maxBytes}.
   */
  static void copyVerified(InputStream in, Path dest, Descriptor expected, String what, long maxBytes)
      throws IOException {
    if (expected.size() > maxBytes) {
      throw Limits.tooLarge(what, maxBytes);
    }
    long limit = expected.sized() ? expected.size() : maxBytes;
    Files.createDirectories(dest.getParent());
    Path tmp = Files.createTempFile(dest.getParent(), ".blob", ".part");
    try {
      MessageDigest md = expected.digest().newHasher();
      long total = 0;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, limit - total + 1))) > 0) {
          total += n;
          if (total > limit) {
            throw expected.sized() ? sizeMismatch(what, expected.size(), total) : Limits.tooLarge(what, maxBytes);
          }
          md.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      if (expected.sized() && total != expected.size()) {
        throw sizeMismatch(what, expected.size(), total);
      }
      check(expected.digest(), expected.digest().finish(md), what);
      Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
