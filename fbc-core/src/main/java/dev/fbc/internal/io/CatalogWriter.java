package dev.fbc.internal.io;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.PrettyJsonWriter;
import dev.fbc.internal.yaml.GoYamlEmitter;
import dev.fbc.internal.yaml.YamlTree;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.UnknownBlob;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes a catalog as one stream. In opm mode the blobs are grouped and ordered like {@code opm render}: packages
 * by name; in each, the package blob, channels by name, bundles by name, other blobs by schema, deprecations; then
 * blobs of no package. Blobs that belong to a package with an empty name are dropped, as opm does. In lossless mode
 * blobs keep their order and every field.
 */
public final class CatalogWriter {
  public enum Format { JSON, YAML }

  private CatalogWriter() {}

  private static final Comparator<String> GO_ORDER =
      Comparator.comparing(s -> s.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

  public static void write(Catalog catalog, OutputStream out, Format format, boolean lossless) {
    List<Blob> blobs = lossless ? catalog.blobs() : opmOrder(catalog.blobs());
    ByteSink sink = new ByteSink(1 << 16, out);
    for (Blob b : blobs) {
      writeBlob(b, sink, format, lossless);
    }
    sink.flush();
  }

  static void writeBlob(Blob b, ByteSink sink, Format format, boolean lossless) {
    if (format == Format.JSON) {
      new BlobEncoder(new PrettyJsonWriter(sink, 4), lossless).encode(b);
      sink.write('\n');
    } else {
      YamlTree.Builder tb = new YamlTree.Builder(!lossless);
      new BlobEncoder(tb, lossless).encode(b);
      sink.ascii("---\n");
      GoYamlEmitter.writeDocument(tb.result(), sink);
    }
  }

  /** The blobs in opm's output order, without the blobs opm drops. */
  public static List<Blob> opmOrder(List<Blob> blobs) {
    TreeMap<String, List<Blob>> byPackage = new TreeMap<>(GO_ORDER);
    List<Blob> rootOthers = new ArrayList<>();
    for (Blob b : blobs) {
      String key = b.packageName();
      if (key.isEmpty()) {
        if (b instanceof UnknownBlob) {
          rootOthers.add(b);
        }
        continue;
      }
      byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
    }
    List<Blob> out = new ArrayList<>(blobs.size());
    for (List<Blob> group : byPackage.values()) {
      List<Blob> channels = new ArrayList<>();
      List<Blob> bundles = new ArrayList<>();
      List<Blob> others = new ArrayList<>();
      List<Blob> deprecations = new ArrayList<>();
      for (Blob b : group) {
        if (b instanceof PackageBlob) {
          out.add(b);
        } else if (b instanceof ChannelBlob) {
          channels.add(b);
        } else if (b instanceof BundleBlob) {
          bundles.add(b);
        } else if (b instanceof UnknownBlob) {
          others.add(b);
        } else {
          deprecations.add(b);
        }
      }
      channels.sort(Comparator.comparing(b -> ((ChannelBlob) b).name(), GO_ORDER));
      bundles.sort(Comparator.comparing(b -> ((BundleBlob) b).name(), GO_ORDER));
      others.sort(Comparator.comparing(Blob::schema, GO_ORDER));
      out.addAll(channels);
      out.addAll(bundles);
      out.addAll(others);
      out.addAll(deprecations);
    }
    out.addAll(rootOthers);
    return out;
  }
}
