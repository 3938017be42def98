package dev.fbc.text;

import java.util.Optional;

/**
 * Whether a name from input (a package name) can be used as one file name inside an output directory: it must
 * stay one path element there on every platform fbc writes to.
 */
public final class FileNames {
  private FileNames() {}

  /** Why {@code name} is not a safe file name, or empty when it is. */
  public static Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("it is empty");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("\"" + name + "\" names a directory, not a new folder");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') {
        return Optional.of("it contains '" + c + "', which would leave the output directory");
      }
      if (c == 0) {
        return Optional.of("it contains a NUL character, which no file name can hold");
      }
    }
    return Optional.empty();
  }
}
