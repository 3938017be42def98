package dev.fbc.image;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A whole-request deadline: headers and body. The HTTP client's own timeout stops at the headers, so a server
 * that trickles (or stalls) its body would hold fbc forever; when this expires it closes the body and interrupts
 * the reading thread, whose read then fails and is reported as the deadline passing.
 *
 * <pre>{@code
 * try (Deadline d = Deadline.start(Duration.ofMinutes(5))) {
 *   d.closeOnExpiry(body);
 *   ... read body, calling d.check() between reads ...
 * }
 * }</pre>
 */
final class Deadline implements AutoCloseable {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fbc-deadline");
    t.setDaemon(true);
    return t;
  });

  private final long end;
  private final Duration length;
  private final Thread owner;
  private final ScheduledFuture<?> alarm;
  private Closeable toClose;
  private boolean done;
  private boolean fired;

  private Deadline(Duration length) {
    this.length = length;
    this.end = System.nanoTime() + length.toNanos();
    this.owner = Thread.currentThread();
    this.alarm = TIMER.schedule(this::expire, length.toNanos(), TimeUnit.NANOSECONDS);
  }

  static Deadline start(Duration length) {
    return new Deadline(length);
  }

  private void expire() {
    Closeable c;
    synchronized (this) {
      if (done) {
        return;
      }
      fired = true;
      c = toClose;
      owner.interrupt();
    }
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // the read it unblocks fails, which is what is wanted
      }
    }
  }

  /** A stream (the response body) to close when the deadline passes. */
  synchronized void closeOnExpiry(Closeable c) {
    toClose = c;
    if (fired) {
      expire();
    }
  }

  /** Time left, at least a millisecond (the HTTP client refuses a zero timeout). */
  Duration remaining() {
    return Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime()));
  }

  synchronized boolean expired() {
    return fired || System.nanoTime() - end >= 0;
  }

  Duration length() {
    return length;
  }

  @Override
  public void close() {
    boolean clearInterrupt;
    synchronized (this) {
      done = true;
      clearInterrupt = fired;
    }
    alarm.cancel(false);
    if (clearInterrupt) {
      Thread.interrupted(); // the interrupt was ours, not the caller's
    }
  }
}
