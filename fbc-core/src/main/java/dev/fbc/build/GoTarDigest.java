package dev.fbc.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The integrity digest of opm's {@code json} serve cache: FNV-64a over the tar streams that Go's
 * {@code archive/tar} writer produces for a directory tree, as opm v1.54 writes them (facts from
 * {@code pkg/cache/tar.go} and Go 1.23's {@code archive/tar}): entries in {@code fs.WalkDir} order, named by their
 * path relative to the root ({@code "."} for the root itself, no trailing slash on directories), the permission bits
 * of each file as the mode, owner 0 and no owner names, every time zero (written as 0), symbolic links left out.
 * Go picks the USTAR format, splitting a long ASCII name into prefix and name where it can, and otherwise a PAX
 * header with a {@code path} record. Each stream ends, like Go's, with two zero blocks and no record padding.
 *
 * <p>Not thread-safe; one instance hashes one or more trees in sequence (opm hashes the catalog, then the cache).
 */
final class GoTarDigest {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final int BLOCK = 512;
  private static final int NAME_SIZE = 100;
  private static final int PREFIX_SIZE = 155;
  /** The largest size USTAR's 11 octal digits hold; a larger file would need a PAX size record. */
  static final long MAX_USTAR_SIZE = 077777777777L;

  private long hash = FNV_OFFSET;
  private long pad;

  /** The content of a file, opened when it is hashed. */
  @FunctionalInterface
  interface Content {
    InputStream open() throws IOException;
  }

  /** One entry of a tree walk: a directory (size 0, no content), or a regular file. */
  record Entry(String path, boolean directory, int permissions, long size, Content content) {
    static Entry dir(String path, int permissions) {
      return new Entry(path, true, permissions, 0, InputStream::nullInputStream);
    }

    static Entry file(String path, int permissions, byte[] content) {
      return new Entry(path, false, permissions, content.length, () -> new java.io.ByteArrayInputStream(content));
    }
  }

  /** Whether Go would write this entry's header in a form this class writes too (see {@link #add}). */
  static Optional<String> unsupported(String path, long size) {
    if (path.indexOf('\0') >= 0) {
      return Optional.of("a file name holds a NUL character");
    }
    if (size > MAX_USTAR_SIZE) {
      return Optional.of("a file is larger than 8 GiB");
    }
    return Optional.empty();
  }

  /** Adds one entry, as {@code tar.Writer.WriteHeader} and a copy of its content would. */
  void add(Entry e) throws IOException {
    flushPad();
    String name = e.path();
    long size = e.directory() ? 0 : e.size();
    byte typeflag = (byte) (e.directory() ? '5' : '0');
    boolean ascii = isAscii(name);
    if (ascii && name.getBytes(StandardCharsets.US_ASCII).length <= NAME_SIZE) {
      update(header(name, "", typeflag, e.permissions(), size, false));
    } else if (ascii && splitPoint(name) > 0) {
      int i = splitPoint(name);
      update(header(name.substring(i + 1), name.substring(0, i), typeflag, e.permissions(), size, false));
    } else {
      byte[] record = paxRecord("path", name);
      update(paxHeaderBlock(paxHeaderName(name), record.length));
      update(record);
      pad = padding(record.length);
      flushPad();
      update(header(name, "", typeflag, e.permissions(), size, true));
    }
    if (!e.directory()) {
      long copied = 0;
      try (InputStream in = e.content().open()) {
        byte[] buf = new byte[1 << 15];
        for (int n; (n = in.read(buf)) > 0; ) {
          update(buf, 0, n);
          copied += n;
        }
      }
      if (copied != size) {
        throw new IOException(name + ": changed while its digest was computed");
      }
      pad = padding(size);
    }
  }

  /** Ends one tree's stream, as {@code tar.Writer.Close}: the last padding and two zero blocks. */
  void close() {
    flushPad();
    update(new byte[2 * BLOCK]);
  }

  /** The digest as opm prints it: 16 lower-case hex digits. */
  String hex() {
    return String.format("%016x", hash);
  }

  private void flushPad() {
    if (pad > 0) {
      update(new byte[(int) pad]);
      pad = 0;
    }
  }

  private static long padding(long size) {
    return -size & (BLOCK - 1);
  }

  private void update(byte[] b) {
    update(b, 0, b.length);
  }

  private void update(byte[] b, int off, int n) {
    long h = hash;
    for (int i = off; i < off + n; i++) {
      h ^= b[i] & 0xff;
      h *= FNV_PRIME;
    }
    hash = h;
  }

  /** Go's {@code isASCII}: every character below 0x80 and none NUL. */
  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code toASCII}: the string without its non-ASCII (and NUL) characters. */
  private static String toAscii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().filter(c -> c < 0x80 && c != 0).forEach(b::appendCodePoint);
    return b.toString();
  }

  /** Go's {@code splitUSTARPath}: where a long ASCII name splits into prefix and name, or -1. */
  private static int splitPoint(String name) {
    int length = name.length();
    if (length <= NAME_SIZE) {
      return -1;
    } else if (length > PREFIX_SIZE + 1) {
      length = PREFIX_SIZE + 1;
    } else if (name.charAt(length - 1) == '/') {
      length--;
    }
    int i = name.substring(0, length).lastIndexOf('/');
    int nlen = name.length() - i - 1;
    if (i <= 0 || nlen > NAME_SIZE || nlen == 0 || i > PREFIX_SIZE) {
      return -1;
    }
    return i;
  }

  /** A USTAR (or, with {@code pax}, PAX) header as Go's {@code templateV7Plus} fills it. */
  private static byte[] header(String name, String prefix, byte typeflag, int mode, long size, boolean pax) {
    byte[] b = new byte[BLOCK];
    string(b, 0, NAME_SIZE, pax ? toAscii(name) : name);
    octal(b, 100, 8, mode);
    octal(b, 108, 8, 0);
    octal(b, 116, 8, 0);
    octal(b, 124, 12, size);
    octal(b, 136, 12, 0);
    b[156] = typeflag;
    octal(b, 329, 8, 0);
    octal(b, 337, 8, 0);
    if (!pax) {
      string(b, 345, PREFIX_SIZE, prefix);
    }
    return withMagicAndChecksum(b);
  }

  /** The header of a PAX extended header file, as Go's {@code writeRawFile} writes it. */
  private static byte[] paxHeaderBlock(String name, int dataLength) {
    byte[] b = new byte[BLOCK];
    String n = toAscii(name);
    byte[] bytes = n.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > NAME_SIZE) {
      n = new String(bytes, 0, NAME_SIZE, StandardCharsets.US_ASCII);
    }
    n = n.replaceAll("/+$", "");
    string(b, 0, NAME_SIZE, n);
    octal(b, 100, 8, 0);
    octal(b, 108, 8, 0);
    octal(b, 116, 8, 0);
    octal(b, 124, 12, dataLength);
    octal(b, 136, 12, 0);
    b[156] = 'x';
    return withMagicAndChecksum(b);
  }

  /** Go's name for a PAX header file: {@code PaxHeaders.0} inserted before the last element. */
  private static String paxHeaderName(String realName) {
    int slash = realName.lastIndexOf('/');
    return slash < 0 ? "PaxHeaders.0/" + realName
        : realName.substring(0, slash + 1) + "PaxHeaders.0/" + realName.substring(slash + 1);
  }

  /** Go's {@code formatPAXRecord}: {@code "<length> <key>=<value>\n"}, the length counting itself. */
  private static byte[] paxRecord(String key, String value) {
    int body = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 3;
    int size = body + Integer.toString(body).length();
    String record = size + " " + key + "=" + value + "\n";
    int actual = record.getBytes(StandardCharsets.UTF_8).length;
    if (actual != size) {
      record = actual + " " + key + "=" + value + "\n";
    }
    return record.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withMagicAndChecksum(byte[] b) {
    byte[] magic = "ustar\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, b, 257, magic.length);
    b[263] = '0';
    b[264] = '0';
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (b[i] & 0xff);
    }
    octal(b, 148, 7, sum);
    b[155] = ' ';
    return b;
  }

  /** Go's {@code formatString}: copy, NUL-terminate when there is room, truncate (PAX only) otherwise. */
  private static void string(byte[] b, int off, int len, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, b, off, Math.min(len, bytes.length));
    if (bytes.length < len) {
      b[off + bytes.length] = 0;
    }
    if (bytes.length > len && b[off + len - 1] == '/') {
      // Go replaces a trailing slash of a truncated name with NUL, so readers do not take a file for a directory
      int n = len - 1;
      while (n > 0 && bytes[n - 1] == '/') {
        n--;
      }
      b[off + n] = 0;
    }
  }

  /** Go's {@code formatOctal}: zero-padded octal digits leaving room for a NUL. */
  private static void octal(byte[] b, int off, int len, long x) {
    String s = Long.toOctalString(x);
    int zeros = len - s.length() - 1;
    if (zeros > 0) {
      s = "0".repeat(zeros) + s;
    }
    string(b, off, len, s);
  }
}
