package dev.fbc.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/** Raw, buffered standard output for catalog streams (bytes as the library writes them). */
final class StdOut {
  private StdOut() {}

  static OutputStream open() {
    return new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
  }
}
