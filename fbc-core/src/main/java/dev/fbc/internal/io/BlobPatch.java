package dev.fbc.internal.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fbc.internal.json.JacksonJson;
import dev.fbc.model.Blob;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.PackageBlob;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The small edits a person makes by hand, made in a blob's own text: a package's default channel (one value
 * replaced), entries added to a channel (new lines; in YAML after the last entry, in indented JSON before the
 * first, so that no existing line needs a comma) and entries removed (their lines). Anything else is empty, and
 * the blob is written again whole.
 */
final class BlobPatch {
  private BlobPatch() {}

  static Optional<List<CatalogSaver.Edit>> patch(byte[] b, FileLayout.Span span, FileLayout layout, Blob before,
      Blob after, boolean sortedYamlKeys) {
    if (layout.compactJson()) {
      return Optional.empty();
    }
    try {
      if (before instanceof PackageBlob p && after instanceof PackageBlob q
          && p.withDefaultChannel(q.defaultChannel()).equals(q)) {
        return layout.format() == FileLayout.Format.JSON ? jsonDefaultChannel(b, span, q.defaultChannel())
            : yamlDefaultChannel(b, span, q.defaultChannel());
      }
      if (before instanceof ChannelBlob c && after instanceof ChannelBlob d && c.entriesPresent()
          && d.entriesPresent() && c.withEntries(d.entries()).equals(d)) {
        return entries(b, span, layout, c.entries(), d.entries(), sortedYamlKeys);
      }
    } catch (IOException | RuntimeException e) {
      // text we cannot take apart safely: the blob is written again whole
    }
    return Optional.empty();
  }

  private static Optional<List<CatalogSaver.Edit>> entries(byte[] b, FileLayout.Span span, FileLayout layout,
      List<ChannelEntry> old, List<ChannelEntry> now, boolean sorted) throws IOException {
    if (now.size() > old.size() && now.subList(0, old.size()).equals(old) && !old.isEmpty()) {
      List<ChannelEntry> added = now.subList(old.size(), now.size());
      return layout.format() == FileLayout.Format.JSON ? jsonAppend(b, span, layout, added)
          : yamlAppend(b, span, layout, added, sorted);
    }
    List<Integer> removed = removedIndexes(old, now);
    if (removed.isEmpty() || now.isEmpty()) {
      return Optional.empty();
    }
    return layout.format() == FileLayout.Format.JSON ? jsonRemove(b, span, removed, old.size())
        : yamlRemove(b, span, removed);
  }

  /** Which entries of {@code old} are gone, when {@code now} is {@code old} with some left out; else empty. */
  private static List<Integer> removedIndexes(List<ChannelEntry> old, List<ChannelEntry> now) {
    List<Integer> removed = new ArrayList<>();
    int j = 0;
    for (int i = 0; i < old.size(); i++) {
      if (j < now.size() && old.get(i).equals(now.get(j))) {
        j++;
      } else {
        removed.add(i);
      }
    }
    return j == now.size() ? removed : List.of();
  }

  // ---- JSON ----

  /** Offsets of one JSON value inside the blob: {@code [start, end)} in file bytes. */
  private record Range(int start, int end) {}

