package dev.fbc.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class ReasonsTest {
  @Test
  void theFirstMessageAlongTheCauseChainWithoutAClassName() {
    assertThat(Reasons.of(new IOException(new ConnectException()))).isEqualTo("connection refused");
    assertThat(Reasons.of(new RuntimeException(new IOException("disk full")))).isEqualTo("disk full");
    // a wrapper whose message is its cause's toString()
    assertThat(Reasons.of(new IOException("java.net.SocketTimeoutException: read timed out")))
        .isEqualTo("read timed out");
    assertThat(Reasons.of(new IllegalStateException())).isEqualTo("no details");
  }

  @Test
  void fileSystemErrorsInWordsWithTheirFile() {
    assertThat(Reasons.of(new UncheckedIOException(new AccessDeniedException("/etc/x"))))
        .isEqualTo("/etc/x: permission denied");
    assertThat(Reasons.of(new FileSystemException("/a", null, "No space left on device")))
        .isEqualTo("/a: No space left on device");
  }

  @Test
  void oneTerminalSafeLine() {
    String r = Reasons.of(new IOException("first\u001b[31m line\nsecond line"));
    assertThat(r).doesNotContain("\n").doesNotContain("\u001b").startsWith("first");
  }
}
