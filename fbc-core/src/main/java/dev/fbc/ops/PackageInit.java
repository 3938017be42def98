package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.model.Icon;
import dev.fbc.model.PackageBlob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Builds the {@code olm.package} blob of a new package, as {@code opm init} does: the description is the whole
 * file as written, the icon the whole file with its media type sniffed from its bytes.
 *
 * <pre>{@code
 * PackageBlob pkg = PackageInit.builder("minio-operator")
 *     .defaultChannel("preview")
 *     .description(Path.of("README.md"))
 *     .icon(Path.of("icon.svg"))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Immutable and thread-safe (it reads its files on each {@link #run()}); a builder is not thread-safe.
 */
public final class PackageInit {
  private final String name;
  private final String defaultChannel;
  private final Path icon;
  private final Path description;

  private PackageInit(Builder b) {
    this.name = b.name;
    this.defaultChannel = b.defaultChannel;
    this.icon = b.icon;
    this.description = b.description;
  }

  public static Builder builder(String packageName) {
    return new Builder(packageName);
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(name).defaultChannel(defaultChannel).icon(icon).description(description);
  }

  /**
   * @throws FbcException with opm's message (e.g. {@code detected invalid type "": not an image}) when a file
   *     cannot be read or the icon is no image
   */
  public PackageBlob run() {
    byte[] iconData = icon == null ? null : read(icon, "icon");
    byte[] descData = description == null ? null : read(description, "description");
    PackageBlob pkg = PackageBlob.of(name, defaultChannel);
    if (descData != null) {
      pkg = pkg.withDescription(new String(descData, StandardCharsets.UTF_8));
    }
    if (iconData != null) {
      if (iconData.length == 0) {
        throw new FbcException("detect icon mediatype: Empty buffer");
      }
      String mime = IconTypes.detect(iconData);
      if (!mime.startsWith("image/")) {
        throw new FbcException("detected invalid type \"" + mime + "\": not an image");
      }
      pkg = pkg.withIcon(Icon.of(iconData, mime));
    }
    return pkg;
  }

  private static byte[] read(Path p, String what) {
    try {
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new FbcException("open " + what + " file: open " + p + ": no such file or directory");
    } catch (IOException e) {
      throw new FbcException("read " + what + ": " + p + ": " + e.getMessage(), e);
    }
  }

  public static final class Builder {
    private final String name;
    private String defaultChannel = "";
    private Path icon;
    private Path description;

    private Builder(String name) {
      this.name = name == null ? "" : name;
    }

    public Builder defaultChannel(String c) {
      this.defaultChannel = c == null ? "" : c;
      return this;
    }

    public Builder icon(Path p) {
      this.icon = p;
      return this;
    }

    public Builder description(Path p) {
      this.description = p;
      return this;
    }

    public PackageInit build() {
      return new PackageInit(this);
    }
  }
}
