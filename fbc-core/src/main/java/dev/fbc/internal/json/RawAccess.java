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
  private static java.util.function.BiFunction<byte[], Boolean, RawJson> wrapNormalized;
  private static java.util.function.Predicate<RawJson> normalized;

  private RawAccess() {}

  /** Called once by {@link RawJson}'s static initializer. */
  public static void install(Function<RawJson, byte[]> bytesFn, Function<byte[], RawJson> wrapFn,
      java.util.function.BiFunction<byte[], Boolean, RawJson> wrapNormalizedFn,
      java.util.function.Predicate<RawJson> normalizedFn) {
    if (bytes != null) {
      throw new IllegalStateException("already installed");
    }
    bytes = bytesFn;
    wrap = wrapFn;
    wrapNormalized = wrapNormalizedFn;
    normalized = normalizedFn;
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

  /** Whether the value is known to be in opm's normal form (sorted keys, float64 numbers). */
  public static boolean normalized(RawJson r) {
    ensure();
    return normalized.test(r);
  }

  /** Wraps bytes written by {@code w}, remembering whether they are in normal form. */
  public static RawJson wrap(byte[] canonical, JsonTextWriter w) {
    ensure();
    return wrapNormalized.apply(canonical, w.normalized());
  }

  /**
   * Wraps compact JSON that is already in the exact form opm writes (e.g. a rendered bundle's property values,
   * which opm does not re-sort), so writers copy it as it is.
   */
  public static RawJson wrapFinal(byte[] json) {
    ensure();
    return wrapNormalized.apply(json, true);
  }

  /** Wraps canonical compact JSON bytes; the caller hands over the array. */
  public static RawJson wrap(byte[] canonical) {
    ensure();
    return wrap.apply(canonical);
  }
}
