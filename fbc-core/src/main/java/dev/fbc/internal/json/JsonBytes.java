package dev.fbc.internal.json;

/**
 * Canonical compact JSON text, shared without copying between the reader, the writers and the public
 * {@code RawJson} that wraps it. The array is never changed after construction.
 *
 * @param normalized known to be in opm's normal form already (sorted keys, float64 numbers), so writers may copy it
 *     without sorting
 * @param keyOrder where the objects with keys out of order are, if the writer of the bytes noted it
 */
public record JsonBytes(byte[] utf8, boolean normalized, KeyOrder keyOrder) {
  public JsonBytes(byte[] utf8, boolean normalized) {
    this(utf8, normalized, KeyOrder.UNKNOWN);
  }

  /** Bytes written by {@code w}, remembering whether they are in normal form and which objects are not. */
  public static JsonBytes of(byte[] canonical, JsonTextWriter w) {
    return new JsonBytes(canonical, w.normalized(), w.keyOrder(canonical.length));
  }

  /** The first byte, which tells the JSON type. */
  public byte first() {
    return utf8[0];
  }
}
