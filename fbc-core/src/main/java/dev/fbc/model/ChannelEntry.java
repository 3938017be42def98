package dev.fbc.model;

import java.util.List;
import java.util.Map;

/**
 * One entry of a channel: a bundle and its upgrade edges.
 *
 * @param replaces the bundle this one replaces, {@code ""} for none
 * @param skips bundles this one skips
 * @param skipRange a semver range of versions this one replaces, {@code ""} for none
 */
public record ChannelEntry(String name, String replaces, List<String> skips, String skipRange,
    Map<String, RawJson> extras) {
  public ChannelEntry {
    name = Extras.str(name);
    replaces = Extras.str(replaces);
    skips = Extras.list(skips);
    skipRange = Extras.str(skipRange);
    extras = Extras.copy(extras);
  }

  public static ChannelEntry of(String name) {
    return new ChannelEntry(name, "", List.of(), "", Map.of());
  }

  public ChannelEntry withReplaces(String r) {
    return new ChannelEntry(name, r, skips, skipRange, extras);
  }

  public ChannelEntry withSkips(List<String> s) {
    return new ChannelEntry(name, replaces, s, skipRange, extras);
  }

  public ChannelEntry withSkipRange(String range) {
    return new ChannelEntry(name, replaces, skips, range, extras);
  }
}
