package dev.fbc.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes' DNS-1123 label rule (opm's rule for package names) and the image reference grammar. */
final class Names {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN = Pattern.compile(
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
      + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
      + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

  // distribution/reference grammar
  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEP = "(?:[._]|__|[-]+)";
  private static final String COMPONENT = ALNUM + "(?:" + SEP + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
      + "|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?";
  private static final Pattern REFERENCE = Pattern.compile("^((?:" + DOMAIN + "/)?" + COMPONENT + "(?:/"
      + COMPONENT + ")*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*"
      + "[:][0-9a-fA-F]{32,}))?$");
  private static final Pattern ANCHORED_HEX64 = Pattern.compile("^[a-f0-9]{64}$");

  private Names() {}

  /** Kubernetes' IsDNS1123Label messages, empty when valid. */
  static List<String> dns1123LabelErrors(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add("must be no more than 63 characters");
    }
    if (!LABEL.matcher(value).matches()) {
      errs.add(SUBDOMAIN.matcher(value).matches() ? "must not contain dots" : LABEL_MESSAGE);
    }
    return errs;
  }

  /** Why an image reference is not a valid pull spec (as newer opm checks), or null when it is. */
  static String imageReferenceError(String ref) {
    if (ref.isEmpty()) {
      return null;
    }
    if (ANCHORED_HEX64.matcher(ref).matches()) {
      return "invalid repository name (64-byte hexadecimal strings are reserved for image IDs)";
    }
    var m = REFERENCE.matcher(ref);
    if (!m.matches()) {
      String lower = ref.toLowerCase(java.util.Locale.ROOT);
      if (!ref.equals(lower) && REFERENCE.matcher(lower.replaceFirst("^[^/]*/", "x/")).matches()) {
        return "repository name must be lowercase";
      }
      return "invalid reference format";
    }
    String name = m.group(1);
    if (name.length() > 255) {
      return "repository name must not be more than 255 characters";
    }
    String digest = m.group(3);
    if (digest != null && digest.startsWith("sha256:") && digest.length() != 7 + 64) {
      return "invalid checksum digest length";
    }
    return null;
  }
}
