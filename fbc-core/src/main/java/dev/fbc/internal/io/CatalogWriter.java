package dev.fbc.internal.io;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.yaml.GoYamlEmitter;
import dev.fbc.internal.yaml.YamlTree;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.UnknownBlob;
import dev.fbc.model.Property;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes a catalog as one stream. In opm mode the blobs are grouped and ordered like {@code opm render}: packages
 * by name; in each, the package blob, channels by name, bundles by name, other blobs by schema, deprecations; then
 * blobs of no package. Blobs that belong to a package with an empty name are dropped, as opm does. In lossless mode
 * blobs keep their order and every field.
 */
public final class CatalogWriter {
  public enum Format { JSON, YAML }

  private CatalogWriter() {}

  // code point order is UTF-8 byte order; comparing the characters spares encoding both strings per comparison
  private static final Comparator<String> GO_ORDER = JsonValue::compareCodePoints;

  /** Batches of about this many bytes are encoded in parallel and written in order. */
  private static final int BATCH_BYTES = 1 << 20;

  public static void write(Catalog catalog, OutputStream out, Format format, boolean lossless, int parallelism) {
    List<Blob> blobs = lossless ? catalog.blobs() : opmOrder(catalog.blobs());
    if (parallelism <= 1 || blobs.size() < 64) {
      ByteSink sink = new ByteSink(1 << 16, out);
      for (Blob b : blobs) {
        writeBlob(b, sink, format, lossless);
      }
      sink.flush();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "fbc-write");
      t.setDaemon(true);
      return t;
    });
    try {
      ArrayDeque<Future<ByteSink>> inflight = new ArrayDeque<>();
      int maxInflight = parallelism * 3;
      int start = 0;
      while (start < blobs.size()) {
        int end = start;
        long size = 0;
        while (end < blobs.size() && (size < BATCH_BYTES || end == start)) {
          size += estimate(blobs.get(end));
          end++;
        }
        List<Blob> batch = blobs.subList(start, end);
        int capacity = (int) Math.min(Integer.MAX_VALUE - 64, size * 2 + 1024);
        if (inflight.size() >= maxInflight) {
          drainOne(inflight, out);
        }
        inflight.add(pool.submit(() -> {
          ByteSink sink = new ByteSink(capacity);
          for (Blob b : batch) {
            writeBlob(b, sink, format, lossless);
          }
          return sink;
        }));
        start = end;
      }
      while (!inflight.isEmpty()) {
        drainOne(inflight, out);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void drainOne(ArrayDeque<Future<ByteSink>> inflight, OutputStream out) {
    ByteSink done = Futures.await(inflight.poll(), "writing");
    try {
      out.write(done.buffer(), 0, done.length());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A rough output size, to cut batches of similar weight. */
  static long estimate(Blob b) {
    long n = 200;
    List<Property> props = b instanceof BundleBlob bb ? bb.properties()
        : b instanceof PackageBlob p ? p.properties() : List.of();
    for (Property p : props) {
      n += p.value().size() * 2L;
    }
    if (b instanceof UnknownBlob u) {
      n += u.content().size() * 2L;
    }
    if (b instanceof PackageBlob p && p.icon().isPresent() && p.icon().get().base64data() != null) {
      n += p.icon().get().base64data().length() + p.description().length();
    }
    return n;
  }

  static void writeBlob(Blob b, ByteSink sink, Format format, boolean lossless) {
    if (format == Format.JSON) {
      new BlobEncoder(JsonTextWriter.pretty(sink, 4), lossless).encode(b);
      sink.write('\n');
    } else {
      YamlTree.Builder tb = new YamlTree.Builder(!lossless);
      new BlobEncoder(tb, lossless).encode(b);
      sink.ascii("---\n");
      GoYamlEmitter.writeDocument(tb.result(), sink);
    }
  }

  /** One blob as compact JSON with canonical field names (every field, when lossless). */
  public static byte[] compactJson(Blob b, boolean lossless) {
    ByteSink sink = new ByteSink(256);
    new BlobEncoder(JsonTextWriter.compact(sink), lossless).encode(b);
    return sink.toByteArray();
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
      orderPackage(group, out);
    }
    out.addAll(rootOthers);
    return out;
  }

  /** Go's string order (bytewise over UTF-8), in which opm orders packages. */
  static Comparator<String> goOrder() {
    return GO_ORDER;
  }

  /**
   * Where a blob goes within its package in opm's order: {@code group} 0 for the package blob, 1 for channels, 2
   * for bundles, 3 for other blobs, 4 for deprecations; {@code key} orders a group (names for channels and
   * bundles, the schema for others). It is all the ordering needs, so a blob already encoded can be ordered
   * without keeping the blob.
   */
  record Rank(int group, String key) {
    static Rank of(Blob b) {
      String name = b instanceof ChannelBlob c ? c.name() : b instanceof BundleBlob bb ? bb.name() : "";
      return of(b.schema(), name);
    }

    /** Whether the blob's schema is one the decoder gives a type of its own (not an other blob's). */
    boolean ofKnownSchema() {
      return group != 3;
    }

    /** The rank of a blob known by its schema and name (the decoder picks a blob's type by its schema). */
    static Rank of(String schema, String name) {
      return switch (schema) {
        case Blob.SCHEMA_PACKAGE -> new Rank(0, "");
        case Blob.SCHEMA_CHANNEL -> new Rank(1, name);
        case Blob.SCHEMA_BUNDLE -> new Rank(2, name);
        case Blob.SCHEMA_DEPRECATIONS -> new Rank(4, "");
        default -> new Rank(3, schema);
      };
    }
  }

  /**
   * Appends the blobs of one package (given in input order) to {@code out} in opm's order: the package blob,
   * channels by name, bundles by name, other blobs by schema, deprecations.
   */
  static void orderPackage(List<Blob> group, List<Blob> out) {
    orderPackage(group, Rank::of, out);
  }

  /** {@link #orderPackage(List, List)} of anything that knows its blob's {@link Rank}. */
  static <T> void orderPackage(List<T> group, Function<T, Rank> rankOf, List<T> out) {
    List<Keyed<T>> channels = new ArrayList<>();
    List<Keyed<T>> bundles = new ArrayList<>();
    List<Keyed<T>> others = new ArrayList<>();
    List<T> deprecations = new ArrayList<>();
    for (T b : group) {
      // the rank once per blob, not once per comparison
      Rank r = rankOf.apply(b);
      switch (r.group()) {
        case 0 -> out.add(b);
        case 1 -> channels.add(new Keyed<>(r.key(), b));
        case 2 -> bundles.add(new Keyed<>(r.key(), b));
        case 3 -> others.add(new Keyed<>(r.key(), b));
        default -> deprecations.add(b);
      }
    }
    // opm: channels and bundles with Go's sort.Slice (unstable: same-named ones come out in pdqsort's order
    // beyond 12), others with sort.SliceStable
    Comparator<Keyed<T>> byKey = Comparator.comparing(Keyed::key, GO_ORDER);
    GoSort.sortSlice(channels, byKey);
    GoSort.sortSlice(bundles, byKey);
    others.sort(byKey);
    for (List<Keyed<T>> sorted : List.of(channels, bundles, others)) {
      for (Keyed<T> k : sorted) {
        out.add(k.item());
      }
    }
    out.addAll(deprecations);
  }

  /** A blob (or what stands for it) with the key its group is sorted by. */
  private record Keyed<T>(String key, T item) {}
}
