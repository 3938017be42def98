package dev.fbc.cli;

import picocli.CommandLine;

/** The {@code fbc} program. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (0 success, 1 failure, as opm). */
  public static int run(String... args) {
    var cl = FbcCommand.commandLine(args);
    int rc = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return rc;
  }
}
