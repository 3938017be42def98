package dev.fbc.internal.yaml;

import dev.fbc.internal.json.ByteSink;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link YamlTree} in go-yaml v2's style, so the text matches what opm prints: two-space indent, lists
 * under a key not indented, strings quoted only when they would read back as something else, multi-line strings
 * as literal blocks, long strings folded after column 80, and go-yaml's escapes in double quotes.
 */
public final class GoYamlEmitter {
  private static final int BEST_INDENT = 2;
  private static final int BEST_WIDTH = 80;

  private final ByteSink out;
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;
  private int indent = -1;
  private final java.util.ArrayDeque<Integer> indents = new java.util.ArrayDeque<>();

  private GoYamlEmitter(ByteSink out) {
    this.out = out;
  }

  /** Writes one document (without a {@code ---} line) and its final line break. */
  public static void writeDocument(YamlTree.Node root, ByteSink out) {
    GoYamlEmitter e = new GoYamlEmitter(out);
    e.node(root, false, false);
    e.writeIndent();
  }

  private enum Style { PLAIN, SINGLE, DOUBLE, LITERAL }

  // ---- structure ----

  private void node(YamlTree.Node n, boolean mappingContext, boolean simpleKey) {
    if (n instanceof YamlTree.Scalar s) {
      scalar(s.text(), s.string(), simpleKey);
    } else if (n instanceof YamlTree.Map m) {
      if (m.entries().isEmpty()) {
        emptyFlow("{", "}");
      } else {
        blockMapping(m);
      }
    } else {
      YamlTree.Seq s = (YamlTree.Seq) n;
      if (s.items().isEmpty()) {
        emptyFlow("[", "]");
      } else {
        blockSequence(s, mappingContext);
      }
    }
  }

  private void emptyFlow(String open, String close) {
    writeIndicator(open, true, true, false);
    pushIndent(true, false);
    popIndent();
    writeIndicator(close, false, false, false);
  }

