package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbc.base.TempDirectories;
import dev.fbc.text.SafeText;
import dev.fbc.base.FbcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies images by digest, from a registry or an OCI layout to a registry or an OCI layout: manifests and indexes
 * byte for byte (so every digest stays the same), indexes whole (every platform) unless a platform is chosen,
 * blobs streamed through a temporary file (never whole in memory) and skipped when the destination has them,
 * mounted from another repository of the destination registry that received them earlier through this copier.
 * Children go first and the tag (or {@code index.json} name) last, so an interrupted copy leaves no tag naming a
 * partial image, and a rerun finds the finished parts and copies the rest.
 *
 * <p>With a platform ({@code os/arch[/variant]}), an index is replaced by the one manifest of that platform, which
 * is copied alone and tagged (what oc-mirror does with a single platform): the destination digest is then that
 * manifest's, not the index's. A source that is a single manifest is copied as it is.
 *
 * <p>Thread-safe: one copier serves parallel copies, sharing its HTTP clients and what it knows of blobs
 * already in destination repositories. Foreign (non-distributable) layers, which registries do not serve, are
 * not copied, as in skopeo.
 *
 * <pre>{@code
 * try (ImageCopier c = new ImageCopier(new ImageCopier.Side(RegistryOptions.defaults(), auth),
 *     new ImageCopier.Side(RegistryOptions.defaults(), auth), Optional.empty(), Path.of("/tmp"))) {
 *   c.copy(ImageLocation.parse("quay.io/ns/app:v1"), ImageLocation.parse("mirror.local/ns/app:v1"), PushListener.NONE);
 * }
 * }</pre>
 */
public final class ImageCopier implements AutoCloseable {
  /** What a copy did. */
  public enum Outcome {
    /** Something was written: blobs, manifests, or only the tag. */
    COPIED,
    /** The destination already had the image under its tag (or digest): nothing was written. */
    ALREADY_PRESENT
  }

  /**
   * One image copied: the digest the destination names it by, and what happened to its blobs (sent, mounted
   * from another repository, already there).
   */
  public record Result(Outcome outcome, Digest digest, int blobsSent, int blobsMounted, int blobsPresent) {}

  /** One side of a copy: how to reach its registries and with which credentials. */
  public record Side(RegistryOptions options, RegistryAuth auth) {}

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = ImagePuller.INDEX_TYPES.get(0);

  private final Side source;
  private final Side destination;
  private final Optional<String> platform;
  private final Path workDir;
  // one HTTP client per side, shared by every image's source and pusher (a client holds threads of its own)
  private final java.net.http.HttpClient sourceHttp;
  private final java.net.http.HttpClient destinationHttp;
  private final Map<Path, OciLayoutSource> layoutSources = new ConcurrentHashMap<>();
  private final Map<Path, OciLayoutStore> layoutStores = new ConcurrentHashMap<>();
  /** registry + " " + digest: a repository of that destination registry known to have the blob. */
  private final Map<String, ImageReference> blobHomes = new ConcurrentHashMap<>();

  /**
   * @param platform {@code os/arch[/variant]} to copy from an index; empty: the whole index
   * @param workDir where blobs wait between download and upload (each deleted once sent)
   */
  public ImageCopier(Side source, Side destination, Optional<String> platform, Path workDir) {
    if (platform.isPresent() && platform.get().split("/").length < 2) {
      throw new FbcException("invalid platform \"" + SafeText.value(platform.get())
          + "\", expected os/arch such as linux/amd64");
    }
    this.source = source;
    this.destination = destination;
    this.platform = platform;
    this.workDir = workDir;
    this.sourceHttp = RegistrySource.client(source.options());
    this.destinationHttp = RegistrySource.client(destination.options());
  }

  /**
   * Copies the image {@code from} names to {@code to}; {@code listener} hears of each blob and manifest written.
   * Throws (one line naming the image) if the copy fails; what was written stays, untagged, for a rerun.
   */
  public Result copy(ImageLocation from, ImageLocation to, PushListener listener) throws IOException {
    ImageSource src = open(from);
    ImageSource.Manifest top = top(src, from);
    Sink sink = to instanceof ImageLocation.Registry r ? new RegistrySink(r.reference())
        : new LayoutSink((ImageLocation.OciLayout) to);
    sink.check(top.digest());
    if (sink.present(top.digest())) {
      return new Result(Outcome.ALREADY_PRESENT, top.digest(), 0, 0, 0);
    }
    Files.createDirectories(workDir);
    Path tmp = Files.createTempDirectory(workDir, "fbc-copy");
    try {
      Copy c = new Copy(src, sink, listener, tmp);
      if (!sink.hasManifest(top.digest())) {
        c.tree(top, "");
      }
      sink.finish(top.body(), mediaType(top, ""), top.digest());
      listener.manifestPushed(sink.reference(top.digest()), top.digest());
      return new Result(Outcome.COPIED, top.digest(), c.sent, c.mounted, c.present);
    } finally {
      TempDirectories.deleteQuietly(tmp);
    }
  }

