package dev.fbc.internal.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * SnakeYAML's reader over a document already held in memory. SnakeYAML's own {@link StreamReader} refills a
 * 1024-character window by copying everything not yet consumed, and a scalar is not consumed until its end is
 * found, so scanning one long scalar copies it again every 1024 characters: quadratic time (a 4 MiB scalar took
 * seconds, 10 MiB more than a minute). Here every look-ahead is an index into the text, so scanning is linear.
 *
 * <p>The behaviour visible to the scanner is SnakeYAML's: the same positions, lines, columns and errors.
 */
final class WholeTextReader extends StreamReader {
  /** The name SnakeYAML gives a stream read from a {@code Reader}, kept for identical error text. */
  private static final String NAME = "'reader'";
  /** How much text around a position marks carry, for SnakeYAML's error snippets. */
  private static final int SNIPPET = 40;

  private final String text;
  /** Code points when the text has characters outside the BMP; otherwise the text's chars are the code points. */
  private final int[] codePoints;
  private final int length;
  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  WholeTextReader(String text) {
    super("");
    this.text = text;
    boolean bmp = text.codePointCount(0, text.length()) == text.length();
    this.codePoints = bmp ? null : text.codePoints().toArray();
    this.length = bmp ? text.length() : codePoints.length;
    for (int i = 0; i < length; i++) {
      int c = at(i);
      if (!isPrintable(c)) {
        // SnakeYAML refuses these when it reads them; refusing them up front gives the same message
        throw new ReaderException(NAME, i, c, "special characters are not allowed");
      }
    }
  }

  private int at(int i) {
    return codePoints == null ? text.charAt(i) : codePoints[i];
  }

  @Override
  public Mark getMark() {
    int from = Math.max(0, pointer - SNIPPET);
    int to = Math.min(length, pointer + SNIPPET);
    int[] window = new int[to - from];
    for (int i = from; i < to; i++) {
      window[i - from] = at(i);
    }
    return new Mark(NAME, index, line, column, window, pointer - from);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int n) {
    for (int i = 0; i < n && pointer < length; i++) {
      int c = at(pointer++);
      index++;
      documentIndex++;
      boolean lineBreak = c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029
          || (c == '\r' && pointer < length && at(pointer) != '\n');
      if (lineBreak) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return pointer < length ? at(pointer) : '\0';
  }

  @Override
  public int peek(int offset) {
    int i = pointer + offset;
    return i < length ? at(i) : '\0';
  }

  @Override
  public String prefix(int n) {
    int end = Math.min(length, pointer + n);
    if (end <= pointer) {
      return "";
    }
    return codePoints == null ? text.substring(pointer, end) : new String(codePoints, pointer, end - pointer);
  }

  @Override
  public String prefixForward(int n) {
    String prefix = prefix(n);
    // as in SnakeYAML: a prefix never holds a line break, so only the column moves
    pointer += n;
    index += n;
    documentIndex += n;
    column += n;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getLine() {
    return line;
  }
}
