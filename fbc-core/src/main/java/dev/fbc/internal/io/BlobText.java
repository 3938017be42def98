package dev.fbc.internal.io;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.yaml.GoYamlEmitter;
import dev.fbc.internal.yaml.YamlKeyOrder;
import dev.fbc.internal.yaml.YamlTree;
import dev.fbc.model.Blob;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one blob (or one part of it) in the style of the file it goes into: JSON indented like the file's
 * other blobs or one per line, YAML with keys sorted as opm writes them or in the blob's own field order. Every
 * field is written (lossless), and line breaks follow the file.
 */
final class BlobText {
  private BlobText() {}

  /** The blob without a trailing line break (JSON) or with it (YAML, without a {@code ---} line). */
  static String blob(Blob b, FileLayout.Format format, int jsonIndent, boolean sortedYamlKeys, String newline) {
    return blob(b, format, jsonIndent, sortedYamlKeys, List.of(), newline);
  }

  /**
   * The same, with the top-level YAML keys in {@code keyOrder} first, in that order (a changed blob keeps the
   * order it was written in).
   */
  static String blob(Blob b, FileLayout.Format format, int jsonIndent, boolean sortedYamlKeys, List<String> keyOrder,
      String newline) {
    ByteSink sink = new ByteSink(512);
    if (format == FileLayout.Format.JSON) {
      new BlobEncoder(jsonIndent > 0 ? JsonTextWriter.pretty(sink, jsonIndent) : JsonTextWriter.compact(sink), true)
          .encode(b);
    } else {
      YamlTree.Builder tb = new YamlTree.Builder(sortedYamlKeys);
      new BlobEncoder(tb, true).encode(b);
      YamlTree.Node root = tb.result();
      if (!keyOrder.isEmpty() && root instanceof YamlTree.Map m) {
        List<YamlTree.Entry> entries = new ArrayList<>(m.entries());
        entries.sort(java.util.Comparator.comparingInt(e -> {
          int i = keyOrder.indexOf(e.key());
          return i < 0 ? Integer.MAX_VALUE : i;
        }));
        root = new YamlTree.Map(entries);
      }
      GoYamlEmitter.writeDocument(root, sink);
    }
    return withNewlines(sink.toString(), newline);
  }

  /** One channel entry as a YAML flow mapping, for a flow sequence such as {@code [{name: a}]}. */
  static String yamlFlowEntry(ChannelEntry entry) {
    StringBuilder sb = new StringBuilder("{name: ").append(flowScalar(entry.name()));
    if (!entry.replaces().isEmpty()) {
      sb.append(", replaces: ").append(flowScalar(entry.replaces()));
    }
    if (!entry.skips().isEmpty()) {
      sb.append(", skips: [");
      for (int i = 0; i < entry.skips().size(); i++) {
        sb.append(i > 0 ? ", " : "").append(flowScalar(entry.skips().get(i)));
      }
      sb.append(']');
    }
    if (!entry.skipRange().isEmpty()) {
      sb.append(", skipRange: ").append(flowScalar(entry.skipRange()));
    }
    if (!entry.extras().isEmpty()) {
      throw new IllegalArgumentException("extra fields are not written in flow style");
    }
    return sb.append('}').toString();
  }

  /** A plain scalar where go-yaml would write one and flow context allows it, else a JSON (double-quoted) one. */
  private static String flowScalar(String value) {
    String s = yamlScalar(value).orElse(jsonString(value));
    return s.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0) && !s.startsWith("'") && !s.startsWith("\"")
        ? jsonString(value) : s;
  }

  /**
   * One channel entry as the lines of a YAML block sequence item, the dash at column {@code dash} and the keys
   * at column {@code keys}; ends with a line break.
   */
  static String yamlEntry(ChannelEntry entry, int dash, int keys, boolean sortedKeys, String newline) {
    String doc = blob(ChannelBlob.inPackage("p", "c", List.of(entry)), FileLayout.Format.YAML, 0, sortedKeys, "\n");
    List<String> item = new ArrayList<>();
    boolean in = false;
    for (String line : doc.split("\n")) {
      if (line.equals("entries:")) {
        in = true;
      } else if (in && (line.startsWith("- ") || line.startsWith("  "))) {
        item.add(line);
      } else if (in) {
        break;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String line : item) {
      if (line.startsWith("- ")) {
        sb.append(" ".repeat(dash)).append('-').append(" ".repeat(Math.max(1, keys - dash - 1)))
            .append(line, 2, line.length());
      } else {
        sb.append(" ".repeat(keys)).append(line, 2, line.length());
      }
      sb.append(newline);
    }
    return sb.toString();
  }

  /** One channel entry as indented JSON starting at column {@code column}, no line break at the end. */
  static String jsonEntry(ChannelEntry entry, int column, int indent, String newline) {
    String blob = blob(ChannelBlob.inPackage("p", "c", List.of(entry)), FileLayout.Format.JSON, indent, false, "\n");
    // the entry is the one object inside "entries": [ ... ]
    String[] lines = blob.split("\n");
    int depth = -1;
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      String t = line.strip();
      if (depth < 0) {
        if (t.startsWith("\"entries\"")) {
          depth = line.indexOf('"') + indent;
        }
        continue;
      }
      if (line.length() < depth || t.equals("]")) {
        break;
      }
      if (sb.length() > 0) {
        sb.append(newline);
      }
      sb.append(" ".repeat(column)).append(line.substring(depth));
    }
    return sb.toString();
  }

  /** A string as a YAML scalar the way go-yaml writes it; empty when it would take more than one line. */
  static java.util.Optional<String> yamlScalar(String value) {
    ByteSink sink = new ByteSink(64);
    GoYamlEmitter.writeDocument(new YamlTree.Map(List.of(new YamlTree.Entry("k", new YamlTree.Scalar(value, true)))),
        sink);
    String s = sink.toString();
    if (!s.startsWith("k: ") || s.indexOf('\n') != s.length() - 1) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(s.substring(3, s.length() - 1));
  }

  /** A string as a JSON string literal, with Go's escaping. */
  static String jsonString(String value) {
    ByteSink sink = new ByteSink(64);
    JsonTextWriter.compact(sink).string(value);
    return sink.toString();
  }

  /** Whether the top-level keys of a YAML document (lines at column 0) come in go-yaml's sorted order. */
  static boolean yamlKeysSorted(byte[] b, int start, int end) {
    String prev = null;
    for (String key : yamlTopLevelKeys(b, start, end)) {
      if (prev != null && YamlKeyOrder.less(key, prev)) {
        return false;
      }
      prev = key;
    }
    return true;
  }

  /** The keys of a block-style YAML document's top-level mapping, in the order written (lines at column 0). */
  static List<String> yamlTopLevelKeys(byte[] b, int start, int end) {
    List<String> keys = new ArrayList<>();
    String text = new String(b, start, end - start, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith(" ") || line.startsWith("#") || line.startsWith("-")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        keys.add(line.substring(0, colon).replace("\"", "").replace("'", "").strip());
      }
    }
    return keys;
  }

  static String withNewlines(String text, String newline) {
    return newline.equals("\n") ? text : text.replace("\n", newline);
  }
}
