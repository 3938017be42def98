package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbc.base.FbcException;

/**
 * What a manifest, index or layout says about content it points at: the digest and the exact size. The size is
 * {@link #UNKNOWN} only for a manifest named by a digest the user typed ({@code image@sha256:...}).
 */
public record Descriptor(Digest digest, long size, String mediaType) {
  public static final long UNKNOWN = -1;

  public Descriptor {
    if (size < UNKNOWN) {
      throw new IllegalArgumentException("negative size " + size);
    }
  }

  /** A digest the user gave, whose size nobody declared. */
  public static Descriptor unsized(Digest digest) {
    return new Descriptor(digest, UNKNOWN, "");
  }

  public boolean sized() {
    return size != UNKNOWN;
  }

  /** Reads and checks a descriptor from a manifest, index or {@code index.json}; {@code what} names it. */
  public static Descriptor parse(JsonNode node, String what) {
    JsonNode d = node.path("digest");
    if (!d.isTextual()) {
      throw new FbcException(what + ": descriptor without a digest");
    }
    Digest digest = Digest.parse(d.asText(), what);
    JsonNode s = node.path("size");
    if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 0) {
      throw new FbcException(what + ": descriptor of " + digest + " has no valid size");
    }
    return new Descriptor(digest, s.asLong(), node.path("mediaType").asText(""));
  }
}
