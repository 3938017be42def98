package dev.fbc.model;

import java.util.Base64;
import java.util.Map;

/**
 * A package icon.
 *
 * @param base64data the image, standard base64 with padding, as written in the catalog; {@code null} writes
 *     {@code null}
 * @param mediatype the MIME type, e.g. {@code image/svg+xml}
 */
public record Icon(String base64data, String mediatype, Map<String, RawJson> extras) {
  public Icon {
    mediatype = Extras.str(mediatype);
    extras = Extras.copy(extras);
  }

  public Icon(String base64data, String mediatype) {
    this(base64data, mediatype, Map.of());
  }

  public static Icon of(byte[] data, String mediatype) {
    return new Icon(Base64.getEncoder().encodeToString(data), mediatype);
  }

  /** The decoded image bytes (empty when there is no data). */
  public byte[] data() {
    return base64data == null ? new byte[0] : Base64.getMimeDecoder().decode(base64data);
  }
}
