package dev.fbc.internal.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that can also drain into an {@link OutputStream} when it gets large. */
public final class ByteSink {
  private byte[] buf;
  private int len;
  private final OutputStream out;
  private boolean flushed;
  // the characters of a String being written (see chars): kept for the next one up to CHARS_KEEP
  private char[] chars;
  private static final int CHARS_KEEP = 1 << 16;

  public ByteSink(int initial) {
    this(initial, null);
  }

  /** With {@code out} set, the buffer is flushed to it whenever it passes 64 KiB. */
  public ByteSink(int initial, OutputStream out) {
    this.buf = new byte[Math.max(16, initial)];
    this.out = out;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      if (out != null && len > 0) {
        flush();
        if (extra <= buf.length) {
          return;
        }
      }
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  public void write(int b) {
    if (len == buf.length) {
      ensure(1);
    }
    buf[len++] = (byte) b;
  }

  public void write(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  /** Writes an ASCII-only string. */
  public void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  public void utf8(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    write(b, 0, b.length);
  }

  public void spaces(int n) {
    ensure(n);
    // a copy is one intrinsic call in the C1-only JVM the launcher runs, a fill is a byte loop
    int done = 0;
    while (done < n) {
      int k = Math.min(n - done, SPACES.length);
      System.arraycopy(SPACES, 0, buf, len + done, k);
      done += k;
    }
    len += n;
  }

  private static final byte[] SPACES = " ".repeat(256).getBytes(StandardCharsets.US_ASCII);

  /**
   * A scratch array of at least {@code n} characters, for a writer that reads a String's characters out of it
   * ({@link String#getChars}): the scan of an array is faster than {@code charAt} under the client compiler the
   * launcher runs, and {@code toCharArray} allocated a copy per string. Its content is the caller's until the next
   * call; arrays beyond 64 Ki characters are not kept.
   */
  public char[] chars(int n) {
    if (chars != null && chars.length >= n) {
      return chars;
    }
    char[] c = new char[Math.max(n, chars == null ? 64 : Math.min(CHARS_KEEP, chars.length * 2))];
    if (c.length <= CHARS_KEEP) {
      chars = c;
    }
    return c;
  }

  public int length() {
    return len;
  }

  /** Makes room for {@code n} more bytes; use with {@link #buffer()} and {@link #setLength(int)}. */
  public void reserve(int n) {
    ensure(n);
  }

  public void setLength(int newLen) {
    len = newLen;
  }

  /** The internal buffer; valid up to {@link #length()}. */
  public byte[] buffer() {
    return buf;
  }

  public byte byteAt(int i) {
    return buf[i];
  }

  public void truncate(int newLen) {
    len = newLen;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  public void flush() {
    if (out == null) {
      return;
    }
    try {
      out.write(buf, 0, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    len = 0;
    flushed = true;
  }

  /** Whether some bytes went to the stream already, so {@link #length()} no longer counts from the start. */
  public boolean flushed() {
    return flushed;
  }

  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }
}
