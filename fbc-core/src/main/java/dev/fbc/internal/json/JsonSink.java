package dev.fbc.internal.json;

import java.nio.charset.StandardCharsets;

/** Receives a JSON value as events; writers (compact, pretty, YAML) implement it. */
public interface JsonSink {
  void beginObject();

  void endObject();

  void beginArray();

  void endArray();

  void key(String key);

  void string(String value);

  /**
   * A string given as the bytes between its quotes, already escaped the way {@link GoJson} escapes. Writers with
   * the same escaping copy them; others decode.
   */
  default void escapedString(byte[] buf, int off, int len) {
    string(RawJsonReader.unescape(buf, off, len));
  }

  /** A string given as characters of an array. */
  default void string(char[] buf, int off, int len) {
    string(new String(buf, off, len));
  }

  /**
   * Whether strings and keys handed over as escaped bytes may hold {@code <}, {@code >} and {@code &} as they are:
   * true for a writer that writes them unescaped (Go's encoder with HTML escaping off), so that the parser copies
   * such strings instead of decoding them (descriptions are full of them). Others decode or escape them.
   */
  default boolean takesHtmlAsIs() {
    return false;
  }

  /** A key given as the escaped bytes between its quotes. */
  default void escapedKey(byte[] buf, int off, int len) {
    key(RawJsonReader.unescape(buf, off, len));
  }

  /** A number as JSON number text. */
  void number(String text);

  void bool(boolean value);

  void nul();

  static String utf8(byte[] buf, int off, int len) {
    return new String(buf, off, len, StandardCharsets.UTF_8);
  }
}
