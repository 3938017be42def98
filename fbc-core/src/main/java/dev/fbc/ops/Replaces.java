package dev.fbc.ops;

import java.util.Objects;

/**
 * Which entry a channel entry added by {@link CatalogEditor#addBundle} replaces: the channel's current head
 * ({@link #auto()}), none ({@link #none()}), or a named bundle ({@link #bundle(String)}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind how the replaced entry is chosen
 * @param bundle the bundle replaced when {@code kind} is {@link Kind#BUNDLE}; {@code ""} otherwise
 */
public record Replaces(Kind kind, String bundle) {
  /** How the replaced entry is chosen. */
  public enum Kind {
    /** The channel's single head (nothing when the channel is new). */
    AUTO,
    /** No replaces edge. */
    NONE,
    /** The bundle named by {@link Replaces#bundle()}. */
    BUNDLE
  }

  private static final Replaces AUTO = new Replaces(Kind.AUTO, "");
  private static final Replaces NONE = new Replaces(Kind.NONE, "");

  public Replaces {
    Objects.requireNonNull(kind, "kind");
    bundle = bundle == null ? "" : bundle;
    if ((kind == Kind.BUNDLE) == bundle.isEmpty()) {
      throw new IllegalArgumentException(kind == Kind.BUNDLE ? "name the bundle replaced"
          : "only a named replaces has a bundle");
    }
  }

  /** The channel's current head. */
  public static Replaces auto() {
    return AUTO;
  }

  /** No replaces edge. */
  public static Replaces none() {
    return NONE;
  }

  /** The named bundle; {@link #none()} when {@code name} is empty. */
  public static Replaces bundle(String name) {
    return name == null || name.isEmpty() ? NONE : new Replaces(Kind.BUNDLE, name);
  }
}
