package dev.fbc.image;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Where image manifests and blobs come from: a registry, an OCI layout on disk. */
public interface ImageSource extends Closeable {
  /** A manifest or index and its media type; {@code digest} is the sha256 of {@code body}. */
  record Manifest(byte[] body, String mediaType, String digest) {}

  /** The manifest for a tag or digest, verified against the digest when one is given. */
  Manifest manifest(String reference) throws IOException;

  /** Streams a blob into {@code dest}, verifying its digest. */
  void blob(String digest, Path dest) throws IOException;

  /** For messages: what is being read. */
  String describe();

  @Override
  default void close() throws IOException {}
}
