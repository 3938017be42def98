package dev.fbc.image;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Where image manifests and blobs come from: a registry, an OCI layout on disk. */
public interface ImageSource extends Closeable {
  /** A manifest or index, its media type and its digest (the one it was asked by, or sha256 of the body). */
  record Manifest(byte[] body, String mediaType, Digest digest) {}

  /** The manifest a tag names (its size bounded by the source's limit). */
  Manifest manifest(String tag) throws IOException;

  /** The manifest a descriptor names, verified against its digest and, when declared, its size. */
  Manifest manifest(Descriptor descriptor) throws IOException;

  /** Streams a blob into {@code dest}, verifying its size and digest. */
  void blob(Descriptor descriptor, Path dest) throws IOException;

  /** For messages: what is being read. */
  String describe();

  @Override
  default void close() throws IOException {}
}
