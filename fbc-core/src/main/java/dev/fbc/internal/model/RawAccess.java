package dev.fbc.internal.model;

import dev.fbc.internal.json.JsonBytes;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.model.RawJson;

/**
 * Lets the reader and writers use the bytes inside {@link RawJson} without copying them, while the public class
 * only hands out copies. It sits above both the model and the JSON code, so neither depends on the other's
 * internals.
 */
public final class RawAccess {
  private RawAccess() {}

  public static byte[] bytes(RawJson r) {
    return r.internalBytes().utf8();
  }

  public static JsonBytes json(RawJson r) {
    return r.internalBytes();
  }

  /** Whether the value is known to be in opm's normal form (sorted keys, float64 numbers). */
  public static boolean normalized(RawJson r) {
    return r.internalBytes().normalized();
  }

  public static RawJson of(JsonBytes b) {
    return RawJson.internalOf(b);
  }

  /** Wraps bytes written by {@code w}, remembering whether they are in normal form. */
  public static RawJson wrap(byte[] canonical, JsonTextWriter w) {
    return of(JsonBytes.of(canonical, w));
  }

  /**
   * Wraps compact JSON that is already in the exact form opm writes (e.g. a rendered bundle's property values,
   * which opm does not re-sort), so writers copy it as it is.
   */
  public static RawJson wrapFinal(byte[] json) {
    return of(new JsonBytes(json, true));
  }

  /** Wraps canonical compact JSON bytes; the caller hands over the array. */
  public static RawJson wrap(byte[] canonical) {
    return of(new JsonBytes(canonical, false));
  }
}
