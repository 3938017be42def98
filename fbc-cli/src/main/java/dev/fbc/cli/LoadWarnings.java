package dev.fbc.cli;

import dev.fbc.base.LoadOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Load options whose warnings (special files skipped, byte-order marks, bad ignore patterns) reach stderr. */
final class LoadWarnings {
  private LoadWarnings() {}

  static LoadOptions options(CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    return LoadOptions.builder().warnings(p -> {
      synchronized (err) {
        err.println(p.toLine());
        err.flush();
      }
    }).build();
  }
}
