package dev.fbc.mirror;

import dev.fbc.text.Reasons;
import dev.fbc.text.SafeText;
import dev.fbc.base.FbcException;
import dev.fbc.image.Descriptor;
import dev.fbc.image.Digest;
import dev.fbc.image.ImageCopier;
import dev.fbc.image.ImageLocation;
import dev.fbc.image.PushListener;
import dev.fbc.image.RegistryAuth;
import dev.fbc.image.RegistryOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies a list of images, each from its source to its destination, a bounded number at a time (see
 * {@link ImageCopier} for how one image is copied). One image's failure never stops the others nor throws: the
 * {@link Report} lists every image with its outcome and, for a failure, a one-line reason. A rerun copies only
 * what is missing: an image whose destination already has its digest under its tag is not touched.
 *
 * <p>Destinations are registry references ({@code [docker://]host/repo:tag}) or {@code oci:DIR}; a bare
 * {@code oci:DIR} stores the image in that one OCI layout named by its source reference (the
 * {@code org.opencontainers.image.ref.name} annotation of {@code index.json}), which is how {@link Options#from()}
 * finds it again in the second step of an air-gapped copy. See {@code docs/mirroring.md}.
 *
 * <pre>{@code
 * Mirror.Report r = new Mirror(Mirror.Options.builder().destination(destOptions).build())
 *     .run(List.of(new Mirror.Copy("quay.io/ns/app:v1", "mirror.local:5000/ns/app:v1")), Mirror.Listener.NONE);
 * r.failed();  // the images that failed, each with its reason
 * }</pre>
 */
public final class Mirror {
  /** Parallel copies unless {@link Options.Builder#parallel(int)} says otherwise. */
  public static final int DEFAULT_PARALLEL = 4;
  /** The most parallel copies allowed (each holds connections and a blob in flight). */
  public static final int MAX_PARALLEL = 64;

  /** One image to copy: its source reference and its destination. */
  public record Copy(String source, String destination) {
    public Copy {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(destination, "destination");
    }
  }

  public enum Outcome { COPIED, ALREADY_PRESENT, FAILED }

  /**
   * What happened to one image. {@code digest} is the destination's digest of it (empty when it failed before
   * the source was read), {@code reason} a one-line explanation of a failure (empty otherwise).
   */
  public record ImageResult(Copy copy, Outcome outcome, Optional<Digest> digest, Optional<String> reason,
      int blobsSent, int blobsMounted) {}

  /** Every image, in the order given. */
  public record Report(List<ImageResult> images) {
    public Report {
      images = List.copyOf(images);
    }

    public List<ImageResult> failed() {
      return images.stream().filter(i -> i.outcome() == Outcome.FAILED).toList();
    }

    public long count(Outcome outcome) {
      return images.stream().filter(i -> i.outcome() == outcome).count();
    }

    /** Whether every image is at its destination. */
    public boolean complete() {
      return failed().isEmpty();
    }
  }

  /**
   * Progress, for a terminal or a log. Calls come from the copying threads, several at once: an implementation
   * must be thread-safe. Every method has an empty default.
   */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void imageStarted(Copy copy) {}

    /** A blob of the image reached the destination (or was found there). */
    default void blob(Copy copy, Descriptor blob, PushListener.Outcome outcome) {}

    /** The image is at its destination (copied, or already there). */
    default void imageDone(ImageResult result) {}

    default void imageFailed(ImageResult result) {}
  }

  /** How to copy: each side's registry options and credentials, parallelism, platform, source override. */
  public static final class Options {
    private final RegistryOptions source;
    private final RegistryOptions destination;
    private final Optional<RegistryAuth> sourceAuth;
    private final Optional<RegistryAuth> destinationAuth;
    private final Map<String, String> environment;
    private final int parallel;
    private final Optional<String> platform;
    private final Optional<Path> from;
    private final Path workDir;

    private Options(Builder b) {
      source = b.source;
      destination = b.destination;
      sourceAuth = b.sourceAuth;
      destinationAuth = b.destinationAuth;
      environment = Map.copyOf(b.environment);
      parallel = b.parallel;
      platform = b.platform;
      from = b.from;
      workDir = b.workDir;
    }

    public static Builder builder() {
      return new Builder();
    }

    public Builder toBuilder() {
      Builder b = new Builder();
      b.source = source;
      b.destination = destination;
      b.sourceAuth = sourceAuth;
      b.destinationAuth = destinationAuth;
      b.environment = environment;
      b.parallel = parallel;
      b.platform = platform;
      b.from = from;
      b.workDir = workDir;
      return b;
    }

    /** How source registries are reached (TLS, plain HTTP, auth file, limits). */
    public RegistryOptions source() {
      return source;
    }

    /** How destination registries are reached. */
    public RegistryOptions destination() {
      return destination;
    }

    /** Source credentials; by default the standard places, with the source options' auth file first. */
    public RegistryAuth sourceAuth() {
      return sourceAuth.orElseGet(() -> RegistryAuth.standard(source, environment));
    }

    /** Destination credentials; by default the standard places, with the destination's auth file first. */
    public RegistryAuth destinationAuth() {
      return destinationAuth.orElseGet(() -> RegistryAuth.standard(destination, environment));
    }

    /** Copies at once; defaults to {@link #DEFAULT_PARALLEL}. */
    public int parallel() {
      return parallel;
    }

    /** {@code os/arch[/variant]} to copy from each index instead of the whole index; empty (default): all. */
    public Optional<String> platform() {
      return platform;
    }

    /** An OCI layout written by an earlier copy to {@code oci:DIR}, read instead of the source registries. */
    public Optional<Path> from() {
      return from;
    }

    /** Where blobs wait between download and upload; defaults to {@code java.io.tmpdir}. */
    public Path workDir() {
      return workDir;
    }

    public static final class Builder {
      private RegistryOptions source = RegistryOptions.defaults();
      private RegistryOptions destination = RegistryOptions.defaults();
      private Optional<RegistryAuth> sourceAuth = Optional.empty();
      private Optional<RegistryAuth> destinationAuth = Optional.empty();
      private Map<String, String> environment = System.getenv();
      private int parallel = DEFAULT_PARALLEL;
      private Optional<String> platform = Optional.empty();
      private Optional<Path> from = Optional.empty();
      private Path workDir = Path.of(System.getProperty("java.io.tmpdir"));

      private Builder() {}

      public Builder source(RegistryOptions o) {
        source = Objects.requireNonNull(o);
        return this;
      }

      public Builder destination(RegistryOptions o) {
        destination = Objects.requireNonNull(o);
        return this;
      }

      public Builder sourceAuth(RegistryAuth a) {
        sourceAuth = Optional.of(a);
        return this;
      }

      public Builder destinationAuth(RegistryAuth a) {
        destinationAuth = Optional.of(a);
        return this;
      }

      /** The environment the default credentials are looked up with (auth file variables, config dirs). */
      public Builder environment(Map<String, String> env) {
        environment = Objects.requireNonNull(env);
        return this;
      }

      public Builder parallel(int n) {
        if (n < 1 || n > MAX_PARALLEL) {
          throw new FbcException("parallel copies must be between 1 and " + MAX_PARALLEL + ", not " + n);
        }
        parallel = n;
        return this;
      }

      /** Copy only this platform of each index. */
      public Builder platform(String p) {
        platform = Optional.of(p);
        return this;
      }

      /** This platform of each index, or (empty) every platform. */
      public Builder platform(Optional<String> p) {
        platform = Objects.requireNonNull(p);
        return this;
      }

      public Builder from(Path ociDir) {
        from = Optional.of(ociDir);
        return this;
      }

      public Builder workDir(Path dir) {
        workDir = Objects.requireNonNull(dir);
        return this;
      }

      public Options build() {
        return new Options(this);
      }
    }
  }

  private final Options options;

  public Mirror(Options options) {
    this.options = options;
  }

  /** Copies every image, {@link Options#parallel()} at a time; returns when all are done or failed. */
  public Report run(List<Copy> copies, Listener listener) {
    ImageCopier copier = new ImageCopier(new ImageCopier.Side(options.source(), options.sourceAuth()),
        new ImageCopier.Side(options.destination(), options.destinationAuth()), options.platform(),
        options.workDir());
    // copies into one repository run one after another, as one task: two uploads of the same blob into one
    // repository at once were seen to leave docker-registry answering the next manifest PUT with 400 (blob
    // unknown). Copies into different repositories run in parallel; a task per repository (not a lock per
    // repository) keeps many images of one repository from occupying every thread of the pool.
    Map<String, List<Integer>> byRepository = new LinkedHashMap<>();
    for (int i = 0; i < copies.size(); i++) {
      byRepository.computeIfAbsent(repositoryOf(copies.get(i)), k -> new ArrayList<>()).add(i);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallel(),
        Math.max(1, byRepository.size())), r -> {
          Thread t = new Thread(r, "fbc-mirror-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    try {
      AtomicReferenceArray<ImageResult> done = new AtomicReferenceArray<>(copies.size());
      List<Future<?>> futures = new ArrayList<>();
      List<List<Integer>> groups = new ArrayList<>(byRepository.values());
      for (List<Integer> group : groups) {
        futures.add(pool.submit(() -> {
          for (int i : group) {
            done.set(i, copyOne(copier, copies.get(i), listener));
          }
        }));
      }
      for (int g = 0; g < groups.size(); g++) {
        Optional<String> failed = await(futures.get(g));
        for (int i : groups.get(g)) {
          if (done.get(i) == null) {
            Copy c = copies.get(i);
            done.set(i, failure(c, SafeText.value(c.source()) + ": " + failed.orElse("not copied")));
          }
        }
      }
      List<ImageResult> results = new ArrayList<>();
      for (int i = 0; i < copies.size(); i++) {
        results.add(done.get(i));
      }
      return new Report(results);
    } finally {
      pool.shutdownNow();
      try {
        copier.close();
      } catch (IOException ignored) {
        // closing only releases connections; the copies' outcomes are what the caller needs
      }
    }
  }

  /**
   * The destination repository a copy writes to ({@code registry/repository}); a layout's images (which share
   * blobs through atomic moves, not uploads) and unparsable destinations each count as their own.
   */
  private static String repositoryOf(Copy c) {
    try {
      if (ImageLocation.parse(c.destination()) instanceof ImageLocation.Registry r) {
        return r.reference().registry() + "/" + r.reference().repository();
      }
    } catch (RuntimeException unparsable) {
      // the copy itself reports the bad reference
    }
    return c.destination() + " " + c.source();
  }

  /**
   * Waits for one repository's copies: empty when they ran to the end, else why not (an interruption, or an
   * Error escaping {@link #copyOne}, which catches what a copy throws); copies left without a result fail with it.
   */
  private static Optional<String> await(Future<?> f) {
    try {
      f.get();
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      return Optional.of("interrupted");
    } catch (ExecutionException e) {
      return Optional.of(oneLine(e.getCause()));
    }
  }

  private ImageResult copyOne(ImageCopier copier, Copy c, Listener listener) {
    ImageResult result;
    try {
      listener.imageStarted(c);
      ImageLocation to = destination(c);
      ImageLocation from = source(c);
      ImageCopier.Result r = copier.copy(from, to, new PushListener() {
        @Override
        public void blobDone(Descriptor blob, Outcome outcome) {
          listener.blob(c, blob, outcome);
        }
      });
      result = new ImageResult(c, r.outcome() == ImageCopier.Outcome.COPIED ? Outcome.COPIED
          : Outcome.ALREADY_PRESENT, Optional.of(r.digest()), Optional.empty(), r.blobsSent(),
          r.blobsMounted());
    } catch (FbcException e) {
      // an FbcException's message already names the image
      result = failure(c, oneLine(e));
    } catch (Exception e) {
      result = failure(c, SafeText.value(c.source()) + ": " + oneLine(e));
    }
    if (result.outcome() == Outcome.FAILED) {
      listener.imageFailed(result);
    } else {
      listener.imageDone(result);
    }
    return result;
  }

  private static ImageResult failure(Copy c, String reason) {
    return new ImageResult(c, Outcome.FAILED, Optional.empty(), Optional.of(reason), 0, 0);
  }

  /** The source reference as the OCI layout of {@link Options#from()} names it: without {@code docker://}. */
  static String key(String source) {
    return source.startsWith("docker://") ? source.substring("docker://".length()) : source;
  }

  private ImageLocation source(Copy c) {
    if (options.from().isPresent()) {
      return new ImageLocation.OciLayout(options.from().get(), key(c.source()));
    }
    return ImageLocation.parse(c.source());
  }

  private static ImageLocation destination(Copy c) {
    ImageLocation to = ImageLocation.parse(c.destination());
    if (to instanceof ImageLocation.OciLayout l && l.name().isEmpty()) {
      return new ImageLocation.OciLayout(l.dir(), key(c.source()));
    }
    return to;
  }

  private static String oneLine(Throwable e) {
    return Reasons.of(e);
  }
}
