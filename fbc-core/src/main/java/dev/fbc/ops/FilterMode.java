package dev.fbc.ops;

/**
 * How much of each kept channel {@link CatalogFilter#filter} keeps when the filter names no version range
 * (oc-mirror's {@code full} flag). Immutable and thread-safe.
 */
public enum FilterMode {
  /** Only each channel's head (oc-mirror's default). */
  HEADS_ONLY,
  /** Every bundle of the kept channels. */
  FULL
}
