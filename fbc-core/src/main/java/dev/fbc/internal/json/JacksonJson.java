package dev.fbc.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Reading JSON text with Jackson's streaming parser into {@link JsonValue}s and {@link JsonSink}s. */
public final class JacksonJson {
  private static final JsonFactory FACTORY = new PlainStringFactory((JsonFactoryBuilder) JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(512 << 20)
          .maxNestingDepth(1000)
          .maxNumberLength(10_000)
          .build()));

  // captured values are written here and copied out at their size, instead of into a fresh buffer grown (and
  // copied) at every doubling, by one writer that keeps its arrays from value to value; a buffer grown past
  // SCRATCH_KEEP by a huge value is let go rather than kept for the thread's life
  private static final int SCRATCH_KEEP = 1 << 20;
  private static final ThreadLocal<Capture> SCRATCH = ThreadLocal.withInitial(Capture::new);

  private static final class Capture {
    final ByteSink sink = new ByteSink(64 * 1024);
    final JsonTextWriter writer = JsonTextWriter.compact(sink);
  }

  private JacksonJson() {}

  public static JsonFactory factory() {
    return FACTORY;
  }

  /** Copies the value at the parser's current token into {@code sink}; numbers keep their text. */
  public static void copy(JsonParser p, JsonSink sink) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        sink.beginObject();
        PlainStringParser plain = p instanceof PlainStringParser pp ? pp : null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          if (plain == null || !plain.copyPlainKey(sink)) {
            sink.key(p.currentName());
          }
          p.nextToken();
          copy(p, sink);
        }
        sink.endObject();
      }
      case START_ARRAY -> {
        sink.beginArray();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          copy(p, sink);
        }
        sink.endArray();
      }
      case VALUE_STRING -> {
        if (!(p instanceof PlainStringParser plain) || !plain.copyPlainString(sink)) {
          sink.string(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> sink.number(p.getText());
      case VALUE_TRUE -> sink.bool(true);
      case VALUE_FALSE -> sink.bool(false);
      case VALUE_NULL -> sink.nul();
      default -> throw new IOException("unexpected JSON token " + t);
    }
  }

  /**
   * Reads the value at the current token as a tree; anything at {@code captureDepth} or deeper is kept as raw
   * canonical JSON instead of a tree.
   */
  public static JsonValue read(JsonParser p, int depth, int captureDepth) throws IOException {
    return read(p, depth, captureDepth, text -> {
      throw new IllegalArgumentException("json: unsupported value: " + text);
    });
  }

  /**
   * The same, handing every number Go cannot read as a float64 (see {@link GoJson#fitsFloat64}) to
   * {@code outOfRange}, also in captured parts. Such a number is kept as {@code 0}, so the value can still be
   * written; callers that take one drop the blob. A number may be handed over twice (a one-pass copy that gave a
   * value back is followed by the token-by-token copy of it), always in reading order: callers keep the first.
   */
  public static JsonValue read(JsonParser p, int depth, int captureDepth, Consumer<String> outOfRange)
      throws IOException {
    return read(p, depth, captureDepth, new NumberTap(null, outOfRange), Skips.NONE, Role.OTHER,
        KeyOrder.Listing.LARGE_OBJECTS);
  }

  /**
   * Reads a blob (the document at the current token) as {@link #read(JsonParser, int, int, Consumer)} does, except
   * that the object or array values of the properties ({@code properties[i].value}, at {@code captureDepth}) whose
   * type {@code skips} names are not captured but skipped, when the property's {@code type} came before its
   * {@code value}. Skipping reports what capturing reports: syntax errors at the same place, the same numbers to
   * {@code outOfRange}, the parser's limits. A skipped value is kept as {@code {}} or {@code []}, so only its kind
   * is left: a load for callers that never read further.
   *
   * The captured values note which of their unsorted objects have their keys listed as {@code listing} says.
   *
   * @throws Skips.Undone when a later key changed what was skipped (a second {@code type}): the caller reads the
   *     stream again without skipping
   */
  public static JsonValue readSkipping(JsonParser p, int captureDepth, Consumer<String> outOfRange, Skips skips,
      KeyOrder.Listing listing) throws IOException {
    return read(p, 0, captureDepth, new NumberTap(null, outOfRange), skips, Role.BLOB, listing);
  }

  /** Where in a blob a value is, as far as skipping cares. */
  private enum Role {
    BLOB, PROPERTIES, PROPERTY, OTHER;

    Role child(String key) {
      return this == BLOB && key.equals("properties") ? PROPERTIES : OTHER;
    }

    Role item() {
      return this == PROPERTIES ? PROPERTY : OTHER;
    }
  }

  /**
   * The property types whose values a reading skips, and whether it skipped any since asked last. One per parse,
   * used by one thread.
   */
  public static final class Skips {
    static final Skips NONE = new Skips(Set.of());
    private static final JsonValue OBJECT = new JsonValue.Raw(new JsonBytes(new byte[] {'{', '}'}, true));
    private static final JsonValue ARRAY = new JsonValue.Raw(new JsonBytes(new byte[] {'[', ']'}, true));

    private final Set<String> types;
    private boolean skipped;

    public Skips(Set<String> types) {
      this.types = Set.copyOf(types);
    }

    /** Whether a value was skipped since the last call. */
    public boolean takeSkipped() {
      boolean s = skipped;
      skipped = false;
      return s;
    }

    /** A skip turned out wrong: the document is not what was assumed when its value was skipped. */
    public static final class Undone extends RuntimeException {
      private static final long serialVersionUID = 1L;

      public Undone() {
        super("a skipped property value is needed", null, false, false);
      }
    }

    /**
     * Moves past the object or array at the current token, token by token (no recursion), handing numbers to
     * {@code numbers} and decoding strings as capturing would (so the same bytes fail), and returns its stand-in.
     */
    JsonValue skip(JsonParser p, NumberTap numbers) throws IOException {
      JsonValue standIn = p.currentToken() == JsonToken.START_OBJECT ? OBJECT : ARRAY;
      PlainStringParser plain = p instanceof PlainStringParser pp ? pp : null;
      int open = 1;
      while (open > 0) {
        JsonToken t = p.nextToken();
        if (t == null) {
          throw new IOException("unexpected end of input inside a value");
        }
        switch (t) {
          case START_OBJECT, START_ARRAY -> open++;
          case END_OBJECT, END_ARRAY -> open--;
          case VALUE_STRING -> {
            if (plain == null || !plain.skipPlainString()) {
              p.getTextCharacters();
            }
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numbers.checked(p.getText());
          default -> {
            // keys, booleans and null: the parser has read them whole
          }
        }
      }
      skipped = true;
      return standIn;
    }
  }

  private static JsonValue read(JsonParser p, int depth, int captureDepth, NumberTap numbers, Skips skips,
      Role role, KeyOrder.Listing listing) throws IOException {
    JsonToken t = p.currentToken();
    if (depth >= captureDepth && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
      Capture c = SCRATCH.get();
      ByteSink sink = c.sink;
      JsonTextWriter w = c.writer;
      // a capture that failed part way (a syntax error) left its state behind
      sink.setLength(0);
      w.restart();
      w.listing(listing);
      NumberTap tap = new NumberTap(w, numbers.outOfRange());
      if (!(p instanceof PlainStringParser plain) || !plain.copyPlainValue(tap)) {
        // what the one-pass copy wrote before it gave up goes: the token-by-token copy starts over
        sink.setLength(0);
        w.restart();
        copy(p, tap);
      }
      JsonBytes bytes = JsonBytes.of(sink.toByteArray(), w);
      if (sink.buffer().length > SCRATCH_KEEP) {
        SCRATCH.remove();
      }
      return new JsonValue.Raw(bytes);
    }
    switch (t) {
      case START_OBJECT: {
        // most objects read here have a few members (blobs, properties, entries)
        SmallMap small = new SmallMap();
        Map<String, JsonValue> large = null;
        // in a property: its type as far as read, and the type a skipped value was taken to have
        String type = null;
        String assumed = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          JsonToken vt = p.nextToken();
          JsonValue v;
          if (role == Role.PROPERTY && type != null && k.equals("value") && depth + 1 >= captureDepth
              && (vt == JsonToken.START_OBJECT || vt == JsonToken.START_ARRAY) && skips.types.contains(type)) {
            v = skips.skip(p, numbers);
            assumed = type;
          } else {
            v = read(p, depth + 1, captureDepth, numbers, skips, role.child(k), listing);
          }
          if (role == Role.PROPERTY && k.equals("type")) {
            type = v instanceof JsonValue.Str s ? s.value() : null;
          }
          if (large != null) {
            large.put(k, v);
          } else if (!small.add(k, v)) {
            large = new LinkedHashMap<>(small);
            large.put(k, v);
          }
        }
        Map<String, JsonValue> m = large != null ? large : small;
        // the decoder takes the last of repeated keys: a second "type" may have made the skipped value needed
        if (assumed != null && !(m.get("type") instanceof JsonValue.Str s && s.value().equals(assumed))) {
          throw new Skips.Undone();
        }
        return new JsonValue.Obj(m);
      }
      case START_ARRAY: {
        List<JsonValue> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p, depth + 1, captureDepth, numbers, skips, role.item(), listing));
        }
        return new JsonValue.Arr(l);
      }
      case VALUE_STRING:
        return new JsonValue.Str(p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: {
        return new JsonValue.Num(numbers.checked(p.getText()));
      }
      case VALUE_TRUE:
        return JsonValue.Bool.TRUE;
      case VALUE_FALSE:
        return JsonValue.Bool.FALSE;
      case VALUE_NULL:
        return JsonValue.Null.INSTANCE;
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }

  /**
   * Makes {@link PlainStringParser}s for byte streams in UTF-8 (what Jackson would detect as UTF-8 without a byte
   * order mark: no zero byte among the first four), so {@link #copy} can take plain strings as they are; other
   * streams get Jackson's own parser.
   */
  private static final class PlainStringFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;
    private static final int READ_BUFFER = 64 * 1024;

    PlainStringFactory(JsonFactoryBuilder b) {
      super(b);
    }

    /** Whether Jackson would take bytes starting so for UTF-8 without a byte order mark. */
    private static boolean utf8(byte[] b, int off, int n) {
      if (n < 4) {
        return false;
      }
      int first = b[off] & 0xFF;
      return b[off] != 0 && b[off + 1] != 0 && b[off + 2] != 0 && b[off + 3] != 0 && first != 0xEF
          && first != 0xFE && first != 0xFF;
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
      byte[] head = new byte[4];
      int n = in.readNBytes(head, 0, 4);
      if (!utf8(head, 0, n)) {
        return super._createParser(new SequenceInputStream(new ByteArrayInputStream(head, 0, n), in), ctxt);
      }
      ctxt.setEncoding(JsonEncoding.UTF8);
      // a string running past the end of the buffer is decoded, so the buffer holds most strings whole: the larger
      // property texts (descriptions, embedded JSON) run to tens of KiB
      byte[] buffer = ctxt.allocReadIOBuffer(READ_BUFFER);
      System.arraycopy(head, 0, buffer, 0, 4);
      // what is already there too, or the first string would always run past the end of the buffer
      int more = in.read(buffer, 4, buffer.length - 4);
      return new PlainStringParser(ctxt, _parserFeatures, in, _objectCodec,
          _byteSymbolCanonicalizer.makeChild(_factoryFeatures), buffer, 4 + Math.max(0, more));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
      if (!utf8(data, offset, len)) {
        return super._createParser(data, offset, len, ctxt);
      }
      streamReadConstraints().validateDocumentLength(len);
      ctxt.setEncoding(JsonEncoding.UTF8);
      return new PlainStringParser(ctxt, _parserFeatures, _objectCodec,
          _byteSymbolCanonicalizer.makeChild(_factoryFeatures), data, offset, offset + len);
    }
  }

  /**
   * A parser over bytes {@code [off, off + len)} of {@code data}, read in place: a {@link PlainStringParser} for
   * UTF-8 (see {@link PlainStringFactory}), whose whole-value copy then sees every value whole.
   */
  public static JsonParser parser(byte[] data, int off, int len) throws IOException {
    return FACTORY.createParser(data, off, len);
  }

  /** Passes events on to a sink, taking out numbers beyond the float64 range on the way. */
  private record NumberTap(JsonSink sink, Consumer<String> outOfRange) implements JsonSink {
    String checked(String text) {
      if (GoJson.fitsFloat64(text)) {
        return text;
      }
      outOfRange.accept(text);
      return "0";
    }

    @Override
    public void beginObject() {
      sink.beginObject();
    }

    @Override
    public void endObject() {
      sink.endObject();
    }

    @Override
    public void beginArray() {
      sink.beginArray();
    }

    @Override
    public void endArray() {
      sink.endArray();
    }

    @Override
    public void key(String key) {
      sink.key(key);
    }

    @Override
    public boolean takesHtmlAsIs() {
      return sink.takesHtmlAsIs();
    }

    @Override
    public void escapedKey(byte[] buf, int off, int len) {
      sink.escapedKey(buf, off, len);
    }

    @Override
    public void string(String value) {
      sink.string(value);
    }

    @Override
    public void string(char[] buf, int off, int len) {
      sink.string(buf, off, len);
    }

    @Override
    public void escapedString(byte[] buf, int off, int len) {
      sink.escapedString(buf, off, len);
    }

    @Override
    public void number(String text) {
      sink.number(checked(text));
    }

    @Override
    public void bool(boolean value) {
      sink.bool(value);
    }

    @Override
    public void nul() {
      sink.nul();
    }
  }
}
