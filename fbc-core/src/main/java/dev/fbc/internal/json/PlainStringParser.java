package dev.fbc.internal.json;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Jackson's UTF-8 parser that can hand a string token over as the bytes of the input, when Go would write exactly
 * those bytes: decoding such a string to characters and encoding it again (most of a catalog load) gives the same
 * bytes. That includes the escapes Go writes the same way ({@code \" \\ \b \f \n \r \t}: descriptions and
 * embedded JSON are full of them), and {@code <>&} for a sink that writes them as they are. Anything else (other
 * escapes, control characters, {@code <>&} for other sinks, U+2028/U+2029, UTF-8 Go would replace, a string
 * running past the parser's buffer) goes the ordinary way.
 */
final class PlainStringParser extends UTF8StreamJsonParser {
  // ASCII bytes Go writes as they are, also with HTML escaping on (so the copy is right for either writer),
  // indexed by the unsigned byte: false for the bytes of multi-byte sequences, which are checked one by one
  private static final boolean[] PLAIN = new boolean[0x100];
  // the same with <, > and &, for sinks that take them as they are (JsonSink.takesHtmlAsIs) and for skipping
  private static final boolean[] PLAIN_HTML_AS_IS = new boolean[0x100];

  // the letters after a backslash that Go's escape of the decoded character has too (not \/ or \\u....)
  private static final boolean[] GO_ESCAPE = new boolean[0x80];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      PLAIN[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
      PLAIN_HTML_AS_IS[c] = c != '"' && c != '\\';
    }
    for (char c : new char[] {'"', '\\', 'b', 'f', 'n', 'r', 't'}) {
      GO_ESCAPE[c] = true;
    }
  }

  // the deepest nesting copyPlainValue follows (the parser's own limit is far deeper: such values go its way)
  private static final int MAX_COPY_DEPTH = 63;
  // longer keys and numbers go the parser's way, which applies its limits to them
  private static final int MAX_COPY_TOKEN = 1000;

  /** Over a buffer read from {@code in}, which the parser refills and recycles. */
  PlainStringParser(IOContext ctxt, int features, InputStream in, ObjectCodec codec, ByteQuadsCanonicalizer sym,
      byte[] buffer, int end) {
    super(ctxt, features, in, codec, sym, buffer, 0, end, 0, true);
  }

  /** Over bytes {@code [start, end)} of the caller's array, all the input there is. */
  PlainStringParser(IOContext ctxt, int features, ObjectCodec codec, ByteQuadsCanonicalizer sym, byte[] data,
      int start, int end) {
    super(ctxt, features, null, codec, sym, data, start, end, 0, false);
  }

  /**
   * If the current token opens an object or array that lies whole in the read buffer and holds nothing the
   * token-by-token copy ({@link JacksonJson#copy}) would treat otherwise (strings and keys Go writes as they are,
   * numbers, {@code true}, {@code false}, {@code null}, white space; well formed and at most {@link
   * #MAX_COPY_DEPTH} deep), gives it to {@code sink} with the calls that copy makes, moves the parser to its end
   * token (lines and location too) and returns true. Otherwise returns false having moved nothing; the caller
   * discards what the sink was given and copies the value token by token, which reports what is wrong. One pass
   * over the bytes instead of the parser's tokens: most of a catalog's bytes are in such values.
   */
  boolean copyPlainValue(JsonSink sink) {
    JsonToken outer = _currToken;
    if (outer != JsonToken.START_OBJECT && outer != JsonToken.START_ARRAY || _tokenIncomplete
        || _trackMaxTokenCount) {
      return false;
    }
    boolean[] plain = sink.takesHtmlAsIs() ? PLAIN_HTML_AS_IS : PLAIN;
    // bytes, not characters: a string within this many bytes is within the parser's limit too
    int maxString = _streamReadConstraints.getMaxStringLength();
    byte[] b = _inputBuffer;
    int end = _inputEnd;
    int i = _inputPtr;
    int rows = 0;
    int rowStart = _currInputRowStart;
    // the open containers, innermost at bit depth: set for an object
    long objects = 0;
    int depth = 0;
    boolean inObject = outer == JsonToken.START_OBJECT;
    if (inObject) {
      objects = 1;
      sink.beginObject();
    } else {
      sink.beginArray();
    }
    // what may come next: a key (or the end of an empty object), a value (or the end of an empty array), a comma
    // or the end of the container
    int expect = inObject ? FIRST_KEY : FIRST_VALUE;
    while (true) {
      byte c;
      while (true) {
        if (i >= end) {
          return false;
        }
        c = b[i];
        if (c == ' ') {
          // indentation: runs of spaces, four a step
          i++;
          while (i + 4 <= end && b[i] == ' ' && b[i + 1] == ' ' && b[i + 2] == ' ' && b[i + 3] == ' ') {
            i += 4;
          }
        } else if (c == '\t') {
          i++;
        } else if (c == '\n') {
          rows++;
          rowStart = ++i;
        } else if (c == '\r') {
          // CR LF is one line break; a CR at the end of what was read may have its LF in what was not
          if (++i >= end) {
            return false;
          }
          if (b[i] == '\n') {
            i++;
          }
          rows++;
          rowStart = i;
        } else {
          break;
        }
      }
      if (expect == AFTER_VALUE || expect == FIRST_KEY && c == '}' || expect == FIRST_VALUE && c == ']') {
        if (c == ',' && expect == AFTER_VALUE) {
          i++;
          expect = inObject ? KEY : VALUE;
          continue;
        }
        if (c != (inObject ? '}' : ']')) {
          return false;
        }
        i++;
        if (inObject) {
          sink.endObject();
        } else {
          sink.endArray();
        }
        if (depth == 0) {
          break;
        }
        depth--;
        inObject = (objects >>> depth & 1) != 0;
        expect = AFTER_VALUE;
        continue;
      }
      if (expect == KEY || expect == FIRST_KEY) {
        int close;
        if (c != '"' || (close = plainEnd(b, i + 1, end, plain)) < 0 || close - i > MAX_COPY_TOKEN) {
          return false;
        }
        sink.escapedKey(b, i + 1, close - i - 1);
        i = close + 1;
        while (i < end && ((c = b[i]) == ' ' || c == '\t')) {
          i++; // line breaks between a key and its colon are left to the parser
        }
        if (i >= end || b[i] != ':') {
          return false;
        }
        i++;
        expect = VALUE;
        continue;
      }
      // a value
      switch (c) {
        case '"' -> {
          int close = plainEnd(b, i + 1, end, plain);
          if (close < 0 || close - i - 1 > maxString) {
            return false;
          }
          sink.escapedString(b, i + 1, close - i - 1);
          i = close + 1;
        }
        case '{', '[' -> {
          if (depth == MAX_COPY_DEPTH) {
            return false;
          }
          depth++;
          inObject = c == '{';
          if (inObject) {
            objects |= 1L << depth;
            sink.beginObject();
          } else {
            objects &= ~(1L << depth);
            sink.beginArray();
          }
          i++;
          expect = inObject ? FIRST_KEY : FIRST_VALUE;
          continue;
        }
        case 't' -> {
          if (!matches(b, i, end, TRUE)) {
            return false;
          }
          sink.bool(true);
          i += 4;
        }
        case 'f' -> {
          if (!matches(b, i, end, FALSE)) {
            return false;
          }
          sink.bool(false);
          i += 5;
        }
        case 'n' -> {
          if (!matches(b, i, end, NULL)) {
            return false;
          }
          sink.nul();
          i += 4;
        }
        default -> {
          int after = numberEnd(b, i, end);
          if (after < 0) {
            return false;
          }
          sink.number(new String(b, i, after - i, StandardCharsets.ISO_8859_1));
          i = after;
        }
      }
      // what follows a value must be white space, a comma or the end of its container: checked above, so that
      // "truex" or "1a" go the parser's way
      expect = AFTER_VALUE;
    }
    // the parser as its own tokens would have left it: at the end token, past the closing bracket
    _inputPtr = i;
    if (rows > 0) {
      _currInputRow += rows;
      _currInputRowStart = rowStart;
    }
    _tokenInputRow = _currInputRow;
    _tokenInputTotal = _currInputProcessed + i;
    _tokenInputCol = i - _currInputRowStart;
    _parsingContext = _parsingContext.clearAndGetParent();
    _currToken = outer == JsonToken.START_OBJECT ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    return true;
  }

  private static final int FIRST_KEY = 0;
  private static final int KEY = 1;
  private static final int FIRST_VALUE = 2;
  private static final int VALUE = 3;
  private static final int AFTER_VALUE = 4;
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private static boolean matches(byte[] b, int i, int end, byte[] word) {
    if (i + word.length > end) {
      return false;
    }
    for (int k = 0; k < word.length; k++) {
      if (b[i + k] != word[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index past the JSON number at {@code i} (RFC 8259's grammar, which the parser holds numbers to as well:
   * no leading zeros, plus sign or bare dot), or -1 when there is none, it is long, or it reaches {@code end}.
   */
  private static int numberEnd(byte[] b, int i, int end) {
    int start = i;
    if (i < end && b[i] == '-') {
      i++;
    }
    if (i >= end) {
      return -1;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      i = digitsEnd(b, i, end);
    } else {
      return -1;
    }
    if (i < end && b[i] == '.') {
      int digits = ++i;
      i = digitsEnd(b, i, end);
      if (i == digits) {
        return -1;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int digits = i;
      i = digitsEnd(b, i, end);
      if (i == digits) {
        return -1;
      }
    }
    return i >= end || i - start > MAX_COPY_TOKEN ? -1 : i;
  }

  private static int digitsEnd(byte[] b, int i, int end) {
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  /**
   * If the current token is a string not yet read whose bytes Go writes unchanged, gives them to
   * {@code sink} as an escaped string, moves past it and returns true; otherwise changes nothing. After true the
   * token's text is not available from the parser: the caller has it.
   */
  boolean copyPlainString(JsonSink sink) {
    if (_currToken != JsonToken.VALUE_STRING || !_tokenIncomplete) {
      return false;
    }
    int end = plainEnd(_inputBuffer, _inputPtr, _inputEnd, sink.takesHtmlAsIs() ? PLAIN_HTML_AS_IS : PLAIN);
    if (end < 0 || end - _inputPtr > _streamReadConstraints.getMaxStringLength()) {
      return false; // a string past the parser's limit goes its way, which reports it
    }
    sink.escapedString(_inputBuffer, _inputPtr, end - _inputPtr);
    _inputPtr = end + 1;
    _tokenIncomplete = false;
    return true;
  }

  /**
   * The same as {@link #copyPlainString} without a sink: moves past a string token Go would write unchanged (so
   * nothing in it can be an error) and returns true; otherwise changes nothing.
   */
  boolean skipPlainString() {
    if (_currToken != JsonToken.VALUE_STRING || !_tokenIncomplete) {
      return false;
    }
    // <, > and & cannot be an error
    int end = plainEnd(_inputBuffer, _inputPtr, _inputEnd, PLAIN_HTML_AS_IS);
    if (end < 0 || end - _inputPtr > _streamReadConstraints.getMaxStringLength()) {
      return false;
    }
    _inputPtr = end + 1;
    _tokenIncomplete = false;
    return true;
  }

  /**
   * If the current token is a key whose bytes Go writes unchanged and are still in the read buffer, gives them to
   * {@code sink} as an escaped key and returns true; otherwise changes nothing. Jackson has decoded the key already
   * (to look it up among the names it has seen), but encoding that String again costs more than taking the bytes.
   */
  boolean copyPlainKey(JsonSink sink) {
    // where the key's text starts in the buffer: Jackson moves this back by what it drops at each refill, so a key
    // whose bytes are gone has a negative offset
    int from = _nameStartOffset;
    if (_currToken != JsonToken.FIELD_NAME || from < 0) {
      return false;
    }
    // the parser is past the key (and its colon): the closing quote is before _inputPtr
    int end = plainEnd(_inputBuffer, from, _inputPtr, sink.takesHtmlAsIs() ? PLAIN_HTML_AS_IS : PLAIN);
    if (end < 0) {
      return false;
    }
    sink.escapedKey(_inputBuffer, from, end - from);
    return true;
  }

  /**
   * The index of the closing quote of the string starting at {@code from} (after its opening quote), or -1 when a
   * byte or escape before it is not written as it is by Go, or the quote is not before {@code limit}.
   */
  static int plainEnd(byte[] b, int from, int limit) {
    return plainEnd(b, from, limit, PLAIN);
  }

  /** The same with <, > and & taken as they are. */
  static int plainEndHtmlAsIs(byte[] b, int from, int limit) {
    return plainEnd(b, from, limit, PLAIN_HTML_AS_IS);
  }

  private static int plainEnd(byte[] b, int from, int limit, boolean[] plain) {
    int i = from;
    while (true) {
      // plain runs four bytes a step: under the client compiler the launcher runs, a quarter of the loop's
      // branches (28 % less time over the strings of the largest catalog file in a micro-benchmark)
      while (i + 4 <= limit && plain[b[i] & 0xFF] && plain[b[i + 1] & 0xFF] && plain[b[i + 2] & 0xFF]
          && plain[b[i + 3] & 0xFF]) {
        i += 4;
      }
      while (i < limit && plain[b[i] & 0xFF]) {
        i++;
      }
      if (i >= limit) {
        return -1;
      }
      int c = b[i];
      if (c >= 0) {
        if (c == '\\' && i + 1 < limit && GO_ESCAPE[b[i + 1] & 0x7F] && b[i + 1] > 0) {
          i += 2;
          continue;
        }
        return c == '"' ? i : -1;
      }
      int n = validSequence(b, i, limit);
      if (n == 0) {
        return -1;
      }
      i += n;
    }
  }

  /**
   * The length of the well-formed UTF-8 sequence (as Go's utf8.DecodeRune accepts it: no overlong forms, no
   * surrogates, nothing past U+10FFFF) at {@code i}, or 0 if there is none, or it is U+2028/U+2029 (which Go
   * escapes), or it does not end before {@code limit}.
   */
  private static int validSequence(byte[] b, int i, int limit) {
    int c = b[i] & 0xFF;
    if (c >= 0xC2 && c <= 0xDF) {
      return i + 1 < limit && cont(b[i + 1]) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
      if (i + 2 >= limit) {
        return 0;
      }
      int c1 = b[i + 1] & 0xFF;
      int lo = c == 0xE0 ? 0xA0 : 0x80;
      int hi = c == 0xED ? 0x9F : 0xBF;
      if (c1 < lo || c1 > hi || !cont(b[i + 2])) {
        return 0;
      }
      if (c == 0xE2 && c1 == 0x80 && ((b[i + 2] & 0xFF) == 0xA8 || (b[i + 2] & 0xFF) == 0xA9)) {
        return 0;
      }
      return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (i + 3 >= limit) {
        return 0;
      }
      int c1 = b[i + 1] & 0xFF;
      int lo = c == 0xF0 ? 0x90 : 0x80;
      int hi = c == 0xF4 ? 0x8F : 0xBF;
      return c1 >= lo && c1 <= hi && cont(b[i + 2]) && cont(b[i + 3]) ? 4 : 0;
    }
    return 0;
  }

  private static boolean cont(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
