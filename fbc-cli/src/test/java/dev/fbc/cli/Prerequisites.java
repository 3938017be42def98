package dev.fbc.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.fbc.testkit.TestRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What tests need from the machine: locally a missing tool or corpus skips the tests that need it, with
 * {@code CI=true} it fails the run (CI installs everything, so a miss there is a broken CI, not a reason to skip).
 */
final class Prerequisites {
  private Prerequisites() {}

  /** Stops the calling test (or class, from {@code @BeforeAll}) unless nothing is {@code missing}. */
  static void require(String what, List<String> missing, String install) {
    if (missing.isEmpty()) {
      return;
    }
    String msg = what + " need " + missing + " (" + install + ")";
    if ("true".equals(System.getenv("CI"))) {
      fail(msg + "; CI=true: a missing prerequisite fails the run");
    }
    Assumptions.abort(msg);
  }

  /** docker-registry and skopeo, plus what each of {@code registries} (auth, TLS) needs. */
  static void registryTools(String what, TestRegistry.Auth auth, boolean tls, TestRegistry.Auth... more) {
    List<String> missing = new ArrayList<>(TestRegistry.missingTools(auth, tls));
    for (TestRegistry.Auth a : more) {
      TestRegistry.missingTools(a, false).stream().filter(t -> !missing.contains(t)).forEach(missing::add);
    }
    require(what, missing, "apt-get install docker-registry skopeo apache2-utils openssl");
  }
}
