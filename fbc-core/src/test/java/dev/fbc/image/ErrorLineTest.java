package dev.fbc.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The reason a failed request gives in its one line: the socket's words, never a Java class name. */
class ErrorLineTest {
  @Test
  void theFirstMessageInTheCauseChainIsUsed() {
    // the JDK client's shape: a ConnectException without a message around the socket's own
    ConnectException outer = new ConnectException();
    outer.initCause(new ConnectException("Connection refused"));
    assertThat(RegistrySource.oneLine(outer)).isEqualTo("Connection refused");
    assertThat(RegistrySource.oneLine(new IOException("first line\nsecond line"))).isEqualTo("first line");
  }

  @Test
  void aClassNameInFrontOfTheMessageIsDropped() {
    IOException wrapped = new IOException(new ConnectException("Connection refused"));
    assertThat(wrapped.getMessage()).startsWith("java.net.ConnectException");
    assertThat(RegistrySource.oneLine(wrapped)).isEqualTo("Connection refused");
  }

  @Test
  void noMessageAnywhereStillSaysSomethingUseful() {
    assertThat(RegistrySource.oneLine(new ConnectException())).isEqualTo("connection refused");
    assertThat(RegistrySource.oneLine(new IOException())).isEqualTo("no details");
  }
}
