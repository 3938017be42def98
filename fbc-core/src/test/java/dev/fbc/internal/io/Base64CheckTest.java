package dev.fbc.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass check of plain base64 must agree with the exact walk on every text, valid or not. */
class Base64CheckTest {
  @Test
  void quickPathAgreesWithTheExactWalk() {
    Random r = new Random(15);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n-_ é\uD83D\uDE00";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      if (i % 2 == 0) {
        byte[] data = new byte[r.nextInt(40)];
        r.nextBytes(data);
        sb.append(Base64.getEncoder().encodeToString(data));
        if (i % 4 == 0 && sb.length() > 0) {
          // one random change: a letter, padding or line break anywhere
          sb.setCharAt(r.nextInt(sb.length()), alphabet.charAt(r.nextInt(alphabet.length())));
        }
      } else {
        for (int k = r.nextInt(12); k > 0; k--) {
          sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      String s = sb.toString();
      assertThat(Base64Check.firstInvalid(s)).as("'%s'", s).isEqualTo(Base64Check.walk(s));
    }
    assertThat(Base64Check.firstInvalid("QUJD")).isEqualTo(-1);
    assertThat(Base64Check.firstInvalid("QUI=")).isEqualTo(-1);
    assertThat(Base64Check.firstInvalid("QQ==")).isEqualTo(-1);
    assertThat(Base64Check.firstInvalid("QQ=")).isEqualTo(3);
    assertThat(Base64Check.firstInvalid("Q===")).isEqualTo(1);
  }
}
