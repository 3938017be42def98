package dev.fbc.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JacksonJson;
import dev.fbc.internal.json.JsonBytes;
import dev.fbc.internal.json.KeyOrder;
import dev.fbc.internal.json.RawJsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value kept verbatim: key order and number text as written. Property values and blobs of unknown schemas
 * are held this way, so reading and writing a catalog loses nothing.
 *
 * <pre>{@code
 * RawJson v = RawJson.parse("{\"packageName\": \"etcd\", \"version\": \"0.9.4\"}");
 * v.toString();           // {"packageName":"etcd","version":"0.9.4"}
 * v.toJsonNode().get("version").asText(); // 0.9.4
 * }</pre>
 *
 * <p>Equality compares the compact text, so two values that differ only in key order are not equal; compare
 * {@link #normalized()} forms for that.
 */
public final class RawJson {
  private static final RawJson EMPTY_OBJECT = new RawJson("{}".getBytes(StandardCharsets.UTF_8));

  private final byte[] utf8;
  // known to be in opm's normal form already: writers may copy it without sorting (not part of equality)
  private final boolean normalized;
  // where objects with keys out of order are, as the writer of the bytes noted (not part of equality)
  private final KeyOrder keyOrder;

  private RawJson(byte[] canonicalUtf8) {
    this(canonicalUtf8, false, KeyOrder.UNKNOWN);
  }

  private RawJson(byte[] canonicalUtf8, boolean normalized, KeyOrder keyOrder) {
    this.utf8 = canonicalUtf8;
    this.normalized = normalized;
    this.keyOrder = keyOrder;
  }

  // made on first use: an ObjectMapper loads Jackson's databind and the JDK's locale data (tens of milliseconds),
  // and only the conversions to and from Jackson trees need one; a render never does
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper();
  }

  /**
   * For fbc's reader and writers, which share the bytes without copying.
   *
   * @hidden
   */
  public static RawJson internalOf(JsonBytes bytes) {
    return new RawJson(bytes.utf8(), bytes.normalized(), bytes.keyOrder());
  }

  /**
   * For fbc's reader and writers, which share the bytes without copying; the type is not exported.
   *
   * @hidden
   */
  public JsonBytes internalBytes() {
    return new JsonBytes(utf8, normalized, keyOrder);
  }

  /** The empty object {@code {}}. */
  public static RawJson empty() {
    return EMPTY_OBJECT;
  }

  /**
   * Parses one JSON value.
   *
   * @throws IllegalArgumentException if {@code json} is not exactly one JSON value
   */
  public static RawJson parse(String json) {
    JsonFactory f = JacksonJson.factory();
    try (JsonParser p = f.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IllegalArgumentException("value is not valid json: empty input");
      }
      ByteSink sink = new ByteSink(json.length());
      JsonTextWriter w = JsonTextWriter.compact(sink);
      JacksonJson.copy(p, w);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("value is not valid json: more than one value");
      }
      return internalOf(JsonBytes.of(sink.toByteArray(), w));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("value is not valid json: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON string value. */
  public static RawJson ofString(String s) {
    ByteSink sink = new ByteSink(s.length() + 2);
    JsonTextWriter.compact(sink).string(s);
    return new RawJson(sink.toByteArray());
  }

  /** Reads a Jackson tree. */
  public static RawJson of(JsonNode node) {
    try {
      return parse(Mapper.INSTANCE.writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This value as a Jackson tree (a copy). */
  public JsonNode toJsonNode() {
    try {
      return Mapper.INSTANCE.readTree(utf8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same value as opm normalizes it: keys sorted at every level, numbers as float64. */
  public RawJson normalized() {
    ByteSink sink = new ByteSink(utf8.length);
    RawJsonReader.emit(utf8, JsonTextWriter.compact(sink), true);
    byte[] b = sink.toByteArray();
    return Arrays.equals(b, utf8) && normalized ? this : new RawJson(b, true, KeyOrder.UNKNOWN);
  }

  /** Whether this is a JSON object. */
  public boolean isObject() {
    return utf8[0] == '{';
  }

  /** Size of the compact text in bytes. */
  public int size() {
    return utf8.length;
  }

  /** The compact UTF-8 text (a copy). */
  public byte[] toUtf8() {
    return utf8.clone();
  }

  /** The compact JSON text. */
  @Override
  public String toString() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawJson r && Arrays.equals(utf8, r.utf8);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(utf8);
  }
}