  private static JsonParser parser(byte[] b, FileLayout.Span span) throws IOException {
    byte[] slice = java.util.Arrays.copyOfRange(b, span.start(), span.end());
    JsonParser p = JacksonJson.factory().createParser(slice);
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("not an object");
    }
    return p;
  }

  /** Moves to the value of the one top-level key equal to {@code key} ignoring case; false when not exactly one. */
  private static boolean toTopLevelKey(JsonParser p, String key) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equalsIgnoreCase(key)) {
        return true;
      }
      p.skipChildren();
    }
    return false;
  }

  private static Optional<List<CatalogSaver.Edit>> jsonDefaultChannel(byte[] b, FileLayout.Span span, String value)
      throws IOException {
    try (JsonParser p = parser(b, span)) {
      if (!toTopLevelKey(p, "defaultChannel") || p.currentToken() != JsonToken.VALUE_STRING) {
        return Optional.empty();
      }
      int start = span.start() + (int) p.currentTokenLocation().getByteOffset();
      p.getText();
      int end = span.start() + (int) p.currentLocation().getByteOffset();
      if (b[start] != '"' || b[end - 1] != '"') {
        return Optional.empty();
      }
      return Optional.of(List.of(new CatalogSaver.Edit(start, end, BlobText.jsonString(value))));
    }
  }

  /** The ranges of the elements of the top-level {@code entries} array. */
  private static List<Range> jsonEntries(byte[] b, FileLayout.Span span) throws IOException {
    try (JsonParser p = parser(b, span)) {
      if (!toTopLevelKey(p, "entries") || p.currentToken() != JsonToken.START_ARRAY) {
        return List.of();
      }
      List<Range> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        int start = span.start() + (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = span.start() + (int) p.currentTokenLocation().getByteOffset() + 1;
        out.add(new Range(start, end));
      }
      return out;
    }
  }

  private static Optional<List<CatalogSaver.Edit>> jsonAppend(byte[] b, FileLayout.Span span, FileLayout layout,
      List<ChannelEntry> added) throws IOException {
    List<Range> items = jsonEntries(b, span);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    int first = items.get(0).start();
    int lineStart = lineStart(b, first);
    if (!blank(b, lineStart, first)) {
      return Optional.empty();
    }
    String nl = layout.newline();
    StringBuilder sb = new StringBuilder();
    for (ChannelEntry e : added) {
      sb.append(BlobText.jsonEntry(e, first - lineStart, layout.jsonIndent(), nl)).append(',').append(nl);
    }
    return Optional.of(List.of(new CatalogSaver.Edit(lineStart, lineStart, sb.toString())));
  }

  private static Optional<List<CatalogSaver.Edit>> jsonRemove(byte[] b, FileLayout.Span span, List<Integer> removed,
      int count) throws IOException {
    List<Range> items = jsonEntries(b, span);
    if (items.size() != count) {
      return Optional.empty();
    }
    List<CatalogSaver.Edit> edits = new ArrayList<>();
    int lastKept = count - 1;
    while (removed.contains(lastKept)) {
      lastKept--;
    }
    for (int i : removed) {
      if (i < lastKept) {
        int from = lineStart(b, items.get(i).start());
        int to = lineStart(b, items.get(i + 1).start());
        if (!blank(b, from, items.get(i).start()) || !blank(b, to, items.get(i + 1).start())) {
          return Optional.empty();
        }
        edits.add(new CatalogSaver.Edit(from, to, ""));
      }
    }
    if (lastKept < count - 1) {
      // the trailing entries go with the comma after the last one kept
      edits.add(new CatalogSaver.Edit(items.get(lastKept).end(), items.get(count - 1).end(), ""));
    }
    return Optional.of(edits);
  }

  // ---- YAML ----

  /** One YAML document's text with its nodes, and the way from the parser's positions to file bytes. */
  private static final class YamlBlob {
    final byte[] b;
    final int base;
    final String text;
    final MappingNode root;
    final boolean ascii;

    YamlBlob(byte[] b, FileLayout.Span span) {
      this.b = b;
      this.base = span.start();
      this.text = new String(b, span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
      this.ascii = text.length() == span.end() - span.start();
      LoaderOptions lo = new LoaderOptions();
      lo.setAllowDuplicateKeys(true);
      lo.setMaxAliasesForCollections(50);
      lo.setCodePointLimit(Math.max(3 << 20, text.length() + 1));
      Node n = new Yaml(lo).compose(new StringReader(text));
      if (!(n instanceof MappingNode m)) {
        throw new YAMLException("not a mapping");
      }
      this.root = m;
    }

    /** File offset of a parser position (code points from the document's start). */
    int offset(int codePoints) {
      if (ascii) {
        return base + codePoints;
      }
      int chars = text.offsetByCodePoints(0, codePoints);
      return base + text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
    }

    Optional<Node> value(String key) {
      Node found = null;
      for (NodeTuple t : root.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equalsIgnoreCase(key)) {
          if (found != null) {
            return Optional.empty();
          }
          found = t.getValueNode();
        }
      }
      return Optional.ofNullable(found);
    }

    /** The file offset just past the last character of a node's own text. */
    int end(Node n) {
      int max = -1;
      if (n instanceof ScalarNode) {
        max = offset(n.getEndMark().getIndex());
        if (n.getEndMark().getColumn() == 0 && max > base) {
          // a block scalar ends where the next line starts
          max--;
        }
      } else if (n instanceof MappingNode m) {
        for (NodeTuple t : m.getValue()) {
          max = Math.max(max, Math.max(end(t.getKeyNode()), end(t.getValueNode())));
        }
      } else if (n instanceof SequenceNode s) {
        for (Node c : s.getValue()) {
          max = Math.max(max, end(c));
        }
      }
      if (n instanceof CollectionNode<?> c && c.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
        max = Math.max(max, offset(n.getEndMark().getIndex()));
      }
      return max;
    }

    /** The start of the line after the one holding offset {@code at - 1} (the node's last character). */
    int lineAfter(int at) {
      int i = Math.max(at - 1, base);
      while (i < b.length && b[i] != '\n') {
        i++;
      }
      return Math.min(i + 1, b.length);
    }
  }

  private static Optional<List<CatalogSaver.Edit>> yamlDefaultChannel(byte[] b, FileLayout.Span span, String value) {
    YamlBlob y = new YamlBlob(b, span);
    Optional<Node> v = y.value("defaultChannel");
    Optional<String> scalar = BlobText.yamlScalar(value);
    if (v.isEmpty() || !(v.get() instanceof ScalarNode s) || scalar.isEmpty()
        || s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
        || s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED
        || s.getStartMark().getLine() != s.getEndMark().getLine()) {
      return Optional.empty();
    }
    int start = y.offset(s.getStartMark().getIndex());
    int end = y.offset(s.getEndMark().getIndex());
    return Optional.of(List.of(new CatalogSaver.Edit(start, end, scalar.get())));
  }

  /** Entries added to a one-line flow sequence ({@code entries: [{name: a}]}) go before its closing bracket. */
  private static Optional<List<CatalogSaver.Edit>> yamlFlowAppend(YamlBlob y, List<ChannelEntry> added) {
    Optional<Node> v = y.value("entries");
    if (v.isEmpty() || !(v.get() instanceof SequenceNode s) || s.getFlowStyle() != DumperOptions.FlowStyle.FLOW
        || s.getValue().isEmpty() || s.getStartMark().getLine() != s.getEndMark().getLine()) {
      return Optional.empty();
    }
    int close = y.offset(s.getEndMark().getIndex()) - 1;
    if (y.b[close] != ']') {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    for (ChannelEntry e : added) {
      sb.append(", ").append(BlobText.yamlFlowEntry(e));
    }
    return Optional.of(List.of(new CatalogSaver.Edit(close, close, sb.toString())));
  }

  private static Optional<SequenceNode> yamlEntries(YamlBlob y) {
    Optional<Node> v = y.value("entries");
    if (v.isEmpty() || !(v.get() instanceof SequenceNode s) || s.getFlowStyle() != DumperOptions.FlowStyle.BLOCK
        || s.getValue().isEmpty()) {
      return Optional.empty();
    }
    for (Node item : s.getValue()) {
      if (!(item instanceof MappingNode m) || m.getFlowStyle() != DumperOptions.FlowStyle.BLOCK) {
        return Optional.empty();
      }
    }
    return Optional.of(s);
  }

  /** The column of the dash before a block sequence item, when it stands on the item's first line. */
  private static int dashColumn(YamlBlob y, Node item) {
    int start = y.offset(item.getStartMark().getIndex());
    int ls = lineStart(y.b, start);
    int dash = -1;
    for (int i = ls; i < start; i++) {
      if (y.b[i] == '-' && dash < 0) {
        dash = i - ls;
      } else if (y.b[i] != ' ') {
        return -1;
      }
    }
    return dash;
  }

  private static Optional<List<CatalogSaver.Edit>> yamlAppend(byte[] b, FileLayout.Span span, FileLayout layout,
      List<ChannelEntry> added, boolean sorted) {
    YamlBlob y = new YamlBlob(b, span);
    Optional<SequenceNode> seq = yamlEntries(y);
    if (seq.isEmpty()) {
      return yamlFlowAppend(y, added);
    }
    Node last = seq.get().getValue().get(seq.get().getValue().size() - 1);
    int dash = dashColumn(y, last);
    int keys = last.getStartMark().getColumn();
    if (dash < 0 || keys <= dash) {
      return Optional.empty();
    }
    int at = y.lineAfter(y.end(last));
    StringBuilder sb = new StringBuilder();
    if (at == b.length && b.length > 0 && b[b.length - 1] != '\n') {
      sb.append(layout.newline());
    }
    for (ChannelEntry e : added) {
      sb.append(BlobText.yamlEntry(e, dash, keys, sorted, layout.newline()));
    }
    return Optional.of(List.of(new CatalogSaver.Edit(at, at, sb.toString())));
  }

  private static Optional<List<CatalogSaver.Edit>> yamlRemove(byte[] b, FileLayout.Span span, List<Integer> removed) {
    YamlBlob y = new YamlBlob(b, span);
    Optional<SequenceNode> seq = yamlEntries(y);
    if (seq.isEmpty()) {
      return Optional.empty();
    }
    List<CatalogSaver.Edit> edits = new ArrayList<>();
    for (int i : removed) {
      Node item = seq.get().getValue().get(i);
      if (dashColumn(y, item) < 0) {
        return Optional.empty();
      }
      int from = lineStart(b, y.offset(item.getStartMark().getIndex()));
      edits.add(new CatalogSaver.Edit(from, y.lineAfter(y.end(item)), ""));
    }
    return Optional.of(edits);
  }

  // ---- bytes ----

  private static int lineStart(byte[] b, int at) {
    int i = at;
    while (i > 0 && b[i - 1] != '\n') {
      i--;
    }
    return i;
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