  private ImageSource open(ImageLocation from) {
    if (from instanceof ImageLocation.Registry r) {
      // one source per image, so its messages name the reference being copied
      return new RegistrySource(r.reference(), source.options(), source.auth(), "pull", sourceHttp);
    }
    Path dir = ((ImageLocation.OciLayout) from).dir().toAbsolutePath().normalize();
    return layoutSources.computeIfAbsent(dir, d -> new OciLayoutSource(d, source.options().maxManifestBytes()));
  }

  /** The manifest or index to copy: the one named, or with a platform, that platform's manifest of an index. */
  private ImageSource.Manifest top(ImageSource src, ImageLocation from) throws IOException {
    ImageSource.Manifest m;
    if (from instanceof ImageLocation.Registry r) {
      ImageReference ref = r.reference();
      m = ref.digest().isPresent() ? src.manifest(Descriptor.unsized(ref.digest().get())) : src.manifest(ref.tag());
    } else {
      ImageLocation.OciLayout l = (ImageLocation.OciLayout) from;
      m = src.manifest(l.name().isEmpty() ? ((OciLayoutSource) src).resolve("")
          : OciLayoutStore.find(l.dir(), l.name(), source.options().maxManifestBytes()));
    }
    if (platform.isEmpty()) {
      return m;
    }
    String platform = this.platform.get();
    JsonNode doc = Limits.json(m.body(), from + " manifest");
    if (!isIndex(mediaType(m, ""), doc)) {
      return m;
    }
    List<String> seen = new ArrayList<>();
    for (JsonNode child : doc.path("manifests")) {
      JsonNode p = child.path("platform");
      String name = p.path("os").asText("") + "/" + p.path("architecture").asText("")
          + (p.path("variant").asText("").isEmpty() ? "" : "/" + p.path("variant").asText(""));
      seen.add(name);
      if (name.equals(platform) || name.startsWith(platform + "/")) {
        return src.manifest(Descriptor.parse(child, from + " index"));
      }
    }
    throw new FbcException(SafeText.value(from.toString()) + ": no " + SafeText.value(platform)
        + " image in the index (it has " + SafeText.names(seen, ", ") + ")");
  }

  private static boolean isIndex(String mediaType, JsonNode doc) {
    return ImagePuller.INDEX_TYPES.contains(mediaType) || mediaType.isEmpty() && doc.has("manifests");
  }

  /** The media type to store a manifest under: its own, else its descriptor's, else what its shape says. */
  private static String mediaType(ImageSource.Manifest m, String declared) {
    if (!m.mediaType().isEmpty()) {
      return m.mediaType();
    }
    if (!declared.isEmpty()) {
      return declared;
    }
    return Limits.json(m.body(), "manifest " + m.digest()).has("manifests") ? OCI_INDEX : OCI_MANIFEST;
  }

  /** One image's copy: the blobs it met (each once) and their outcomes. */
  private final class Copy {
    final ImageSource src;
    final Sink sink;
    final PushListener listener;
    final Path tmp;
    final Set<Digest> done = new HashSet<>();
    int sent;
    int mounted;
    int present;

    Copy(ImageSource src, Sink sink, PushListener listener, Path tmp) {
      this.src = src;
      this.sink = sink;
      this.listener = listener;
      this.tmp = tmp;
    }

    /** Everything {@code m} points at, children before parents; not {@code m} itself. */
    void tree(ImageSource.Manifest m, String declaredType) throws IOException {
      String what = src.describe() + " manifest " + m.digest();
      JsonNode doc = Limits.json(m.body(), what);
      if (isIndex(mediaType(m, declaredType), doc)) {
        for (JsonNode child : doc.path("manifests")) {
          Descriptor d = Descriptor.parse(child, what);
          if (!done.add(d.digest()) || sink.hasManifest(d.digest())) {
            continue;
          }
          ImageSource.Manifest cm = src.manifest(d);
          tree(cm, d.mediaType());
          sink.putManifest(cm.body(), mediaType(cm, d.mediaType()), cm.digest());
          listener.manifestPushed(cm.digest().toString(), cm.digest());
        }
        return;
      }
      List<JsonNode> blobs = new ArrayList<>();
      if (doc.has("config")) {
        blobs.add(doc.path("config"));
      }
      doc.path("layers").forEach(blobs::add);
      for (JsonNode b : blobs) {
        if (b.has("urls") || b.path("mediaType").asText("").contains("foreign")
            || b.path("mediaType").asText("").contains("nondistributable")) {
          continue; // served from elsewhere, never by a registry
        }
        Descriptor d = Descriptor.parse(b, what);
        if (!done.add(d.digest())) {
          continue;
        }
        PushListener.Outcome o = sink.blob(d, src, tmp);
        switch (o) {
          case UPLOADED -> sent++;
          case MOUNTED -> mounted++;
          case EXISTS -> present++;
        }
        listener.blobDone(d, o);
      }
    }
  }

