package dev.fbc.internal.io;

import dev.fbc.internal.json.JsonSink;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.internal.json.RawJsonReader;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.Icon;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import dev.fbc.model.RelatedImage;
import dev.fbc.model.UnknownBlob;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes a blob as JSON events. In opm mode it writes what opm's typed structs hold, in their field order, with
 * raw values normalized; in lossless mode it also writes every extra field and keeps raw values verbatim.
 */
final class BlobEncoder {
  private final JsonSink sink;
  private final boolean lossless;

  BlobEncoder(JsonSink sink, boolean lossless) {
    this.sink = sink;
    this.lossless = lossless;
  }

  void encode(Blob blob) {
    if (blob instanceof PackageBlob p) {
      pkg(p);
    } else if (blob instanceof ChannelBlob c) {
      channel(c);
    } else if (blob instanceof BundleBlob b) {
      bundle(b);
    } else if (blob instanceof DeprecationsBlob d) {
      deprecations(d);
    } else {
      raw(((UnknownBlob) blob).content());
    }
  }

  private void raw(RawJson v) {
    RawJsonReader.emit(RawAccess.json(v), sink, !lossless);
  }

  private void str(String key, String value) {
    sink.key(key);
    sink.string(value);
  }

  private void strOmitEmpty(String key, String value) {
    if (!value.isEmpty()) {
      str(key, value);
    }
  }

  private void extras(Map<String, RawJson> extras) {
    if (lossless) {
      for (Map.Entry<String, RawJson> e : extras.entrySet()) {
        sink.key(e.getKey());
        raw(e.getValue());
      }
    }
  }

  private void properties(List<Property> props) {
    if (props.isEmpty()) {
      return;
    }
    sink.key("properties");
    sink.beginArray();
    for (Property p : props) {
      sink.beginObject();
      str("type", p.type());
      sink.key("value");
      raw(p.value());
      extras(p.extras());
      sink.endObject();
    }
    sink.endArray();
  }

  private void pkg(PackageBlob p) {
    sink.beginObject();
    str("schema", Blob.SCHEMA_PACKAGE);
    str("name", p.name());
    str("defaultChannel", p.defaultChannel());
    if (p.icon().isPresent()) {
      Icon icon = p.icon().get();
      sink.key("icon");
      sink.beginObject();
      sink.key("base64data");
      if (icon.base64data() == null) {
        sink.nul();
      } else {
        sink.string(lossless ? icon.base64data() : canonicalBase64(icon.base64data()));
      }
      str("mediatype", icon.mediatype());
      extras(icon.extras());
      sink.endObject();
    }
    strOmitEmpty("description", p.description());
    properties(p.properties());
    extras(p.extras());
    sink.endObject();
  }

  /** opm decodes the icon to bytes and encodes it again, which drops line breaks inside the base64 text. */
  private static String canonicalBase64(String b64) {
    if (b64.indexOf('\n') < 0 && b64.indexOf('\r') < 0) {
      return b64;
    }
    return Base64.getEncoder().encodeToString(Base64.getMimeDecoder().decode(b64));
  }

  private void channel(ChannelBlob c) {
    sink.beginObject();
    str("schema", Blob.SCHEMA_CHANNEL);
    str("name", c.name());
    str("package", c.packageName());
    sink.key("entries");
    if (!c.entriesPresent()) {
      sink.nul();
    } else {
      sink.beginArray();
      for (ChannelEntry e : c.entries()) {
        sink.beginObject();
        str("name", e.name());
        strOmitEmpty("replaces", e.replaces());
        if (!e.skips().isEmpty()) {
          sink.key("skips");
          sink.beginArray();
          for (String s : e.skips()) {
            sink.string(s);
          }
          sink.endArray();
        }
        strOmitEmpty("skipRange", e.skipRange());
        extras(e.extras());
        sink.endObject();
      }
      sink.endArray();
    }
    properties(c.properties());
    extras(c.extras());
    sink.endObject();
  }

  private void bundle(BundleBlob b) {
    sink.beginObject();
    str("schema", Blob.SCHEMA_BUNDLE);
    strOmitEmpty("name", b.name());
    strOmitEmpty("package", b.packageName());
    str("image", b.image());
    properties(b.properties());
    if (!b.relatedImages().isEmpty()) {
      sink.key("relatedImages");
      sink.beginArray();
      for (RelatedImage r : b.relatedImages()) {
        sink.beginObject();
        str("name", r.name());
        str("image", r.image());
        extras(r.extras());
        sink.endObject();
      }
      sink.endArray();
    }
    extras(b.extras());
    sink.endObject();
  }

  private void deprecations(DeprecationsBlob d) {
    sink.beginObject();
    str("schema", Blob.SCHEMA_DEPRECATIONS);
    str("package", d.packageName());
    sink.key("entries");
    if (!d.entriesPresent()) {
      sink.nul();
    } else {
      sink.beginArray();
      for (DeprecationEntry e : d.entries()) {
        sink.beginObject();
        sink.key("reference");
        sink.beginObject();
        str("schema", e.reference().schema());
        strOmitEmpty("name", e.reference().name());
        extras(e.reference().extras());
        sink.endObject();
        str("message", e.message());
        extras(e.extras());
        sink.endObject();
      }
      sink.endArray();
    }
    extras(d.extras());
    sink.endObject();
  }
}
