package dev.fbc.internal.json;

import dev.fbc.model.RawJson;
import java.util.function.Function;

/**
 * Lets the reader and writers use the bytes inside {@link RawJson} without copying them, while the public class
 * only hands out copies.
 */
public final class RawAccess {
  private static Function<RawJson, byte[]> bytes;
  private static Function<byte[], RawJson> wrap;

  private RawAccess() {}

  /** Called once by {@link RawJson}'s static initializer. */
  public static void install(Function<RawJson, byte[]> bytesFn, Function<byte[], RawJson> wrapFn) {
    if (bytes != null) {
      throw new IllegalStateException("already installed");
    }
    bytes = bytesFn;
    wrap = wrapFn;
  }

  private static void ensure() {
    if (bytes == null) {
      RawJson.empty(); // runs RawJson's static initializer
    }
  }

  public static byte[] bytes(RawJson r) {
    ensure();
    return bytes.apply(r);
  }

  /** Wraps canonical compact JSON bytes; the caller hands over the array. */
  public static RawJson wrap(byte[] canonical) {
    ensure();
    return wrap.apply(canonical);
  }
}
