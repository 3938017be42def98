package dev.fbc.ops;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Sniffs an icon's media type from its bytes, as opm does (magic numbers, plus a check for SVG text), so that
 * {@code fbc init} labels icons exactly like {@code opm init}.
 */
final class IconTypes {
  private static final Pattern HTML_COMMENT = Pattern.compile("(?i)<!--([\\s\\S]*?)-->");
  private static final Pattern SVG = Pattern.compile(
      "(?i)^\\s*(?:<\\?xml[^>]*>\\s*)?(?:<!doctype svg[^>]*>\\s*)?<svg[^>]*>[^*]*</svg>\\s*$");

  private IconTypes() {}

  /** The MIME type, or {@code ""} when unknown. */
  static String detect(byte[] b) {
    if (b.length == 0) {
      return "";
    }
    String image = imageType(b);
    if (image != null) {
      return image;
    }
    String other = otherType(b);
    if (other != null) {
      return other;
    }
    if (isSvg(b)) {
      return "image/svg+xml";
    }
    return "";
  }

  private static boolean starts(byte[] b, int... sig) {
    if (b.length < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if (sig[i] >= 0 && (b[i] & 0xFF) != sig[i]) {
        return false;
      }
    }
    return true;
  }

  private static String imageType(byte[] b) {
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(b, 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20)) {
      return "image/jp2";
    }
    if (starts(b, 0x89, 0x50, 0x4E, 0x47)) {
      return "image/png";
    }
    if (starts(b, 0x47, 0x49, 0x46)) {
      return "image/gif";
    }
    if (b.length >= 12 && starts(b, -1, -1, -1, -1, -1, -1, -1, -1, 0x57, 0x45, 0x42, 0x50)) {
      return "image/webp";
    }
    if (b.length >= 10 && (starts(b, 0x49, 0x49, 0x2A, 0x00) || starts(b, 0x4D, 0x4D, 0x00, 0x2A))
        && (b[8] & 0xFF) == 0x43 && (b[9] & 0xFF) == 0x52) {
      return "image/x-canon-cr2";
    }
    if (starts(b, 0x49, 0x49, 0x2A, 0x00) || starts(b, 0x4D, 0x4D, 0x00, 0x2A)) {
      return "image/tiff";
    }
    if (starts(b, 0x42, 0x4D)) {
      return "image/bmp";
    }
    if (starts(b, 0x49, 0x49, 0xBC)) {
      return "image/vnd.ms-photo";
    }
    if (starts(b, 0x38, 0x42, 0x50, 0x53)) {
      return "image/vnd.adobe.photoshop";
    }
    if (starts(b, 0x00, 0x00, 0x01, 0x00)) {
      return "image/vnd.microsoft.icon";
    }
    if (b.length >= 12 && starts(b, -1, -1, -1, -1, 0x66, 0x74, 0x79, 0x70)) {
      String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
      if (brand.equals("avif") || brand.equals("avis")) {
        return "image/avif";
      }
      if (brand.equals("heic") || brand.equals("heix") || brand.equals("mif1") || brand.equals("msf1")) {
        return "image/heif";
      }
    }
    if (starts(b, 0x41, 0x43, 0x31, 0x30)) {
      return "image/vnd.dwg";
    }
    return null;
  }

  private static String otherType(byte[] b) {
    if (starts(b, 0x25, 0x50, 0x44, 0x46)) {
      return "application/pdf";
    }
    if (starts(b, 0x50, 0x4B, 0x03, 0x04)) {
      return "application/zip";
    }
    if (starts(b, 0x1F, 0x8B, 0x08)) {
      return "application/gzip";
    }
    if (starts(b, 0x7F, 0x45, 0x4C, 0x46)) {
      return "application/x-executable";
    }
    return null;
  }

  private static boolean isSvg(byte[] b) {
    if (b.length >= 24) {
      for (int i = 0; i < 24; i++) {
        if ((b[i] & 0xFF) <= 8) {
          return false;
        }
      }
    }
    String text = new String(b, StandardCharsets.UTF_8);
    return SVG.matcher(HTML_COMMENT.matcher(text).replaceAll("")).matches();
  }
}
