package dev.fbc.text;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why something failed, in words on one terminal-safe line: what a person can act on, never a Java class name.
 *
 * <pre>{@code
 * Reasons.of(new IOException(new ConnectException()));     // connection refused
 * Reasons.of(new AccessDeniedException("/etc/shadow"));    // /etc/shadow: permission denied
 * }</pre>
 */
public final class Reasons {
  private Reasons() {}

  /**
   * The first message along the cause chain (the JDK's HTTP client often wraps the socket's error in an exception
   * without one), its first line, without a leading class name (a wrapper's message is often its cause's
   * {@code toString()}); a file-system error as its file and the reason in words.
   */
  public static String of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FileSystemException f) {
        return f.getFile() == null ? fileSystem(f) : SafeText.value(f.getFile()) + ": " + fileSystem(f);
      }
      String m = t.getMessage();
      if (m == null || m.isBlank() || t.getCause() != null && m.equals(t.getCause().toString())) {
        continue; // no message of its own: a bare wrapper says what its cause says
      }
      String line = m.lines().findFirst().orElse("").replaceFirst("^([a-z0-9_]+\\.)+[A-Za-z0-9_$]+(: |$)", "");
      if (!line.isBlank()) {
        return SafeText.line(line);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
    }
    return "no details";
  }

  /** A file-system error's reason without its file (some carry only their type, not a message). */
  public static String fileSystem(FileSystemException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    return e.getReason() != null ? SafeText.line(e.getReason()) : "file system error";
  }
}
