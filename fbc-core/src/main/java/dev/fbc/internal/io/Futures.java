package dev.fbc.internal.io;

import dev.fbc.base.FbcException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the loader's and writer's pool tasks, their failures passed on as the task threw them. */
final class Futures {
  private Futures() {}

  /**
   * The task's result. What the task threw comes out as it was (runtime exceptions and errors, so out of memory
   * stays out of memory); an interruption, or a checked exception no task here throws, as one line.
   *
   * @param doing what the tasks do, for the interruption's line ("loading", "writing")
   */
  static <T> T await(Future<T> f, String doing) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FbcException("interrupted while " + doing, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new FbcException(String.valueOf(e.getCause()), e.getCause());
    }
  }
}
