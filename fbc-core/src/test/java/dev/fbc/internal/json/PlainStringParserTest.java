package dev.fbc.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte-copy fast path for plain strings against the decode-and-encode path, on adversarial strings. */
class PlainStringParserTest {
  // pieces of JSON string text (as written between the quotes in the file); several are not plain
  private static final String[] PIECES = {
      "a", "plain text ", "0.1.2", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\b", "\\f", "\\r", "\\u0000", "\\u001f",
      "\\u003c", "\\u2028", "\\ud83d\\ude00", "\\ud83d", "\\ude00", "<", ">", "&", "\u007f", "é", "€", "\u2028",
      "\u2029", "\u2027", "\u202a", "😀", "\uFFFD", "\uFEFF", "ÿ", "\u0800", "\uD7FF", "\uE000",
  };
  // raw bytes put into strings: invalid or unusual UTF-8, control characters
  private static final byte[][] RAW = {
      {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x80}, {0x01}, {0x1F}, {'\t'},
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0xE2, (byte) 0x80, (byte) 0xA8},
  };

  @Test
  void utf8StreamsGetTheCopyingParserAndOthersJacksons() throws IOException {
    assertThat(parser("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(PlainStringParser.class);
    assertThat(parser("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE))).isNotInstanceOf(PlainStringParser.class);
    assertThat(parser("\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isNotInstanceOf(PlainStringParser.class);
    assertThat(parser("1".getBytes(StandardCharsets.UTF_8))).isNotInstanceOf(PlainStringParser.class);
    assertThat(capture("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE))).isEqualTo("{\"a\":1}");
  }

  @Test
  void onlyStringsGoWritesAsTheyAreAreCopied() {
    assertThat(plain("abc é € 😀 \u007f\"")).isTrue();
    assertThat(plain("a\\\" \\\\ \\b \\f \\n \\r \\t\"")).isTrue();
    for (String s : new String[] {"a\\/", "a\\u0041", "a\\u2028", "a\\\u00e9", "a<", "a>", "a&", "a\u2028", "a\u2029", "a\u0001", "a\t"}) {
      assertThat(plain(s + "\"")).as(s).isFalse();
    }
    for (byte[] raw : RAW) {
      byte[] b = Arrays.copyOf(raw, raw.length + 1);
      b[raw.length] = '"';
      boolean wellFormed = new String(raw, StandardCharsets.UTF_8).indexOf('\uFFFD') < 0;
      boolean expected = wellFormed && raw[0] < 0 && !(raw.length == 3 && raw[2] == (byte) 0xA8);
      assertThat(PlainStringParser.plainEnd(b, 0, b.length) >= 0).as(Arrays.toString(raw)).isEqualTo(expected);
    }
    // a string running past the end of what was read is not copied
    assertThat(PlainStringParser.plainEnd("abc".getBytes(StandardCharsets.UTF_8), 0, 3)).isEqualTo(-1);
    assertThat(PlainStringParser.plainEnd(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 0, 3)).isEqualTo(-1);
  }

  @Test
  void capturedValuesAreTheSameBytesAsDecodingAndEncoding() throws IOException {
    Random random = new Random(15);
    int copied = 0;
    for (int round = 0; round < 300; round++) {
      // many strings of random length in one value, so some cross the parser's buffer ends
      ByteArrayOutputStreamWithBytes doc = new ByteArrayOutputStreamWithBytes();
      doc.ascii("{\"v\":[");
      int strings = 20 + random.nextInt(200);
      // raw control characters and invalid UTF-8 stop the parse: only in some documents
      boolean rawBytes = round % 5 == 0;
      for (int i = 0; i < strings; i++) {
        doc.ascii(i == 0 ? "\"" : ",\"");
        int pieces = random.nextInt(random.nextInt(8) == 0 ? 400 : 12);
        for (int k = 0; k < pieces; k++) {
          if (rawBytes && random.nextInt(40) == 0) {
            doc.bytes(RAW[random.nextInt(RAW.length)]);
          } else if (random.nextInt(3) == 0) {
            doc.ascii(PIECES[random.nextInt(PIECES.length)]);
          } else {
            doc.ascii("plain-" + k);
          }
        }
        doc.ascii("\"");
      }
      doc.ascii("]}");
      byte[] bytes = doc.toByteArray();
      String fast = capture(bytes);
      String slow = slowCapture(bytes);
      assertThat(fast).as("round %d", round).isEqualTo(slow);
      copied += fast.startsWith("error") ? 0 : 1;
    }
    assertThat(copied).as("documents that parse").isGreaterThan(10);
  }

  @Test
  void capturedKeysAreTheSameBytesAsDecodingAndEncoding() throws IOException {
    Random random = new Random(16);
    int copied = 0;
    for (int round = 0; round < 300; round++) {
      // objects with many keys, some long, so some cross the parser's buffer ends; duplicates and case variants
      ByteArrayOutputStreamWithBytes doc = new ByteArrayOutputStreamWithBytes();
      doc.ascii("{\"v\":[");
      int objects = 5 + random.nextInt(40);
      boolean rawBytes = round % 5 == 0;
      for (int o = 0; o < objects; o++) {
        doc.ascii(o == 0 ? "{" : ",{");
        int keys = random.nextInt(30);
        for (int i = 0; i < keys; i++) {
          doc.ascii(i == 0 ? "\"" : ",\"");
          int pieces = random.nextInt(random.nextInt(8) == 0 ? 2000 : 6);
          for (int k = 0; k < pieces; k++) {
            if (rawBytes && random.nextInt(40) == 0) {
              doc.bytes(RAW[random.nextInt(RAW.length)]);
            } else if (random.nextInt(3) == 0) {
              String piece = PIECES[random.nextInt(PIECES.length)];
              // Jackson refuses a lone surrogate in a key, which would fail nearly every document
              doc.ascii(piece.equals("\\ud83d") || piece.equals("\\ude00") ? "\\ud83d\\ude00" : piece);
            } else {
              doc.ascii(random.nextBoolean() ? "k" + (k % 3) : "K" + (k % 3));
            }
          }
          doc.ascii(random.nextInt(4) == 0 ? "\" :\n  " : "\":");
          doc.ascii(random.nextBoolean() ? "\"v\"" : "[1,{\"b\":2,\"a\":1}]");
        }
        doc.ascii("}");
      }
      doc.ascii("]}");
      byte[] bytes = doc.toByteArray();
      String fast = capture(bytes);
      String slow = slowCapture(bytes);
      assertThat(fast).as("round %d", round).isEqualTo(slow);
      // the sorted form too, which compares the captured key bytes
      assertThat(capture(bytes, true)).as("round %d", round).isEqualTo(slowCapture(bytes, true));
      copied += fast.startsWith("error") ? 0 : 1;
    }
    assertThat(copied).as("documents that parse").isGreaterThan(10);
  }

  @Test
  void keysAcrossTheEndOfTheReadBufferAreTheSameBytes() throws IOException {
    for (int pad = 64 * 1024 - 48; pad < 64 * 1024 + 8; pad++) {
      String doc = "{\"p\":\"" + "x".repeat(pad - 8) + "\",\"a\\n\\\"é😀b\":2,\"c\\u0041\" : 3,\"Z\":{\"y\":1,\"x\":2}}";
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      assertThat(capture(bytes, true)).as("pad %d", pad).isEqualTo(slowCapture(bytes, true)).doesNotStartWith("error");
    }
  }

  @Test
  void stringsAcrossTheEndOfTheReadBufferAreTheSameBytes() throws IOException {
    // the parser reads 64 KiB at a time (less when the stream gives less): escapes and multi-byte characters
    // right at the end of what was read
    for (int pad = 64 * 1024 - 24; pad < 64 * 1024 + 8; pad++) {
      String doc = "[\"" + "x".repeat(pad) + "\",\"a\\n\\\"é😀b\",\"c\\u0041\"]";
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      assertThat(capture(bytes)).as("pad %d", pad).isEqualTo(slowCapture(bytes)).doesNotStartWith("error");
    }
  }

  @Test
  void theFastPathIsTaken() throws IOException {
    assertThat(fastPath(false)).containsExactly("copied key k é", "copied plain é", "copied a\\nb", "decoded x<y",
        "decoded A", "decoded key x<y", "decoded key A", "copied key a\\nb");
    // a sink that writes <, > and & as they are gets them copied too
    assertThat(fastPath(true)).containsExactly("copied key k é", "copied plain é", "copied a\\nb", "copied x<y",
        "decoded A", "copied key x<y", "decoded key A", "copied key a\\nb");
  }

  /** A writer that escapes <, > and & gets them escaped, keys included, whichever way the strings came. */
  @Test
  void anHtmlEscapingWriterGetsNoHtmlCopied() throws IOException {
    byte[] doc = "{\"a<b\":[\"x<y & z>\",\"plain\"],\"k\":\"\\u003c\"}".getBytes(StandardCharsets.UTF_8);
    ByteSink sink = new ByteSink(64);
    try (JsonParser p = parser(doc)) {
      p.nextToken();
      JacksonJson.copy(p, JsonTextWriter.compact(sink).escapeHtml(true));
    }
    assertThat(sink.toString())
        .isEqualTo("{\"a\\u003cb\":[\"x\\u003cy \\u0026 z\\u003e\",\"plain\"],\"k\":\"\\u003c\"}");
  }

  private static List<String> fastPath(boolean takesHtmlAsIs) throws IOException {
    List<String> how = new ArrayList<>();
    JsonSink recorder = new JsonSink() {
      @Override public boolean takesHtmlAsIs() {
        return takesHtmlAsIs;
      }
      @Override public void beginObject() {}
      @Override public void endObject() {}
      @Override public void beginArray() {}
      @Override public void endArray() {}
      @Override public void key(String key) {
        how.add("decoded key " + key);
      }
      @Override public void escapedKey(byte[] buf, int off, int len) {
        how.add("copied key " + JsonSink.utf8(buf, off, len));
      }
      @Override public void string(String value) {
        how.add("decoded " + value);
      }
      @Override public void escapedString(byte[] buf, int off, int len) {
        how.add("copied " + JsonSink.utf8(buf, off, len));
      }
      @Override public void number(String text) {}
      @Override public void bool(boolean value) {}
      @Override public void nul() {}
    };
    byte[] doc = "{\"k é\":[\"plain é\",\"a\\nb\",\"x<y\",\"\\u0041\"],\"x<y\":1,\"\\u0041\":2,\"a\\nb\" : 3}"
        .getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = parser(doc)) {
      p.nextToken();
      JacksonJson.copy(p, recorder);
    }
    return how;
  }

  private static boolean plain(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return PlainStringParser.plainEnd(b, 0, b.length) == b.length - 1;
  }

  private static JsonParser parser(byte[] b) throws IOException {
    return JacksonJson.factory().createParser(new ByteArrayInputStream(b));
  }

  private static String capture(byte[] b) throws IOException {
    return capture(b, false);
  }

  private static String capture(byte[] b, boolean normalize) throws IOException {
    try (JsonParser p = parser(b)) {
      return captured(p, normalize);
    }
  }

  private static String slowCapture(byte[] b) throws IOException {
    return slowCapture(b, false);
  }

  // Jackson's own UTF-8 parser over the same bytes: every string and key decoded and encoded again
  private static String slowCapture(byte[] b, boolean normalize) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(new ByteArrayInputStream(b))) {
      assertThat(p).isNotInstanceOf(PlainStringParser.class);
      return captured(p, normalize);
    }
  }

  private static String captured(JsonParser p, boolean normalize) throws IOException {
    try {
      p.nextToken();
      JsonValue v = JacksonJson.read(p, 0, 1);
      ByteSink sink = new ByteSink(64);
      v.emit(JsonTextWriter.compact(sink), normalize);
      return sink.toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "error: " + e.getOriginalMessage();
    }
  }

  private static final class ByteArrayOutputStreamWithBytes extends java.io.ByteArrayOutputStream {
    void ascii(String s) {
      writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(byte[] b) {
      writeBytes(b);
    }
  }

  /**
   * The four-bytes-a-step scan against a byte-at-a-time one (written out here as the rule it implements) on
   * generated byte strings, from every start to every limit: the stop must fall on the same byte wherever it is
   * in a step, and a limit in a step or in a multi-byte sequence must not be read past.
   */
  @Test
  void theScanInStepsStopsWhereAByteAtATimeScanDoes() {
    byte[][] pieces = {{'a'}, {'~'}, {' '}, {'"'}, {'\\', 'n'}, {'\\', '"'}, {'\\', '/'}, {'\\', 'u'}, {'\\'}, {'<'},
        {'&'}, {0x1f}, {0x7f}, {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xE2, (byte) 0x80, (byte) 0xA8},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
    java.util.Random random = new java.util.Random(13);
    for (int round = 0; round < 3000; round++) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int n = random.nextInt(30);
      for (int i = 0; i < n; i++) {
        // mostly plain, so that runs of every length end at every place of a step
        byte[] piece = random.nextInt(4) == 0 ? pieces[random.nextInt(pieces.length)] : pieces[random.nextInt(3)];
        out.write(piece, 0, piece.length);
      }
      byte[] b = out.toByteArray();
      for (int from = 0; from <= b.length; from++) {
        for (int limit = from; limit <= b.length; limit++) {
          assertThat(PlainStringParser.plainEnd(b, from, limit)).as("%s [%d, %d)", Arrays.toString(b), from, limit)
              .isEqualTo(byteAtATime(b, from, limit, false));
          assertThat(PlainStringParser.plainEndHtmlAsIs(b, from, limit)).as("%s [%d, %d)", Arrays.toString(b), from,
              limit).isEqualTo(byteAtATime(b, from, limit, true));
        }
      }
    }
  }

  private static int byteAtATime(byte[] b, int from, int limit, boolean htmlAsIs) {
    String escapes = "\"\\bfnrt";
    String notPlain = htmlAsIs ? "\"\\" : "\"\\<>&";
    int i = from;
    while (i < limit) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c < 0x80 && notPlain.indexOf(c) < 0) {
        i++;
      } else if (c == '\\') {
        if (i + 1 >= limit || escapes.indexOf(b[i + 1]) < 0) {
          return -1;
        }
        i += 2;
      } else if (c == '"') {
        return i;
      } else if (c < 0x80) {
        return -1;
      } else {
        // a well-formed sequence that is not U+2028/U+2029, ending before the limit
        int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + len > limit) {
          return -1;
        }
        String decoded = new String(b, i, len, StandardCharsets.UTF_8);
        if (decoded.equals("\u2028") || decoded.equals("\u2029")
            || !Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(b, i, i + len))) {
          return -1;
        }
        i += len;
      }
    }
    return -1;
  }
}
