package dev.fbc.cli;

import dev.fbc.text.Reasons;
import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.Problem;
import dev.fbc.text.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * What the user sees when a command fails: one clear line per problem, text from input escaped and cut
 * ({@link SafeText}), never a Java class name or stack trace; with {@code --debug}, the stack trace follows on
 * stderr for whoever reports a bug.
 */
final class Failure {
  private Failure() {}

  /** Reports {@code t}, thrown by command {@code command} (e.g. {@code validate}). */
  static void report(Throwable t, String command, boolean debug, PrintWriter err) {
    if (t instanceof CatalogLoadException cle) {
      for (Problem p : cle.problems()) {
        err.println(p.toLine());
      }
    } else if (t instanceof FbcException f) {
      err.println(SafeText.line(String.valueOf(t.getMessage()) + remedy(f.remedy())));
    } else {
      err.println("fbc" + (command.isEmpty() ? "" : " " + command) + ": " + describe(t));
    }
    if (debug) {
      t.printStackTrace(err);
    }
    err.flush();
  }

  /** The library's way out in this command line's words: the flag (or command) that takes it. */
  static String remedy(FbcException.Remedy r) {
    return switch (r) {
      case NONE -> "";
      case NAME_REPLACED_BUNDLE -> " with --replaces";
      case NAME_CHANNEL -> " with --channel";
      case TRUST_REGISTRY -> " (use --ca-file for a private CA, --use-http for a plain HTTP registry)";
      case PROVIDE_CREDENTIALS -> " (use --authfile)";
      case ALLOW_PLAIN_HTTP -> " (--use-http allows it)";
      case ALLOW_BUNDLE_DIRECTORIES -> " (--allow-bundle-directories)";
      case ADD_PACKAGE_FIRST -> " (fbc add bundle)";
      case SKIP_VALIDATION -> " or use --no-validate";
      case REPLACE_EXISTING -> " (--overwrite replaces it)";
    };
  }

  /** What went wrong, in words: the file and the reason for I/O, the kind of failure otherwise. */
  static String describe(Throwable t) {
    if (t instanceof UncheckedIOException u) {
      // fbc's own wrappers put the file in front of the cause's message; a bare wrapper only has the cause
      IOException cause = u.getCause();
      return u.getMessage() != null && !u.getMessage().equals(String.valueOf(cause))
          ? SafeText.line(u.getMessage()) : describe(cause);
    }
    if (t instanceof FileSystemException f) {
      String file = f.getFile() == null ? "" : SafeText.path(f.getFile()) + ": ";
      return file + Reasons.fileSystem(f);
    }
    if (t instanceof IOException) {
      return t.getMessage() == null ? "input/output error" : SafeText.line(t.getMessage());
    }
    if (t instanceof StackOverflowError) {
      return "input nested too deeply to process (stack overflow)";
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory: the input is too large for the Java heap (raise it, e.g. JAVA_TOOL_OPTIONS=-Xmx4g)";
    }
    return "internal error, a bug in fbc (--debug prints where it happened)";
  }
}