  private void blockMapping(YamlTree.Map m) {
    pushIndent(false, false);
    for (YamlTree.Entry e : m.entries()) {
      writeIndent();
      if (isSimpleKey(e.key())) {
        scalar(e.key(), true, true);
        writeIndicator(":", false, false, false);
      } else {
        writeIndicator("?", true, false, true);
        scalar(e.key(), true, false);
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      node(e.value(), true, false);
    }
    popIndent();
  }

  private void blockSequence(YamlTree.Seq s, boolean mappingContext) {
    pushIndent(false, mappingContext && !indention);
    for (YamlTree.Node item : s.items()) {
      writeIndent();
      writeIndicator("-", true, false, true);
      node(item, false, false);
    }
    popIndent();
  }

  private static boolean isSimpleKey(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > 128) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (isBreak(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private void pushIndent(boolean flow, boolean indentless) {
    indents.push(indent);
    if (indent < 0) {
      indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      indent += BEST_INDENT;
    }
  }

  private void popIndent() {
    indent = indents.pop();
  }

  // ---- scalars ----

  private void scalar(String text, boolean isString, boolean simpleKey) {
    Style style = selectStyle(text, isString, simpleKey);
    pushIndent(true, false);
    boolean allowBreaks = !simpleKey;
    switch (style) {
      case PLAIN -> writeUnescaped(text, allowBreaks, false);
      case SINGLE -> writeUnescaped(text, allowBreaks, true);
      case DOUBLE -> writeDouble(text, allowBreaks);
      case LITERAL -> writeLiteral(text);
    }
    popIndent();
  }

  private static final class Analysis {
    boolean multiline;
    boolean blockPlainAllowed;
    boolean singleQuotedAllowed;
    boolean blockAllowed;
  }

  private static Style selectStyle(String s, boolean isString, boolean simpleKey) {
    Style style;
    if (!isString) {
      style = Style.PLAIN;
    } else if (s.indexOf('\n') >= 0) {
      style = Style.LITERAL;
    } else if (!GoYamlScalars.needsQuotes(s)) {
      style = Style.PLAIN;
    } else {
      style = Style.DOUBLE;
    }
    Analysis a = analyze(s);
    if (simpleKey && a.multiline) {
      style = Style.DOUBLE;
    }
    if (style == Style.PLAIN) {
      if (!a.blockPlainAllowed) {
        style = Style.SINGLE;
      }
      if (s.isEmpty() && simpleKey) {
        style = Style.SINGLE;
      }
    }
    if (style == Style.SINGLE && !a.singleQuotedAllowed) {
      style = Style.DOUBLE;
    }
    if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
      style = Style.DOUBLE;
    }
    return style;
  }

  private static Analysis analyze(String s) {
    Analysis a = new Analysis();
    if (s.isEmpty()) {
      a.multiline = false;
      a.blockPlainAllowed = true;
      a.singleQuotedAllowed = true;
      a.blockAllowed = false;
      return a;
    }
    boolean blockIndicators = false;
    boolean lineBreaks = false;
    boolean specialCharacters = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    boolean previousSpace = false;
    boolean previousBreak = false;
    if (s.startsWith("---") || s.startsWith("...")) {
      blockIndicators = true;
    }
    boolean precededByWhitespace = true;
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      int w = Character.charCount(cp);
      boolean last = i + w >= n;
      int next = last ? -1 : s.codePointAt(i + w);
      boolean followedByWhitespace = last || next == ' ' || next == '\t';
      if (i == 0) {
        switch (cp) {
          case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
              blockIndicators = true;
          case '?', ':' -> {
            if (followedByWhitespace) {
              blockIndicators = true;
            }
          }
          case '-' -> {
            if (followedByWhitespace) {
              blockIndicators = true;
            }
          }
          default -> { }
        }
      } else {
        switch (cp) {
          case ':' -> {
            if (followedByWhitespace) {
              blockIndicators = true;
            }
          }
          case '#' -> {
            if (precededByWhitespace) {
              blockIndicators = true;
            }
          }
          default -> { }
        }
      }
      if (!isPrintable(cp)) {
        specialCharacters = true;
      }
      if (cp == ' ') {
        if (i == 0) {
          leadingSpace = true;
        }
        if (last) {
          trailingSpace = true;
        }
        if (previousBreak) {
          breakSpace = true;
        }
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(cp)) {
        lineBreaks = true;
        if (i == 0) {
          leadingBreak = true;
        }
        if (last) {
          trailingBreak = true;
        }
        if (previousSpace) {
          spaceBreak = true;
        }
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = cp == ' ' || cp == '\t' || isBreak(cp) || cp == 0;
      i += w;
    }
    a.multiline = lineBreaks;
    a.blockPlainAllowed = true;
    a.singleQuotedAllowed = true;
    a.blockAllowed = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      a.blockPlainAllowed = false;
    }
    if (trailingSpace) {
      a.blockAllowed = false;
    }
    if (breakSpace) {
      a.blockPlainAllowed = false;
      a.singleQuotedAllowed = false;
    }
    if (spaceBreak || specialCharacters) {
      a.blockPlainAllowed = false;
      a.singleQuotedAllowed = false;
      a.blockAllowed = false;
    }
    if (lineBreaks) {
      a.blockPlainAllowed = false;
    }
    if (blockIndicators) {
      a.blockPlainAllowed = false;
    }
    return a;
  }

  private static boolean isBreak(int cp) {
    return cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
  }

  private static boolean isPrintable(int cp) {
    return cp == 0x0A || (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF);
  }

  // ---- low-level writing, with go-yaml's column bookkeeping ----

  private void put(char c) {
    out.write(c);
    column++;
  }

  private void putBreak() {
    out.write('\n');
    column = 0;
  }

  private void writeCodePoint(int cp) {
    if (cp < 0x80) {
      out.write(cp);
    } else if (cp < 0x800) {
      out.write(0xC0 | (cp >> 6));
      out.write(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out.write(0xE0 | (cp >> 12));
      out.write(0x80 | ((cp >> 6) & 0x3F));
      out.write(0x80 | (cp & 0x3F));
    } else {
      out.write(0xF0 | (cp >> 18));
      out.write(0x80 | ((cp >> 12) & 0x3F));
      out.write(0x80 | ((cp >> 6) & 0x3F));
      out.write(0x80 | (cp & 0x3F));
    }
    column++;
  }

  private void writeBreak(int cp) {
    if (cp == '\n') {
      putBreak();
    } else {
      writeCodePoint(cp);
      column = 0;
    }
  }

  private void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace,
      boolean isIndention) {
    if (needWhitespace && !whitespace) {
      put(' ');
    }
    for (int i = 0; i < indicator.length(); i++) {
      put(indicator.charAt(i));
    }
    whitespace = isWhitespace;
    indention = indention && isIndention;
  }

  private void writeIndent() {
    int ind = Math.max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace)) {
      putBreak();
    }
    while (column < ind) {
      put(' ');
    }
    whitespace = true;
    indention = true;
  }

  /**
   * Plain and single-quoted scalars share go-yaml's folding rules; single quotes add the quote indicators, double
   * embedded quotes and never fold at the first or last character.
   */
  private void writeUnescaped(String s, boolean allowBreaks, boolean singleQuoted) {
    if (singleQuoted) {
      writeIndicator("'", true, false, false);
    } else if (!whitespace) {
      put(' ');
    }
    boolean spaces = false;
    boolean breaks = false;
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      int w = Character.charCount(cp);
      if (cp == ' ') {
        boolean nextIsSpace = i + w < n && s.charAt(i + w) == ' ';
        boolean inner = !singleQuoted || (i > 0 && i < n - 1);
        if (allowBreaks && !spaces && column > BEST_WIDTH && inner && !nextIsSpace) {
          writeIndent();
        } else {
          writeCodePoint(cp);
        }
        spaces = true;
      } else if (isBreak(cp)) {
        if (!breaks && cp == '\n') {
          putBreak();
        }
        writeBreak(cp);
        indention = true;
        breaks = true;
      } else {
        if (breaks) {
          writeIndent();
        }
        if (singleQuoted && cp == '\'') {
          put('\'');
        }
        writeCodePoint(cp);
        indention = false;
        spaces = false;
        breaks = false;
      }
      i += w;
    }
    if (singleQuoted) {
      writeIndicator("'", false, false, false);
    }
    whitespace = false;
    indention = false;
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private void writeDouble(String s, boolean allowBreaks) {
    writeIndicator("\"", true, false, false);
    boolean spaces = false;
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      int w = Character.charCount(cp);
      if (!isPrintable(cp) || cp == 0xFEFF || isBreak(cp) || cp == '"' || cp == '\\') {
        put('\\');
        switch (cp) {
          case 0x00 -> put('0');
          case 0x07 -> put('a');
          case 0x08 -> put('b');
          case 0x09 -> put('t');
          case 0x0A -> put('n');
          case 0x0B -> put('v');
          case 0x0C -> put('f');
          case 0x0D -> put('r');
          case 0x1B -> put('e');
          case 0x22 -> put('"');
          case 0x5C -> put('\\');
          case 0x85 -> put('N');
          case 0xA0 -> put('_');
          case 0x2028 -> put('L');
          case 0x2029 -> put('P');
          default -> {
            int digits;
            if (cp <= 0xFF) {
              put('x');
              digits = 2;
            } else if (cp <= 0xFFFF) {
              put('u');
              digits = 4;
            } else {
              put('U');
              digits = 8;
            }
            for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
              put(HEX[(cp >> k) & 0xF]);
            }
          }
        }
        spaces = false;
      } else if (cp == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i != 0 && i != n - 1) {
          writeIndent();
          if (i + 1 < n && s.charAt(i + 1) == ' ') {
            put('\\');
          }
        } else {
          writeCodePoint(cp);
        }
        spaces = true;
      } else {
        writeCodePoint(cp);
        spaces = false;
      }
      i += w;
    }
    writeIndicator("\"", false, false, false);
    whitespace = false;
    indention = false;
  }

  private void writeLiteral(String s) {
    writeIndicator("|", true, false, false);
    // block scalar hints: an indentation indicator when the text starts with a space or break, and chomping
    int first = s.isEmpty() ? -1 : s.codePointAt(0);
    if (first == ' ' || isBreak(first)) {
      writeIndicator(String.valueOf((char) ('0' + BEST_INDENT)), false, false, false);
    }
    String chomp = null;
    if (s.isEmpty()) {
      chomp = "-";
    } else {
      int lastIdx = s.offsetByCodePoints(s.length(), -1);
      int lastCp = s.codePointAt(lastIdx);
      if (!isBreak(lastCp)) {
        chomp = "-";
      } else if (lastIdx == 0) {
        chomp = "+";
      } else {
        int prevCp = s.codePointAt(s.offsetByCodePoints(lastIdx, -1));
        if (isBreak(prevCp)) {
          chomp = "+";
        }
      }
    }
    if (chomp != null) {
      writeIndicator(chomp, false, false, false);
    }
    putBreak();
    indention = true;
    whitespace = true;
    boolean breaks = true;
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      int w = Character.charCount(cp);
      if (isBreak(cp)) {
        writeBreak(cp);
        indention = true;
        breaks = true;
      } else {
        if (breaks) {
          writeIndent();
        }
        writeCodePoint(cp);
        indention = false;
        breaks = false;
      }
      i += w;
    }
  }
}
