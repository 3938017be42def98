package dev.fbc.image;

import dev.fbc.base.FbcException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A content digest ({@code algorithm:hex}) that has been checked: a supported algorithm and exactly its number of
 * lowercase hex digits. Digests come from registries, layouts and archives, which are not trusted, and are used
 * to name files; only this type is used after the point where a digest enters, so nothing unchecked becomes a path.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:" + "ab".repeat(32), "quay.io/x/y:v1 layer");
 * d.relativePath();   // sha256/abab...
 * }</pre>
 */
public record Digest(String algorithm, String hex) {
  /** Supported algorithms, with their Java name and hex length. */
  private static final Map<String, Algorithm> ALGORITHMS = Map.of(
      "sha256", new Algorithm("SHA-256", 64),
      "sha512", new Algorithm("SHA-512", 128));
  // the OCI grammar of an algorithm, to tell "unsupported" from "garbage"
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]+");

  private record Algorithm(String javaName, int hexLength) {}

  public Digest {
    Algorithm a = ALGORITHMS.get(algorithm);
    if (a == null || hex.length() != a.hexLength() || !LOWER_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a valid digest: " + algorithm + ":" + hex);
    }
  }

  /**
   * Checks a digest from outside; {@code what} names where it came from (an image reference and which part) for
   * the one-line error.
   */
  public static Digest parse(String text, String what) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new FbcException(what + ": invalid digest \"" + shorten(text) + "\" (expected algorithm:hex)");
    }
    String algorithm = text.substring(0, colon);
    String hex = text.substring(colon + 1);
    if (!ALGORITHM.matcher(algorithm).matches()) {
      throw new FbcException(what + ": invalid digest \"" + shorten(text) + "\" (expected algorithm:hex)");
    }
    Algorithm a = ALGORITHMS.get(algorithm);
    if (a == null) {
      throw new FbcException(what + ": unsupported digest algorithm \"" + shorten(algorithm)
          + "\" (supported: sha256, sha512)");
    }
    if (hex.length() != a.hexLength() || !LOWER_HEX.matcher(hex).matches()) {
      throw new FbcException(what + ": invalid digest \"" + shorten(text) + "\" (" + algorithm + " is "
          + a.hexLength() + " lowercase hex digits)");
    }
    return new Digest(algorithm, hex);
  }

  /** The digest of {@code bytes} with this same algorithm. */
  public Digest of(byte[] bytes) {
    MessageDigest md = newHasher();
    return new Digest(algorithm, HexFormat.of().formatHex(md.digest(bytes)));
  }

  /** The sha256 digest of {@code bytes}: what a manifest pulled by tag is named by. */
  public static Digest sha256(byte[] bytes) {
    return new Digest("sha256", "0".repeat(64)).of(bytes);
  }

  public MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance(ALGORITHMS.get(algorithm).javaName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the Java runtime lacks " + algorithm, e);
    }
  }

  /** The digest a finished hasher (from {@link #newHasher()}) computed. */
  Digest finish(MessageDigest md) {
    return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
  }

  /** {@code algorithm/hex}, the layout of OCI {@code blobs/} directories. */
  public Path relativePath() {
    return Path.of(algorithm, hex);
  }

  /**
   * The file for this digest below {@code dir}; asserts it stays there (it does by construction, but a cache
   * path is where a mistake would delete a user's file, so it is checked again).
   */
  public Path under(Path dir) {
    Path base = dir.toAbsolutePath().normalize();
    Path p = base.resolve(relativePath()).normalize();
    if (!p.startsWith(base) || p.equals(base)) {
      throw new IllegalStateException("digest path escapes " + base);
    }
    return p;
  }

  /** A file name for this digest (no separator), for temporary files. */
  public String fileName() {
    return algorithm + "-" + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  /** Keeps hostile input from flooding a message. */
  static String shorten(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 150 ? t.substring(0, 150) + "..." : t;
  }
}
