package dev.fbc.semantic;

import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import java.util.List;

/**
 * A channel with its upgrade graph, computed once.
 *
 * <p>Immutable and thread-safe.
 */
public record ChannelModel(ChannelBlob blob, UpgradeGraph graph) {
  public static ChannelModel of(ChannelBlob blob) {
    return new ChannelModel(blob, UpgradeGraph.of(blob));
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
}
