package dev.fbc.model;

import dev.fbc.base.Source;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code olm.package} blob.
 *
 * <pre>{@code
 * PackageBlob pkg = PackageBlob.of("minio-operator", "preview");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param icon empty when the package has none
 * @param extras top-level fields opm does not know, kept for lossless writing
 */
public record PackageBlob(
    String name,
    String defaultChannel,
    Optional<Icon> icon,
    String description,
    List<Property> properties,
    Map<String, RawJson> extras,
    Source source)
    implements Blob {

  public PackageBlob {
    name = Extras.str(name);
    icon = icon == null ? Optional.empty() : icon;
    defaultChannel = Extras.str(defaultChannel);
    description = Extras.str(description);
    properties = Extras.list(properties);
    extras = Extras.copy(extras);
    source = source == null ? Source.NONE : source;
  }

  public static PackageBlob of(String name, String defaultChannel) {
    return new PackageBlob(name, defaultChannel, Optional.empty(), "", List.of(), Map.of(), Source.NONE);
  }

  @Override
  public String schema() {
    return SCHEMA_PACKAGE;
  }

  @Override
  public String packageName() {
    return name;
  }

  @Override
  public PackageBlob withSource(Source s) {
    return new PackageBlob(name, defaultChannel, icon, description, properties, extras, s);
  }

  public PackageBlob withDefaultChannel(String channel) {
    return new PackageBlob(name, channel, icon, description, properties, extras, source);
  }

  public PackageBlob withIcon(Icon newIcon) {
    return new PackageBlob(name, defaultChannel, Optional.ofNullable(newIcon), description, properties, extras,
        source);
  }

  public PackageBlob withDescription(String text) {
    return new PackageBlob(name, defaultChannel, icon, text, properties, extras, source);
  }
}
