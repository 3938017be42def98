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
    return run(FbcCommand.commandLine(args), args);
  }

  /** As {@link #run(String...)} with output to {@code out} and messages to {@code err} (the CDS training's). */
  static int run(java.io.OutputStream out, java.io.PrintWriter err, String... args) {
    return run(FbcCommand.commandLine(out, err, args), args);
  }

  private static int run(CommandLine cl, String... args) {
    int rc = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return rc;
  }
}
