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
  // copied) at every doubling; a buffer grown past SCRATCH_KEEP by a huge value is let go rather than kept for the
  // thread's life
  private static final int SCRATCH_KEEP = 1 << 20;
  private static final ThreadLocal<ByteSink> SCRATCH = ThreadLocal.withInitial(() -> new ByteSink(64 * 1024));

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
   * written; callers that take one drop the blob.
   */
  public static JsonValue read(JsonParser p, int depth, int captureDepth, Consumer<String> outOfRange)
      throws IOException {
    return read(p, depth, captureDepth, new NumberTap(null, outOfRange));
  }

  private static JsonValue read(JsonParser p, int depth, int captureDepth, NumberTap numbers) throws IOException {
    JsonToken t = p.currentToken();
    if (depth >= captureDepth && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
      ByteSink sink = SCRATCH.get();
      sink.setLength(0);
      JsonTextWriter w = JsonTextWriter.compact(sink);
      copy(p, new NumberTap(w, numbers.outOfRange()));
      JsonBytes bytes = JsonBytes.of(sink.toByteArray(), w);
      if (sink.buffer().length > SCRATCH_KEEP) {
        SCRATCH.remove();
      }
      return new JsonValue.Raw(bytes);
    }
    switch (t) {
      case START_OBJECT: {
        LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, read(p, depth + 1, captureDepth, numbers));
        }
        return new JsonValue.Obj(m);
      }
      case START_ARRAY: {
        List<JsonValue> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p, depth + 1, captureDepth, numbers));
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

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
      byte[] head = new byte[4];
      int n = in.readNBytes(head, 0, 4);
      int first = head[0] & 0xFF;
      boolean utf8 = n == 4 && head[0] != 0 && head[1] != 0 && head[2] != 0 && head[3] != 0 && first != 0xEF
          && first != 0xFE && first != 0xFF;
      if (!utf8) {
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
