package dev.fbc.internal.yaml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a YAML stream into documents the way opm's decoder (Kubernetes' YAMLReader) does: a line that starts
 * with {@code ---} ends the document before it, and only white space or a comment may follow the dashes on that
 * line. When nothing precedes a separator line, the line is kept as the start of the next document, so a file of
 * just {@code ---}, or blank lines after the last separator, make an empty document (which then fails as a blob
 * without schema, as in opm), while {@code ---} twice after a document is harmless.
 */
public final class YamlDocuments {
  private YamlDocuments() {}

  /** One document's text and the 1-based line of the file where it starts. */
  public record Document(String text, int firstLine) {}

  /** A separator line with text after the dashes. */
  public static final class SeparatorException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final String trailing;

    SeparatorException(int line, String trailing) {
      super("invalid Yaml document separator: " + trailing);
      this.line = line;
      this.trailing = trailing;
    }

    public int line() {
      return line;
    }

    public String trailing() {
      return trailing;
    }
  }

  public static List<Document> split(byte[] b, int start) throws SeparatorException {
    List<Document> docs = new ArrayList<>();
    int docStart = start;
    int docLine = 1;
    int line = 1;
    int p = start;
    while (p < b.length) {
      int eol = p;
      while (eol < b.length && b[eol] != '\n') {
        eol++;
      }
      int next = eol < b.length ? eol + 1 : eol;
      if (eol - p >= 3 && b[p] == '-' && b[p + 1] == '-' && b[p + 2] == '-') {
        String rest = new String(b, p + 3, eol - p - 3, StandardCharsets.UTF_8).strip();
        if (!rest.isEmpty() && rest.charAt(0) != '#') {
          throw new SeparatorException(line, rest);
        }
        if (p > docStart) {
          docs.add(new Document(new String(b, docStart, p - docStart, StandardCharsets.UTF_8), docLine));
          docStart = next;
          docLine = line + 1;
        } else if (eol == b.length) {
          // a last separator line without a line break ends the stream
          docStart = next;
        }
        // otherwise (nothing buffered yet) opm keeps the separator line as the start of the next document
      }
      p = next;
      line++;
    }
    if (b.length > docStart) {
      docs.add(new Document(new String(b, docStart, b.length - docStart, StandardCharsets.UTF_8), docLine));
    }
    return docs;
  }
}
