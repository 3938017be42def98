package dev.fbc.cli;

import dev.fbc.base.FbcException;
import dev.fbc.build.BuiltImage;
import dev.fbc.build.CatalogImageBuilder;
import dev.fbc.build.DockerfileGenerator;
import dev.fbc.image.Descriptor;
import dev.fbc.image.PushListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fbc build <catalog-dir> --tag REF}: the catalog image the generated Dockerfile describes, built and pushed
 * (or written as an OCI layout or docker-archive) without a container engine. Prints the image's digest.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build a catalog image (base image + the catalog at /configs) and push or write it")
public final class BuildCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<catalog-dir>", description = "Catalog directory")
  Path catalog;

  @Option(names = {"-t", "--tag"}, required = true, paramLabel = "REF",
      description = "Where the image goes: registry/repo:tag (pushed), oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG]")
  String tag;

  @Option(names = "--base", paramLabel = "REF", defaultValue = DockerfileGenerator.DEFAULT_IMAGE,
      description = "Base image: registry reference, oci:DIR[:TAG] or scratch (default ${DEFAULT-VALUE})")
  String base;

  @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Extra label (repeatable)")
  List<String> labels = new ArrayList<>();

  @Option(names = "--no-validate", description = "Build even if the catalog does not pass fbc validate")
  boolean noValidate;

  @Option(names = "--no-serve-cache",
      description = "Leave opm's serve cache out of the image (the image's opm serve then refuses to start)")
  boolean noServeCache;

  @Mixin
  RegistryFlags registry;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  FbcCommand parent;

  @Override
  public Integer call() throws Exception {
    // the shared --platform flag: when given (comma-separated for several), only those platforms are built;
    // otherwise every platform of the base
    List<String> platforms = new ArrayList<>();
    if (spec.commandLine().getParseResult().hasMatchedOption("--platform")) {
      for (String p : registry.platform.split(",")) {
        if (!p.isBlank()) {
          platforms.add(p.strip());
        }
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    PushListener progress = System.console() == null ? PushListener.NONE : new PushListener() {
      @Override
      public void blobDone(Descriptor blob, Outcome outcome) {
        err.println("blob " + blob.digest() + " (" + blob.size() + " bytes): " + switch (outcome) {
          case EXISTS -> "already there";
          case MOUNTED -> "mounted";
          case UPLOADED -> "uploaded";
        });
        err.flush();
      }
    };
    BuiltImage img;
    try {
      img = build(platforms, progress);
    } catch (FbcException e) {
      // the library names the image or file; the command line says which command failed, once
      String m = String.valueOf(e.getMessage());
      throw new FbcException("fbc build: " + (m.startsWith("build: ") ? m.substring(7) : m), e.remedy(), e);
    }
    if (!noServeCache && img.noServeCache().isPresent()) {
      // the image's command checks the cache and exits without one, so this is worth a line
      err.println("fbc build: warning: the image has no serve cache at /tmp/cache (" + img.noServeCache().get()
          + "); opm serve /configs --cache-dir=/tmp/cache will not start from it");
      err.flush();
    }
    try (var out = new PrintWriter(new java.io.OutputStreamWriter(parent.stdout(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      out.println(img.digest());
    }
    return 0;
  }

  private BuiltImage build(List<String> platforms, PushListener progress) throws java.io.IOException {
    return CatalogImageBuilder.builder(catalog)
        .base(base)
        .labels(DockerfileGenerator.parseLabels(labels))
        .platforms(platforms)
        .registry(registry.options())
        .env(System.getenv())
        .validate(!noValidate)
        .serveCache(!noServeCache)
        .epochSeconds(CatalogImageBuilder.epochFrom(System.getenv()))
        .listener(progress)
        .build()
        .buildTo(tag);
  }
}