  /** Where a copy writes. */
  private interface Sink {
    /** Refuses a destination that names another digest than the source's. */
    void check(Digest top) throws IOException;

    /** Whether the image is there under its final name, so nothing needs writing. */
    boolean present(Digest top) throws IOException;

    boolean hasManifest(Digest digest) throws IOException;

    void putManifest(byte[] body, String mediaType, Digest digest) throws IOException;

    PushListener.Outcome blob(Descriptor d, ImageSource src, Path tmp) throws IOException;

    /** Writes the top manifest under its final name: the last write of a copy. */
    void finish(byte[] body, String mediaType, Digest digest) throws IOException;

    /** For the listener: the name the top manifest was written under. */
    String reference(Digest top);
  }

  private final class RegistrySink implements Sink {
    private final ImageReference target;
    private final RegistryPusher pusher;

    RegistrySink(ImageReference target) {
      this.target = target;
      // the pusher reports through return values, counted per copy
      this.pusher = new RegistryPusher(target, destination.options(), destination.auth(), PushListener.NONE,
          destinationHttp);
    }

    @Override
    public void check(Digest top) {
      if (target.digest().isPresent() && !target.digest().get().equals(top)) {
        throw new FbcException(target.original() + ": the destination names digest " + target.digest().get()
            + " but the source image is " + top);
      }
    }

    @Override
    public boolean present(Digest top) throws IOException {
      String tag = target.tag();
      return tag.isEmpty() ? pusher.manifestDigest(top.toString()).isPresent()
          : pusher.manifestDigest(tag).filter(top::equals).isPresent();
    }

    @Override
    public boolean hasManifest(Digest digest) throws IOException {
      return pusher.manifestDigest(digest.toString()).isPresent();
    }

    @Override
    public void putManifest(byte[] body, String mediaType, Digest digest) throws IOException {
      pusher.pushManifest(body, mediaType, digest.toString());
    }

    @Override
    public PushListener.Outcome blob(Descriptor d, ImageSource src, Path tmp) throws IOException {
      String key = target.registry() + " " + d.digest();
      Optional<ImageReference> home = Optional.ofNullable(blobHomes.get(key));
      Path file = tmp.resolve(d.digest().fileName());
      try {
        PushListener.Outcome o = pusher.pushBlob(d, () -> {
          src.blob(d, file);
          return file;
        }, home);
        blobHomes.putIfAbsent(key, target);
        return o;
      } finally {
        Files.deleteIfExists(file);
      }
    }

    @Override
    public void finish(byte[] body, String mediaType, Digest digest) throws IOException {
      pusher.pushManifest(body, mediaType, reference(digest));
    }

    @Override
    public String reference(Digest top) {
      return target.tag().isEmpty() ? top.toString() : target.tag();
    }
  }

  private final class LayoutSink implements Sink {
    private final OciLayoutStore store;
    private final String name;

    LayoutSink(ImageLocation.OciLayout target) throws IOException {
      Path dir = target.dir().toAbsolutePath().normalize();
      OciLayoutStore s = layoutStores.get(dir);
      if (s == null) {
        s = new OciLayoutStore(dir, destination.options().maxManifestBytes());
        OciLayoutStore raced = layoutStores.putIfAbsent(dir, s);
        s = raced == null ? s : raced;
      }
      this.store = s;
      this.name = target.name();
    }

    @Override
    public void check(Digest top) {
      // a layout name is not a digest: nothing to compare
    }

    @Override
    public boolean present(Digest top) throws IOException {
      return !name.isEmpty() && store.named(name).filter(d -> d.digest().equals(top)).isPresent()
          && hasManifest(top);
    }

    @Override
    public boolean hasManifest(Digest digest) throws IOException {
      return store.hasBlob(Descriptor.unsized(digest));
    }

    @Override
    public void putManifest(byte[] body, String mediaType, Digest digest) throws IOException {
      store.putManifest(body, digest);
    }

    @Override
    public PushListener.Outcome blob(Descriptor d, ImageSource src, Path tmp) throws IOException {
      if (store.hasBlob(d)) {
        return PushListener.Outcome.EXISTS;
      }
      // verified while it is written, through a temporary file beside it
      src.blob(d, store.blobPath(d.digest()));
      return PushListener.Outcome.UPLOADED;
    }

    @Override
    public void finish(byte[] body, String mediaType, Digest digest) throws IOException {
      store.putManifest(body, digest);
      store.name(name, new Descriptor(digest, body.length, mediaType));
    }

    @Override
    public String reference(Digest top) {
      return name.isEmpty() ? top.toString() : name;
    }
  }

  @Override
  public void close() throws IOException {
    for (ImageSource s : layoutSources.values()) {
      s.close();
    }
  }
}
