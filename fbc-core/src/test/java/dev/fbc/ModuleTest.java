package dev.fbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The library is a named module that exports its API packages and hides {@code dev.fbc.internal.*}. */
class ModuleTest {
  @Test
  void internalPackagesAreNotExportedAndEveryOtherPackageIs() {
    Module m = Fbc.class.getModule();
    assertThat(m.isNamed()).as("tests run inside the module").isTrue();
    assertThat(m.getName()).isEqualTo("dev.fbc.core");
    ModuleDescriptor d = m.getDescriptor();
    Set<String> exported = d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
    Set<String> packages = d.packages().stream().filter(p -> p.startsWith("dev.fbc")).collect(Collectors.toSet());
    assertThat(exported).noneMatch(p -> p.startsWith("dev.fbc.internal"));
    assertThat(exported).containsExactlyInAnyOrderElementsOf(
        packages.stream().filter(p -> !p.startsWith("dev.fbc.internal")).toList());
    assertThat(packages).anyMatch(p -> p.startsWith("dev.fbc.internal"));
  }

  /** jdeps over the compiled classes: no two packages of fbc-core depend on each other, directly or not. */
  @Test
  void noPackageCycles() {
    Path classes = Path.of("target", "classes");
    assertThat(classes).isDirectory();
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    // the module's dependencies are on the path the tests run with
    String modulePath = System.getProperty("jdk.module.path", "");
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--module-path", modulePath, "-verbose:package",
        "-filter:none", "--ignore-missing-deps", "--multi-release", "17", classes.toString());
    assertThat(rc).as(out.toString()).isZero();
    Map<String, Set<String>> edges = new HashMap<>();
    for (String line : out.toString().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("dev.fbc") && f[2].startsWith("dev.fbc")
          && !f[0].equals(f[2])) {
        edges.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[2]);
      }
    }
    assertThat(edges).as("jdeps saw the packages").containsKey("dev.fbc");
    for (String from : edges.keySet()) {
      assertThat(reachable(edges, from)).as("a cycle through " + from).doesNotContain(from);
    }
  }

  private static Set<String> reachable(Map<String, Set<String>> edges, String from) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(edges.getOrDefault(from, Set.of()));
    while (!todo.isEmpty()) {
      String p = todo.pop();
      if (seen.add(p)) {
        todo.addAll(edges.getOrDefault(p, Set.of()));
      }
    }
    return seen;
  }
}
