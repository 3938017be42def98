package dev.fbc.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written image reference matcher against the regex it replaced (kept here as the oracle): same verdict
 * and same message for generated references, valid ones, mutated ones and random strings over the grammar's
 * characters.
 */
class NamesTest {
  // the regex Names used before (distribution/reference's grammar), the oracle
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

  private static String oracle(String ref) {
    if (ref.isEmpty()) {
      return null;
    }
    if (ANCHORED_HEX64.matcher(ref).matches()) {
      return "invalid repository name (64-byte hexadecimal strings are reserved for image IDs)";
    }
    var m = REFERENCE.matcher(ref);
    if (!m.matches()) {
      String lower = ref.toLowerCase(Locale.ROOT);
      if (!ref.equals(lower) && REFERENCE.matcher(lower.replaceFirst("^[^/]*/", "x/")).matches()) {
        return "repository name must be lowercase";
      }
      return "invalid reference format";
    }
    if (m.group(1).length() > 255) {
      return "repository name must not be more than 255 characters";
    }
    String digest = m.group(3);
    if (digest != null && digest.startsWith("sha256:") && digest.length() != 7 + 64) {
      return "invalid checksum digest length";
    }
    return null;
  }

  private static void same(String ref) {
    assertThat(Names.imageReferenceError(ref)).as("%s", ref).isEqualTo(oracle(ref));
    var m = REFERENCE.matcher(ref);
    assertThat(Names.nameEnd(ref)).as("name of %s", ref).isEqualTo(m.matches() ? m.end(1) : -1);
  }

  private static final String HEX = "0123456789abcdefABCDEF";
  private static final String PIECES = "aAzZ09f._-/:@[]+ \n\u00e9\u0130";

  private static String pick(Random r, String chars, int min, int max) {
    int n = min + r.nextInt(max - min + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(chars.charAt(r.nextInt(chars.length())));
    }
    return sb.toString();
  }

  private static String component(Random r) {
    StringBuilder sb = new StringBuilder(pick(r, "abz09", 1, 4));
    for (int k = r.nextInt(3); k > 0; k--) {
      sb.append(List.of(".", "_", "__", "-", "--", "---").get(r.nextInt(6))).append(pick(r, "abz09", 1, 3));
    }
    return sb.toString();
  }

  private static String domain(Random r) {
    String host;
    if (r.nextInt(6) == 0) {
      host = "[" + pick(r, "0af:AF9", 1, 8) + "]";
    } else {
      List<String> labels = new ArrayList<>();
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        labels.add(r.nextBoolean() ? pick(r, "aZ9", 1, 2) : pick(r, "aZ9", 1, 2) + pick(r, "a-Z9", 0, 3)
            + pick(r, "aZ9", 1, 1));
      }
      host = String.join(".", labels);
    }
    return r.nextInt(3) == 0 ? host + ":" + pick(r, "0123456789", 1, 5) : host;
  }

  /** A reference the grammar accepts (before mutation), with lengths near the limits now and then. */
  private static String valid(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextBoolean()) {
      sb.append(domain(r)).append('/');
    }
    sb.append(component(r));
    for (int k = r.nextInt(3); k > 0; k--) {
      sb.append('/').append(component(r));
    }
    if (r.nextInt(20) == 0) {
      sb.append('/').append("a".repeat(240 + r.nextInt(30)));
    }
    if (r.nextBoolean()) {
      sb.append(':').append(pick(r, "aZ_9", 1, 1)).append(pick(r, "aZ_9.-", 0, r.nextInt(8) == 0 ? 130 : 10));
    }
    if (r.nextBoolean()) {
      String alg = r.nextBoolean() ? "sha256" : pick(r, "aZ", 1, 2) + pick(r, "aZ9", 0, 3)
          + (r.nextBoolean() ? pick(r, "-_+.", 1, 1) + pick(r, "aZ", 1, 1) + pick(r, "aZ9", 0, 2) : "");
      int hex = 30 + r.nextInt(3) * 17; // around 32 (the least) and 64 (sha256's length)
      sb.append('@').append(alg).append(':').append(pick(r, HEX, hex, hex + 4));
    }
    return sb.toString();
  }

  private static String mutate(Random r, String s) {
    StringBuilder sb = new StringBuilder(s);
    for (int k = 1 + r.nextInt(2); k > 0; k--) {
      int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
      char c = PIECES.charAt(r.nextInt(PIECES.length()));
      switch (r.nextInt(4)) {
        case 0 -> sb.insert(at, c);
        case 1 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, c);
          }
        }
        default -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, Character.toUpperCase(sb.charAt(at)));
          }
        }
      }
    }
    return sb.toString();
  }

  @Test
  void generatedValidReferencesGetTheRegexVerdict() {
    Random r = new Random(15);
    int accepted = 0;
    for (int i = 0; i < 60_000; i++) {
      String ref = valid(r);
      same(ref);
      if (Names.imageReferenceError(ref) == null) {
        accepted++;
      }
    }
    // the generator must mostly produce accepted references, or this test checks only rejections
    assertThat(accepted).isGreaterThan(30_000);
  }

  @Test
  void mutatedReferencesGetTheRegexVerdictAndMessage() {
    Random r = new Random(16);
    java.util.Map<String, Integer> verdicts = new java.util.HashMap<>();
    for (int i = 0; i < 100_000; i++) {
      String ref = mutate(r, valid(r));
      same(ref);
      verdicts.merge(String.valueOf(Names.imageReferenceError(ref)), 1, Integer::sum);
    }
    // every message must have come up, or the mutations miss a branch
    assertThat(verdicts).containsKeys("null", "invalid reference format", "repository name must be lowercase",
        "repository name must not be more than 255 characters", "invalid checksum digest length");
  }

  @Test
  void randomStringsOverTheGrammarsCharactersGetTheRegexVerdict() {
    Random r = new Random(17);
    for (int i = 0; i < 100_000; i++) {
      same(pick(r, PIECES + "abc", 0, 12));
    }
  }

  @Test
  void edgeCasesGetTheRegexVerdict() {
    String hex64 = "0123456789abcdef".repeat(4);
    for (String ref : List.of("", "a", "A", "a/", "/a", "a//b", "a:", "a@", "@", ":", "a:b:c", "a@b@c",
        "localhost:5000/a", "localhost:5000", "localhost:/a", "[::1]/a", "[::1]:5000/a:v1", "[]/a", "[g]/a",
        "[::1]", "Quay.io/a", "quay.io/A", "quay.io/a/B:v1", "a.b", "a..b", "a._b", "a__b", "a___b", "a-b",
        "a--b", "a-", "-a", "a/b:" + "t".repeat(128), "a/b:" + "t".repeat(129), "a@sha256:" + hex64,
        "a@sha256:" + hex64 + "0", "a@sha256:" + hex64.substring(32), "a@sha512:" + hex64, "a@Sha256:" + hex64,
        hex64, hex64.toUpperCase(Locale.ROOT), "x/" + hex64, "a\n", "a/b\n", "a:v1\n", "\u0130/a", "A\u0130/a",
        "a/" + "b".repeat(254), "a/" + "b".repeat(253), "quay.io/a:v1@sha256:" + hex64, "-x.io/a", "x-.io/a",
        "x.io:99999999/a", "a_b.io/c", "a_b/c")) {
      same(ref);
    }
  }
}
