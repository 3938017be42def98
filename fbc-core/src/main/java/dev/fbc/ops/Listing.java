package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.text.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The packages, channels and bundles of a catalog as {@code opm alpha list} shows them: sorted by package, channel
 * and bundle name, one bundle row per channel it is in. {@link #text} is opm's table byte for byte; {@link #json}
 * the same rows for scripts. The catalog should be valid (opm lists only catalogs that pass validation).
 *
 * <pre>{@code
 * CatalogModel m = CatalogModel.of(Fbc.load(Path.of("catalog")));
 * Listing.channels(m, "etcd"); // [ChannelRow[packageName=etcd, channel=alpha, head=etcdoperator.v0.9.4]]
 * System.out.print(Listing.text(Listing.packages(m)));
 * }</pre>
 */
public final class Listing {
  private Listing() {}

  /** A row of one of the three tables. */
  public sealed interface Row permits PackageRow, ChannelRow, BundleRow {
    /** The cells as opm prints them. */
    List<String> cells();
  }

  /**
   * @param displayName {@code spec.displayName} of the default channel head's CSV when that bundle carries its CSV
   *     as an {@code olm.bundle.object}, else {@code ""} (opm v1.54 does not read {@code olm.csv.metadata})
   */
  public record PackageRow(String name, String displayName, String defaultChannel) implements Row {
    @Override
    public List<String> cells() {
      return List.of(name, displayName, defaultChannel);
    }
  }

  /** @param head the channel's head, or {@code ERROR: <why>} when it has none or several (as opm) */
  public record ChannelRow(String packageName, String channel, String head) implements Row {
    @Override
    public List<String> cells() {
      return List.of(packageName, channel, head);
    }
  }

  public record BundleRow(String packageName, String channel, String bundle, String replaces, List<String> skips,
      String skipRange, String image) implements Row {
    public BundleRow {
      skips = List.copyOf(skips);
    }

    @Override
    public List<String> cells() {
      return List.of(packageName, channel, bundle, replaces, String.join(",", skips), skipRange, image);
    }
  }

  private static final Comparator<String> GO_ORDER = JsonValue::compareCodePoints;

  public static List<PackageRow> packages(CatalogModel model) {
    List<PackageRow> out = new ArrayList<>();
    for (PackageModel p : sortedPackages(model, "")) {
      out.add(new PackageRow(p.name(), displayName(p), p.blob().defaultChannel()));
    }
    return out;
  }

  /** @param pkg only this package; {@code ""} for all */
  public static List<ChannelRow> channels(CatalogModel model, String pkg) {
    List<ChannelRow> out = new ArrayList<>();
    for (PackageModel p : sortedPackages(model, pkg)) {
      for (ChannelModel c : sortedChannels(p)) {
        out.add(new ChannelRow(p.name(), c.name(), c.graph().head().orElseGet(() -> "ERROR: " + headError(c))));
      }
    }
    return out;
  }

  /** @param pkg only this package; {@code ""} for all */
  public static List<BundleRow> bundles(CatalogModel model, String pkg) {
    List<BundleRow> out = new ArrayList<>();
    for (PackageModel p : sortedPackages(model, pkg)) {
      for (ChannelModel c : sortedChannels(p)) {
        List<ChannelEntry> entries = new ArrayList<>(c.graph().entries().values());
        entries.sort(Comparator.comparing(ChannelEntry::name, GO_ORDER));
        for (ChannelEntry e : entries) {
          String image = p.bundle(e.name()).map(BundleModel::image).orElse("");
          out.add(new BundleRow(p.name(), c.name(), e.name(), e.replaces(), e.skips(), e.skipRange(), image));
        }
      }
    }
    return out;
  }

  /**
   * opm's table: a header line, then the rows, columns aligned as Go's {@code tabwriter.NewWriter(w, 0, 4, 2, ' ',
   * 0)} aligns them (each column as wide as its widest cell in runes plus two spaces; the last column unpadded).
   * Control characters in cells are escaped.
   */
  public static String text(List<? extends Row> rows, Class<? extends Row> kind) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(header(kind));
    for (Row r : rows) {
      lines.add(r.cells().stream().map(SafeText::escape).toList());
    }
    int columns = lines.get(0).size();
    int[] width = new int[columns];
    for (List<String> l : lines) {
      for (int i = 0; i < columns - 1; i++) {
        width[i] = Math.max(width[i], l.get(i).codePointCount(0, l.get(i).length()) + 2);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> l : lines) {
      for (int i = 0; i < columns - 1; i++) {
        String cell = l.get(i);
        sb.append(cell).append(" ".repeat(width[i] - cell.codePointCount(0, cell.length())));
      }
      sb.append(l.get(columns - 1)).append('\n');
    }
    return sb.toString();
  }

  /** The rows as a JSON array of objects (keys as the record components; skips as a list), indented 4 spaces. */
  public static String json(List<? extends Row> rows) {
    ByteSink sink = new ByteSink(4096);
    JsonTextWriter w = JsonTextWriter.pretty(sink, 4);
    w.beginArray();
    for (Row r : rows) {
      w.beginObject();
      if (r instanceof PackageRow p) {
        field(w, "name", p.name());
        field(w, "displayName", p.displayName());
        field(w, "defaultChannel", p.defaultChannel());
      } else if (r instanceof ChannelRow c) {
        field(w, "package", c.packageName());
        field(w, "channel", c.channel());
        field(w, "head", c.head());
      } else if (r instanceof BundleRow b) {
        field(w, "package", b.packageName());
        field(w, "channel", b.channel());
        field(w, "bundle", b.bundle());
        field(w, "replaces", b.replaces());
        w.key("skips");
        w.beginArray();
        b.skips().forEach(w::string);
        w.endArray();
        field(w, "skipRange", b.skipRange());
        field(w, "image", b.image());
      }
      w.endObject();
    }
    w.endArray();
    sink.write('\n');
    return new String(sink.toByteArray(), StandardCharsets.UTF_8);
  }

  private static void field(JsonTextWriter w, String key, String value) {
    w.key(key);
    w.string(value);
  }

  private static List<String> header(Class<? extends Row> kind) {
    if (kind == PackageRow.class) {
      return List.of("NAME", "DISPLAY NAME", "DEFAULT CHANNEL");
    }
    if (kind == ChannelRow.class) {
      return List.of("PACKAGE", "CHANNEL", "HEAD");
    }
    return List.of("PACKAGE", "CHANNEL", "BUNDLE", "REPLACES", "SKIPS", "SKIP RANGE", "IMAGE");
  }

  private static List<PackageModel> sortedPackages(CatalogModel model, String pkg) {
    if (!pkg.isEmpty()) {
      return List.of(model.pkg(pkg).orElseThrow(() -> new FbcException("package \"" + SafeText.value(pkg)
          + "\" not found")));
    }
    List<PackageModel> out = new ArrayList<>(model.packages().values());
    out.sort(Comparator.comparing(PackageModel::name, GO_ORDER));
    return out;
  }

  private static List<ChannelModel> sortedChannels(PackageModel p) {
    List<ChannelModel> out = new ArrayList<>(p.channels().values());
    out.sort(Comparator.comparing(ChannelModel::name, GO_ORDER));
    return out;
  }

  /** opm's words for a channel without exactly one head. */
  private static String headError(ChannelModel c) {
    List<String> heads = c.graph().heads();
    return heads.isEmpty() ? "no channel head found in graph"
        : "multiple channel heads found in graph: " + String.join(", ", heads);
  }

  private static String displayName(PackageModel p) {
    Optional<BundleBlob> head = p.defaultChannel().flatMap(c -> c.graph().head()).flatMap(p::bundle)
        .map(BundleModel::blob);
    return head.flatMap(Migrations::csv).map(csv -> Tree.str(csv, "spec", "displayName")).orElse("");
  }
}
