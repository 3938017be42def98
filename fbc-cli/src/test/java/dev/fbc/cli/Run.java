package dev.fbc.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in this JVM or as a separate process, capturing stdout bytes and stderr text. */
record Run(int rc, byte[] stdout, String stderr) {
  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  static Run inProcess(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    // the model Main builds (only the invoked command in full), so every in-process test runs what users run
    int rc = FbcCommand.commandLine(out, new PrintWriter(err, true), args).execute(args);
    return new Run(rc, out.toByteArray(), err.toString());
  }

  /** As {@link #inProcess}, with every subcommand's model built (how man pages and completion see the CLI). */
  static Run inProcessWholeModel(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int rc = FbcCommand.commandLine(out, new PrintWriter(err, true)).execute(args);
    return new Run(rc, out.toByteArray(), err.toString());
  }

  /** A real process with {@code dir} as its working directory: how users run fbc. */
  static Run process(Path dir, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(args);
    try {
      File errFile = File.createTempFile("fbc-err", ".txt");
      File outFile = File.createTempFile("fbc-out", ".bin");
      try {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(outFile)
            .redirectError(errFile).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("fbc did not finish: " + args);
        }
        return new Run(p.exitValue(), java.nio.file.Files.readAllBytes(outFile.toPath()),
            java.nio.file.Files.readString(errFile.toPath()));
      } finally {
        errFile.delete();
        outFile.delete();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
