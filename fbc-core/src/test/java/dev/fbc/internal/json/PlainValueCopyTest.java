package dev.fbc.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.core.util.BufferRecycler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass copy of whole values ({@link PlainStringParser#copyPlainValue}) against Jackson's own parser, token
 * by token, on generated streams of documents: what is captured (bytes, normal form, where the unsorted objects
 * are), where every later document starts (line and column), and what fails where (message, line and column),
 * whether the copy took a value or gave it back. The streams are also mutated byte by byte, so that every kind of
 * error falls inside, before and after the values the copy takes.
 */
class PlainValueCopyTest {
  // Jackson's own parser under the same limits: every value read token by token
  private static final JsonFactory REFERENCE = JsonFactory.builder()
      .streamReadConstraints(JacksonJson.factory().streamReadConstraints()).build();

  private static final String[] KEYS = {
      "a", "b", "name", "z", "Ab", "a b", "é", "😀", "x<y", "a&b", "q\\\"q", "back\\\\slash", "nl\\n", "\\u0041",
      "\\/", "tab\\t", "",
  };
  private static final String[] STRINGS = {
      "", "plain", "with space", "é€😀", "<b>&amp;</b>", "\\\"quoted\\\"", "line\\nbreak\\r\\t", "\\u003c", "\\ud83d",
      "\\/", "\u2028", "ÿ", "{\\\"embedded\\\": [1, 2]}",
  };
  private static final String[] NUMBERS = {
      "0", "-0", "7", "-12", "3.25", "-0.5", "1e5", "1E+5", "2.5e-3", "1e400", "0.1000", "123456789012345678901234",
  };
  // indentation runs of every length up to a few steps of the copy's four-spaces-a-step loop
  private static final String[] WHITE = {"", "", " ", "  ", "\n", "\n    ", "\t", "\r\n", "\r", " \n\t", "     ",
      "\n" + " ".repeat(12), " ".repeat(7), "\n" + " ".repeat(17) + "\t ", " ".repeat(6) + "\r\n" + " ".repeat(9)};
  // bytes a mutation puts in: structure, white space good and bad, starts of tokens, bytes of no token
  private static final byte[] INSERTS = {
      '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\r', '\t', '\f', 0, 0x1f, 'a', 't', 'n', '-', '+', '.', 'e',
      '0', '5', (byte) 0xC3, (byte) 0x80, (byte) 0xFF, (byte) 0xE2, '<', '/',
  };

  @Test
  void generatedStreamsReadAsJacksonReadsThem() throws IOException {
    Random random = new Random(2026);
    for (int round = 0; round < 1500; round++) {
      byte[] doc = stream(random);
      assertSameAsReference(doc, "round " + round);
    }
  }

  @Test
  void mutatedStreamsFailWhereJacksonFailsThem() throws IOException {
    Random random = new Random(8259);
    for (int round = 0; round < 4000; round++) {
      byte[] doc = stream(random);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && doc.length > 0; e++) {
        doc = mutate(doc, random);
      }
      assertSameAsReference(doc, "round " + round);
    }
  }

  @Test
  void deepLongAndCutValuesGoTheParsersWay() throws IOException {
    // nesting past the copy's depth, numbers and keys past its token length, a value cut by the end of the input
    StringBuilder deep = new StringBuilder("{\"v\":");
    deep.append("[".repeat(70)).append("1").append("]".repeat(70)).append("}\n{\"w\":{\"x\":1}}");
    assertSameAsReference(deep.toString().getBytes(StandardCharsets.UTF_8), "deep");
    String digits = "9".repeat(1500);
    assertSameAsReference(("{\"v\":[" + digits + "]}\n{\"v\":{\"" + "k".repeat(1500) + "\":2}}")
        .getBytes(StandardCharsets.UTF_8), "long");
    assertSameAsReference("{\"v\":[1,2".getBytes(StandardCharsets.UTF_8), "cut");
    assertSameAsReference("{\"v\":[1,2]\r".getBytes(StandardCharsets.UTF_8), "cut after CR");
    assertSameAsReference("{\"v\":[1,\r".getBytes(StandardCharsets.UTF_8), "CR at the end");
  }

  @Test
  void theCopyTakesPlainValuesAndGivesBackTheRest() throws IOException {
    assertThat(copied("{\"v\":{\"b\":[1,-2.5e3,true,false,null,\"x\"],\"a\":{}}}")).isTrue();
    assertThat(copied("{\"v\":\n\t[ {\"k\" : \"v\"} ,\r\n[] ]}")).isTrue();
    assertThat(copied("{\"v\":{\"a\":\"\\u0041\"}}")).as("an escape Go writes otherwise").isFalse();
    assertThat(copied("{\"v\":{\"a\"\n:1}}")).as("a line break before a colon").isFalse();
    assertThat(copied("{\"v\":[01]}")).as("a leading zero").isFalse();
    assertThat(copied("{\"v\":[1,]}")).as("a trailing comma").isFalse();
    assertThat(copied("{\"v\":[truex]}")).isFalse();
  }

  @Test
  void valuesAcrossTheEndOfAStreamParsersBufferAreReadTheSame() throws IOException {
    // the stream parser reads 64 KiB at a time: values and CR LF pairs fall across its buffer's end
    Random random = new Random(64);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < 300_000) {
      out.writeBytes(stream(random));
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] doc = out.toByteArray();
    String expected = read(REFERENCE.createParser(new ByteArrayInputStream(doc)));
    assertThat(read(JacksonJson.factory().createParser(new ByteArrayInputStream(doc)))).isEqualTo(expected);
    assertThat(read(JacksonJson.parser(doc, 0, doc.length))).isEqualTo(expected);
  }

  /** A string longer than the parser's limit is not copied: it goes the parser's own way, which applies the limit. */
  @Test
  void stringsPastTheParsersLimitGoItsWay() throws IOException {
    StreamReadConstraints small = StreamReadConstraints.builder().maxStringLength(10).build();
    byte[] doc = "{\"v\":[\"0123456789\",\"0123456789a\"]}".getBytes(StandardCharsets.UTF_8);
    JsonFactory f = JsonFactory.builder().streamReadConstraints(small).build();
    IOContext ctxt = new IOContext(small, new BufferRecycler(), ContentReference.rawReference(doc), false);
    try (PlainStringParser p = new PlainStringParser(ctxt, f.getParserFeatures(), null,
        ByteQuadsCanonicalizer.createRoot().makeChild(f.getFactoryFeatures()), doc, 0, doc.length)) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      ByteSink sink = new ByteSink(64);
      assertThat(p.copyPlainValue(JsonTextWriter.compact(sink))).isFalse();
      // the parser is where it was: its own way reads the whole value (and applies the limit as it does)
      ByteSink again = new ByteSink(64);
      JacksonJson.copy(p, JsonTextWriter.compact(again));
      assertThat(again.toString()).isEqualTo("[\"0123456789\",\"0123456789a\"]");
    }
    // at the limit, copied
    byte[] fits = "{\"v\":[\"0123456789\"]}".getBytes(StandardCharsets.UTF_8);
    try (PlainStringParser p = new PlainStringParser(
        new IOContext(small, new BufferRecycler(), ContentReference.rawReference(fits), false), f.getParserFeatures(),
        null, ByteQuadsCanonicalizer.createRoot().makeChild(f.getFactoryFeatures()), fits, 0, fits.length)) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      assertThat(p.copyPlainValue(JsonTextWriter.compact(new ByteSink(64)))).isTrue();
    }
  }

  private static boolean copied(String doc) throws IOException {
    byte[] b = doc.getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = JacksonJson.parser(b, 0, b.length)) {
      assertThat(p).isInstanceOf(PlainStringParser.class);
      p.nextToken();
      p.nextToken();
      p.nextToken();
      ByteSink sink = new ByteSink(64);
      boolean copied = ((PlainStringParser) p).copyPlainValue(JsonTextWriter.compact(sink));
      assertSameAsReference(b, doc);
      return copied;
    }
  }

  private static void assertSameAsReference(byte[] doc, String what) throws IOException {
    String expected = read(REFERENCE.createParser(doc));
    // in place (whole values in the buffer), and at an offset in a larger array
    try (JsonParser p = JacksonJson.parser(doc, 0, doc.length)) {
      assertThat(read(p)).as("%s: %s", what, printable(doc)).isEqualTo(expected);
    }
    byte[] padded = new byte[doc.length + 10];
    System.arraycopy(doc, 0, padded, 5, doc.length);
    try (JsonParser p = JacksonJson.parser(padded, 5, doc.length)) {
      assertThat(read(p)).as("%s at an offset: %s", what, printable(doc)).isEqualTo(expected);
    }
  }

  /** Everything reading the stream shows: each document's place and capture, then the error if one stops it. */
  private static String read(JsonParser p) throws IOException {
    StringBuilder s = new StringBuilder();
    try (p) {
      while (p.nextToken() != null) {
        s.append(where(p.currentTokenLocation())).append(' ');
        JsonValue v = JacksonJson.read(p, 0, 1, text -> { });
        describe(v, s);
        s.append(" ends ").append(where(p.currentTokenLocation())).append('\n');
      }
    } catch (JsonProcessingException e) {
      s.append("error at ").append(where(e.getLocation())).append(": ").append(e.getOriginalMessage());
    }
    return s.toString();
  }

  private static String where(JsonLocation l) {
    // byte offsets too: FileLayout and BlobPatch edit files by them
    return l == null ? "?" : l.getLineNr() + ":" + l.getColumnNr() + "@" + l.getByteOffset();
  }

  private static void describe(JsonValue v, StringBuilder s) {
    if (v instanceof JsonValue.Obj o) {
      s.append('{');
      o.members().forEach((k, x) -> {
        s.append(k).append('=');
        describe(x, s);
        s.append(';');
      });
      s.append('}');
    } else if (v instanceof JsonValue.Raw r) {
      JsonBytes b = r.raw();
      s.append("raw ").append(new String(b.utf8(), StandardCharsets.UTF_8)).append(b.normalized() ? " normal" : "");
      KeyOrder order = b.keyOrder();
      if (order.known()) {
        for (int i = 0; i < b.utf8().length; i++) {
          int e = order.entry(i);
          if (e >= 0) {
            s.append(" unsorted@").append(i).append("..").append(order.end(e)).append(" keys");
            for (int k = 0; k < order.keys(e); k++) {
              s.append(' ').append(order.key(e, k));
            }
          }
        }
      } else {
        s.append(" order unknown");
      }
    } else {
      ByteSink sink = new ByteSink(16);
      v.emit(JsonTextWriter.compact(sink), false);
      s.append(sink);
    }
  }

  /** A stream of one to three documents, objects whose member values are captured whole. */
  private static byte[] stream(Random random) {
    StringBuilder s = new StringBuilder();
    int docs = 1 + random.nextInt(3);
    for (int d = 0; d < docs; d++) {
      s.append(white(random));
      s.append('{');
      int members = random.nextInt(4);
      for (int m = 0; m < members; m++) {
        if (m > 0) {
          s.append(',');
        }
        s.append(white(random)).append('"').append(KEYS[random.nextInt(KEYS.length)]).append('"').append(white(random))
            .append(':').append(white(random));
        value(random, s, 0);
        s.append(white(random));
      }
      s.append('}');
    }
    s.append(white(random));
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void value(Random random, StringBuilder s, int depth) {
    int kind = depth > 6 ? 2 + random.nextInt(4) : random.nextInt(6);
    switch (kind) {
      case 0, 1 -> {
        boolean object = kind == 0;
        s.append(object ? '{' : '[');
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            s.append(white(random)).append(',');
          }
          s.append(white(random));
          if (object) {
            s.append('"').append(KEYS[random.nextInt(KEYS.length)]).append('"').append(white(random)).append(':')
                .append(white(random));
          }
          value(random, s, depth + 1);
        }
        s.append(white(random)).append(object ? '}' : ']');
      }
      case 2 -> s.append('"').append(STRINGS[random.nextInt(STRINGS.length)]).append('"');
      case 3 -> s.append(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 4 -> s.append(random.nextBoolean() ? "true" : "false");
      default -> s.append("null");
    }
  }

  private static String white(Random random) {
    return WHITE[random.nextInt(WHITE.length)];
  }

  private static byte[] mutate(byte[] doc, Random random) {
    int at = random.nextInt(doc.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(doc, 0, at);
    switch (random.nextInt(3)) {
      case 0 -> out.write(doc, at + 1, doc.length - at - 1); // a byte less
      case 1 -> { // a byte more
        out.write(INSERTS[random.nextInt(INSERTS.length)]);
        out.write(doc, at, doc.length - at);
      }
      default -> { // a byte changed
        out.write(INSERTS[random.nextInt(INSERTS.length)]);
        out.write(doc, at + 1, doc.length - at - 1);
      }
    }
    return out.toByteArray();
  }

  private static String printable(byte[] doc) {
    List<String> parts = new ArrayList<>();
    for (byte b : doc) {
      parts.add(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xFF));
    }
    return String.join("", parts);
  }
}
