package dev.fbc.internal.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that fails once more than a limit has been read: the size a file had when it was listed proves
 * nothing about what reading it gives (a file that grows, a link swapped for an endless device).
 */
final class LimitedInputStream extends FilterInputStream {
  /** Reading went past the limit. */
  static final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    LimitExceededException(long limit) {
      super("more than " + limit + " bytes");
      this.limit = limit;
    }

    long limit() {
      return limit;
    }
  }

  private final long limit;
  private long read;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    // one byte past the limit is enough to know the limit is passed
    int n = super.read(b, off, (int) Math.min(len, limit + 1 - read));
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long k = super.skip(Math.min(n, limit + 1 - read));
    count(k);
    return k;
  }

  private void count(long n) throws LimitExceededException {
    read += n;
    if (read > limit) {
      throw new LimitExceededException(limit);
    }
  }
}
