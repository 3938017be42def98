package dev.fbc.semantic;

import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import java.util.List;
import java.util.Objects;

/**
 * A channel with its upgrade graph, computed once, on first use: building a {@link CatalogModel} costs no graph
 * an operation never asks for, and a validation builds each package's graphs in the task that checks the package.
 *
 * <p>Immutable and thread-safe (the graph is built at most once per thread race, and such builds are equal).
 */
public final class ChannelModel {
  private final ChannelBlob blob;
  private volatile UpgradeGraph graph;

  private ChannelModel(ChannelBlob blob) {
    this.blob = Objects.requireNonNull(blob, "blob");
  }

  public static ChannelModel of(ChannelBlob blob) {
    return new ChannelModel(blob);
  }

  public ChannelBlob blob() {
    return blob;
  }

  public UpgradeGraph graph() {
    UpgradeGraph g = graph;
    if (g == null) {
      g = UpgradeGraph.of(blob);
      graph = g;
    }
    return g;
  }

  public String name() {
    return blob.name();
  }

  public String packageName() {
    return blob.packageName();
  }

  /** The entries as written (empty when the blob has none). */
  public List<ChannelEntry> entries() {
    return blob.entries();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelModel m && m.blob.equals(blob);
  }

  @Override
  public int hashCode() {
    return blob.hashCode();
  }

  @Override
  public String toString() {
    return "ChannelModel[" + blob.packageName() + "/" + blob.name() + "]";
  }
}
