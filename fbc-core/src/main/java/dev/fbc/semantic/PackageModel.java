package dev.fbc.semantic;

import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.PackageBlob;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A package with its channels, bundles and deprecations, linked by name. Where a catalog defines something twice,
 * the first definition counts (validation reports the others).
 *
 * <p>Immutable and thread-safe.
 *
 * @param channels by name, in catalog order
 * @param bundles by name, in catalog order
 */
public record PackageModel(PackageBlob blob, Map<String, ChannelModel> channels, Map<String, BundleModel> bundles,
    Optional<DeprecationsBlob> deprecations) {
  public PackageModel {
    channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    bundles = Collections.unmodifiableMap(new LinkedHashMap<>(bundles));
  }

  public String name() {
    return blob.name();
  }

  /** The channel {@code defaultChannel} names, if the package has it. */
  public Optional<ChannelModel> defaultChannel() {
    return Optional.ofNullable(channels.get(blob.defaultChannel()));
  }

  public Optional<ChannelModel> channel(String name) {
    return Optional.ofNullable(channels.get(name));
  }

  public Optional<BundleModel> bundle(String name) {
    return Optional.ofNullable(bundles.get(name));
  }

  /** The channels with an entry for {@code bundle}, in catalog order. */
  public List<ChannelModel> channelsOf(String bundle) {
    return channels.values().stream().filter(c -> c.graph().entry(bundle).isPresent()).toList();
  }
}
