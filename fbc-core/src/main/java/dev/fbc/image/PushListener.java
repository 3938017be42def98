package dev.fbc.image;

/**
 * What a push reports as it goes, for progress on a terminal or a build log. Every method has an empty default;
 * calls come from the pushing thread.
 */
public interface PushListener {
  /** How a blob reached the registry. */
  enum Outcome {
    /** The registry had it already (HEAD answered). */
    EXISTS,
    /** Mounted from another repository of the same registry, without sending it. */
    MOUNTED,
    /** Sent. */
    UPLOADED
  }

  PushListener NONE = new PushListener() {};

  /** {@code sent} of the blob's {@code descriptor.size()} bytes have been sent. */
  default void progress(Descriptor blob, long sent) {}

  default void blobDone(Descriptor blob, Outcome outcome) {}

  /** A manifest or index was stored under {@code reference} (a tag or its digest). */
  default void manifestPushed(String reference, Digest digest) {}
}
