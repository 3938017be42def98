package dev.fbc.cli;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.ops.CatalogFilter.ChannelReport;
import dev.fbc.text.SafeText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The per-channel report of {@code fbc prune}, as text lines or one JSON document. */
final class PruneReport {
  private PruneReport() {}

  /** The forms of {@code --report}; picocli completes and checks the lowercase names. */
  enum Format {
    TEXT, JSON, NONE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static String kind(ChannelReport r) {
    return r.kind().name().toLowerCase(Locale.ROOT);
  }

  static void print(List<ChannelReport> reports, Format format, PrintWriter err) {
    if (format == Format.NONE) {
      return;
    }
    if (format == Format.JSON) {
      ByteSink sink = new ByteSink(1024);
      JsonTextWriter w = JsonTextWriter.pretty(sink, 2);
      w.beginArray();
      for (ChannelReport r : reports) {
        w.beginObject();
        field(w, "package", r.packageName());
        field(w, "channel", r.channel());
        field(w, "mode", kind(r));
        field(w, "range", r.range());
        field(w, "originalHead", r.originalHead());
        field(w, "newHead", r.newHead());
        w.key("entriesBefore");
        w.number(Integer.toString(r.entriesBefore()));
        w.key("entriesAfter");
        w.number(Integer.toString(r.entriesAfter()));
        w.key("keptOutsideRange");
        w.beginArray();
        for (String b : r.keptOutsideRange()) {
          w.string(b);
        }
        w.endArray();
        w.endObject();
      }
      w.endArray();
      err.println(sink);
      return;
    }
    for (ChannelReport r : reports) {
      StringBuilder sb = new StringBuilder("report: package \"").append(SafeText.value(r.packageName()))
          .append("\" channel \"").append(SafeText.value(r.channel())).append("\": ");
      if (r.entriesAfter() == 0) {
        sb.append("dropped (range ").append(SafeText.value(r.range())).append(" keeps nothing)");
      } else {
        sb.append(r.kind() == ChannelReport.Kind.RANGE ? "range " + SafeText.value(r.range()) : kind(r)).append(", head ")
            .append(SafeText.value(r.originalHead()));
        if (!r.newHead().equals(r.originalHead())) {
          sb.append(" -> ").append(SafeText.value(r.newHead()));
        }
        sb.append(", ").append(r.entriesAfter()).append(" of ").append(r.entriesBefore()).append(" entries kept");
        if (!r.keptOutsideRange().isEmpty()) {
          sb.append(", kept to stay connected: ").append(SafeText.names(r.keptOutsideRange(), ", "));
        }
      }
      err.println(sb);
    }
  }

  private static void field(JsonTextWriter w, String k, String v) {
    w.key(k);
    w.string(v);
  }
}
