package dev.fbc.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --skip-tls-verify} turns off certificate and host name checks for fbc's own client only: an application
 * that embeds fbc keeps its checks. The server here has a certificate for another host name, made with the JDK's
 * keytool.
 */
class TlsScopeTest {
  @TempDir
  Path tmp;

  @Test
  void skippingVerificationIsScopedToTheClient() throws Exception {
    Path ks = tmp.resolve("server.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname",
        "CN=registry.example", "-ext", "SAN=dns:registry.example", "-validity", "2", "-keystore", ks.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
    Path cert = tmp.resolve("server.pem");
    keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(), "-storetype", "PKCS12",
        "-storepass", "changeit", "-file", cert.toString());

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(ks.toFile())) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext serverCtx = SSLContext.getInstance("TLS");
    serverCtx.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverCtx));
    server.createContext("/v2/", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    try {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/v2/");
      HttpRequest get = HttpRequest.newBuilder(uri).GET().build();

      HttpClient skipping = RegistrySource.client(RegistryOptions.builder().skipTlsVerify(true).build());
      assertThat(skipping.send(get, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
      assertThat(System.getProperty("jdk.internal.httpclient.disableHostnameVerification"))
          .as("no JVM-wide switch").isNull();

      // the certificate is trusted, but names another host: a client that verifies must still refuse it
      HttpClient verifying = RegistrySource.client(RegistryOptions.builder().caFile(cert).build());
      Throwable t = catchThrowable(() -> verifying.send(get, HttpResponse.BodyHandlers.discarding()));
      assertThat(t).isInstanceOf(SSLHandshakeException.class);
    } finally {
      server.stop(0);
    }
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
