package dev.fbc.template;

import dev.fbc.base.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A template's text and the name it is reported under (a file as the user named it, or any label for one built
 * in memory).
 *
 * <pre>{@code
 * TemplateSource t = TemplateSource.of(Path.of("catalog-template.yaml"));
 * TemplateSource m = TemplateSource.of("inline", "schema: olm.semver\nstable: {bundles: [{image: quay.io/x:v1}]}");
 * }</pre>
 */
public record TemplateSource(String name, byte[] bytes) {
  /** Largest template read: templates list images, not content; 64 MiB is far beyond any real one. */
  public static final long MAX_BYTES = 64L << 20;

  public TemplateSource {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public static TemplateSource of(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new FbcException(file + ": not a regular file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new FbcException(file + ": larger than " + MAX_BYTES + " bytes, not a template");
      }
      return new TemplateSource(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new FbcException(file + ": " + e.getMessage(), e);
    }
  }

  public static TemplateSource of(String name, String text) {
    return new TemplateSource(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a stream (standard input) up to {@link #MAX_BYTES}. */
  public static TemplateSource of(String name, InputStream in) {
    try {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
      if (b.length > MAX_BYTES) {
        throw new FbcException(name + ": larger than " + MAX_BYTES + " bytes, not a template");
      }
      return new TemplateSource(name, b);
    } catch (IOException e) {
      throw new FbcException(name + ": " + e.getMessage(), e);
    }
  }

  /** {@code name:line: message}, or {@code name: message} when the line is not known. */
  FbcException error(int line, String message) {
    return new FbcException(name + (line > 0 ? ":" + line : "") + ": " + message);
  }
}
