package dev.fbc.image;

import dev.fbc.base.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes blobs and manifests to one repository of a registry, over the same client as pulls
 * ({@link RegistrySource}: TLS options, Basic and Bearer auth, now with the push scope, credentials only to the
 * registry's own origin, retries with backoff on 429 and 5xx, a deadline over every request). A blob the registry
 * has is skipped (HEAD); one in another repository of the same registry is mounted; others are uploaded in one
 * request, or in chunks above {@link #DEFAULT_CHUNK_BYTES}. Callers push blobs first and manifests last, so a
 * failure never leaves a tag naming a partial image.
 *
 * <pre>{@code
 * try (RegistryPusher p = new RegistryPusher(ImageReference.parse("quay.io/me/catalog:v1"), options, auth,
 *     PushListener.NONE)) {
 *   p.pushBlob(layer, () -> layerFile, Optional.empty());
 *   p.pushBlob(config, () -> configFile, Optional.empty());
 *   p.pushManifest(manifestBytes, "application/vnd.oci.image.manifest.v1+json", "v1");
 * }
 * }</pre>
 */
public final class RegistryPusher implements AutoCloseable {
  /** Blobs larger than this are sent in chunks of this size (PATCH), smaller ones in one PUT. */
  public static final long DEFAULT_CHUNK_BYTES = 16L << 20;
  /** The registry's answers to uploads are small; more is refused. */
  private static final long MAX_ANSWER_BYTES = 64L << 10;

  private final RegistrySource client;
  private final ImageReference target;
  private final PushListener listener;
  private final long chunkBytes;

  public RegistryPusher(ImageReference target, RegistryOptions options, RegistryAuth auth, PushListener listener) {
    this(target, options, auth, listener, DEFAULT_CHUNK_BYTES);
  }

  /** @param chunkBytes the chunk size of chunked uploads, and the size above which they are used */
  public RegistryPusher(ImageReference target, RegistryOptions options, RegistryAuth auth, PushListener listener,
      long chunkBytes) {
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunk size must be positive");
    }
    this.client = new RegistrySource(target, options, auth, "pull,push");
    this.target = target;
    this.listener = listener;
    this.chunkBytes = chunkBytes;
  }

  /** A pusher over an HTTP client shared with other pushers of the same options (see {@link RegistrySource}). */
  RegistryPusher(ImageReference target, RegistryOptions options, RegistryAuth auth, PushListener listener,
      java.net.http.HttpClient http) {
    this.client = new RegistrySource(target, options, auth, "pull,push", http);
    this.target = target;
    this.listener = listener;
    this.chunkBytes = DEFAULT_CHUNK_BYTES;
  }

  /** The repository pushed to. */
  public ImageReference target() {
    return target;
  }

  /** Whether the repository has the blob, with its declared size. */
  public boolean hasBlob(Descriptor blob) throws IOException {
    return request("blob " + blob.digest(), client.options().timeout(), dl -> {
      HttpResponse<InputStream> r = client.exchange("HEAD", client.base() + "/blobs/" + blob.digest(), Map.of(),
          null, dl);
      RegistrySource.drain(r);
      if (r.statusCode() == 404) {
        return false;
      }
      if (r.statusCode() != 200) {
        throw client.statusError(r.statusCode(), "blob " + blob.digest());
      }
      long length = r.headers().firstValueAsLong("Content-Length").orElse(blob.size());
      return length == blob.size();
    });
  }

  /**
   * The digest the repository names {@code reference} (a tag or a digest) by, asked with HEAD; empty when the
   * repository has no such manifest, or does not say which digest it has (the caller then copies it again).
   */
  public Optional<Digest> manifestDigest(String reference) throws IOException {
    return request("manifest " + reference, client.options().timeout(), dl -> {
      HttpResponse<InputStream> r = client.exchange("HEAD", client.base() + "/manifests/" + reference,
          Map.of("Accept", RegistrySource.ACCEPT), null, dl);
      RegistrySource.drain(r);
      if (r.statusCode() == 404) {
        return Optional.<Digest>empty();
      }
      if (r.statusCode() != 200) {
        throw client.statusError(r.statusCode(), "manifest " + reference);
      }
      Optional<String> header = r.headers().firstValue("Docker-Content-Digest");
      if (header.isEmpty()) {
        return Optional.<Digest>empty();
      }
      return Optional.of(Digest.parse(header.get(), target.original() + " manifest digest header"));
    });
  }

  /** A blob's content on disk, asked for only when it has to be sent (a base layer is then downloaded). */
  @FunctionalInterface
  public interface BlobFile {
    Path get() throws IOException;
  }

  /**
   * Makes sure the repository has {@code blob}, whose content {@code content} gives (its size checked against the descriptor
   * before anything is sent). {@code mountFrom} names a repository of the same registry that has it.
   */
  public PushListener.Outcome pushBlob(Descriptor blob, BlobFile content, Optional<ImageReference> mountFrom)
      throws IOException {
    if (hasBlob(blob)) {
      listener.blobDone(blob, PushListener.Outcome.EXISTS);
      return PushListener.Outcome.EXISTS;
    }
    String uploads = client.base() + "/blobs/uploads/";
    Optional<ImageReference> from = mountFrom.filter(m -> m.registry().equals(target.registry())
        && !m.repository().equals(target.repository()));
    String start = from.map(m -> uploads + "?mount=" + blob.digest() + "&from=" + m.repository()).orElse(uploads);
    HttpResponse<InputStream> started = request("upload of " + blob.digest(), client.options().timeout(), dl -> {
      HttpResponse<InputStream> r = client.exchange("POST", start, Map.of(), null, dl);
      RegistrySource.drain(r);
      return r;
    });
    if (started.statusCode() == 201 && from.isPresent()) {
      listener.blobDone(blob, PushListener.Outcome.MOUNTED);
      return PushListener.Outcome.MOUNTED;
    }
    if (started.statusCode() != 202) {
      throw client.statusError(started.statusCode(), "upload of blob " + blob.digest());
    }
    Path file = content.get();
    if (!Files.isRegularFile(file) || Files.size(file) != blob.size()) {
      throw new FbcException(target.original() + ": blob " + blob.digest() + ": the file to send does not have "
          + "the declared size " + blob.size());
    }
    String location = location(started, start);
    if (blob.size() > chunkBytes) {
      location = chunks(blob, file, location);
    }
    String finish = location + (location.contains("?") ? "&" : "?") + "digest=" + blob.digest();
    boolean whole = blob.size() <= chunkBytes;
    HttpResponse<InputStream> done = request("upload of " + blob.digest(), client.options().blobTimeout(), dl -> {
      Map<String, String> headers = whole ? Map.of("Content-Type", "application/octet-stream") : Map.of();
      HttpResponse<InputStream> r = client.exchange("PUT", finish, headers, whole ? () -> ofFile(file)
          : null, dl);
      byte[] answer = readAnswer(r);
      if (r.statusCode() == 400 && new String(answer, java.nio.charset.StandardCharsets.UTF_8)
          .contains("DIGEST_INVALID")) {
        throw new FbcException(target.original() + ": the registry computed another digest for blob "
            + blob.digest() + " (the content was altered on the way or the file changed while it was sent)");
      }
      return r;
    });
    if (done.statusCode() != 201) {
      throw client.statusError(done.statusCode(), "upload of blob " + blob.digest());
    }
    listener.progress(blob, blob.size());
    listener.blobDone(blob, PushListener.Outcome.UPLOADED);
    return PushListener.Outcome.UPLOADED;
  }

  /** Sends the blob in chunks (PATCH with Content-Range); the address to finish the upload at. */
  private String chunks(Descriptor blob, Path file, String location) throws IOException {
    String next = location;
    for (long offset = 0; offset < blob.size(); offset += chunkBytes) {
      long length = Math.min(chunkBytes, blob.size() - offset);
      byte[] chunk = new byte[(int) length];
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
        raf.seek(offset);
        raf.readFully(chunk);
      }
      String at = next;
      long first = offset;
      HttpResponse<InputStream> r = request("chunk of " + blob.digest(), client.options().blobTimeout(), dl -> {
        HttpResponse<InputStream> a = client.exchange("PATCH", at, Map.of("Content-Type",
            "application/octet-stream", "Content-Range", first + "-" + (first + length - 1)),
            () -> HttpRequest.BodyPublishers.ofByteArray(chunk), dl);
        RegistrySource.drain(a);
        return a;
      });
      if (r.statusCode() != 202) {
        throw client.statusError(r.statusCode(), "upload of blob " + blob.digest() + " at byte " + offset);
      }
      next = location(r, at);
      listener.progress(blob, offset + length);
    }
    return next;
  }

  /**
   * Stores a manifest or index under {@code reference} (a tag, or its digest); checks that the registry names it
   * by the digest of the bytes sent.
   */
  public Digest pushManifest(byte[] body, String mediaType, String reference) throws IOException {
    Digest digest = Digest.sha256(body);
    if (body.length > client.options().maxManifestBytes()) {
      throw Limits.tooLarge(target.original() + " manifest", client.options().maxManifestBytes());
    }
    HttpResponse<InputStream> r = request("manifest " + reference, client.options().timeout(), dl -> {
      HttpResponse<InputStream> a = client.exchange("PUT", client.base() + "/manifests/" + reference,
          Map.of("Content-Type", mediaType), () -> HttpRequest.BodyPublishers.ofByteArray(body), dl);
      RegistrySource.drain(a);
      return a;
    });
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw client.statusError(r.statusCode(), "manifest " + reference);
    }
    Optional<String> claimed = r.headers().firstValue("Docker-Content-Digest");
    if (claimed.isPresent()) {
      // the registry's own name for what it stored must be the digest of what was sent
      Digests.check(digest, Digest.parse(claimed.get(), target.original() + " manifest digest header"),
          target.original() + " manifest " + reference);
    }
    listener.manifestPushed(reference, digest);
    return digest;
  }

  private static HttpRequest.BodyPublisher ofFile(Path file) {
    try {
      return HttpRequest.BodyPublishers.ofFile(file);
    } catch (java.io.FileNotFoundException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private byte[] readAnswer(HttpResponse<InputStream> r) throws IOException {
    try (InputStream in = r.body()) {
      return Limits.readAll(in, MAX_ANSWER_BYTES, target.original() + " answer");
    } catch (FbcException tooLong) {
      return new byte[0];
    }
  }

  /**
   * The upload address a response names: relative ones resolved against the request, and only to the registry's
   * own origin (an upload, with its credentials, goes nowhere else).
   */
  private String location(HttpResponse<?> r, String requested) {
    String loc = r.headers().firstValue("Location").orElseThrow(() -> new FbcException(target.original()
        + ": " + target.registry() + " started an upload without naming where to send it"));
    URI resolved;
    try {
      resolved = URI.create(requested).resolve(new URI(loc));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new FbcException(target.original() + ": " + target.registry() + " named an invalid upload address");
    }
    if (!RegistrySource.sameOrigin(resolved, URI.create(client.base()))) {
      throw new FbcException(target.original() + ": " + target.registry() + " named an upload address on another "
          + "host; refusing to send it there");
    }
    return resolved.toString();
  }

  private <T> T request(String what, java.time.Duration length, RegistrySource.Request<T> body)
      throws IOException {
    try {
      return client.withDeadline(length, what, body);
    } catch (FbcException e) {
      throw e;
    } catch (IOException | java.io.UncheckedIOException e) {
      // a connection lost mid-upload: one line naming the image and what was being sent
      throw new FbcException(target.original() + ": push to " + target.registry() + " failed during " + what
          + ": the connection was lost (" + RegistrySource.oneLine(e) + ")", e);
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
