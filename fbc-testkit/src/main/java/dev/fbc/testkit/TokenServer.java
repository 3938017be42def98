package dev.fbc.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The token service of a Bearer-auth registry: checks Basic credentials and answers with a JWT signed by a
 * self-signed certificate the registry trusts, granting the requested repository scopes. Loopback only.
 */
public final class TokenServer implements AutoCloseable {
  private final HttpServer server;
  private final Path certificate;

  private TokenServer(HttpServer server, Path certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  public static TokenServer start(Path dir, String user, String password, String service, String issuer) {
    try {
      TestRegistry.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "signer.key",
          "-out", "signer.crt", "-days", "2", "-subj", "/CN=fbc-token-signer");
      String keyPem = Files.readString(dir.resolve("signer.key"));
      byte[] keyDer = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(keyDer));
      X509Certificate cert;
      try (var in = Files.newInputStream(dir.resolve("signer.crt"))) {
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      String x5c = Base64.getEncoder().encodeToString(cert.getEncoded());
      String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/token", ex -> {
        try {
          if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"details\":\"invalid credentials\"}");
            return;
          }
          Map<String, List<String>> q = query(ex.getRequestURI().getRawQuery());
          StringBuilder access = new StringBuilder();
          for (String scope : q.getOrDefault("scope", List.of())) {
            String[] parts = scope.split(":");
            if (parts.length == 3) {
              access.append(access.length() == 0 ? "" : ",").append("{\"type\":\"").append(parts[0])
                  .append("\",\"name\":\"").append(parts[1]).append("\",\"actions\":[\"pull\",\"push\"]}");
            }
          }
          long now = System.currentTimeMillis() / 1000;
          String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + x5c + "\"]}";
          String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + user + "\",\"aud\":\""
              + q.getOrDefault("service", List.of(service)).get(0) + "\",\"exp\":" + (now + 300) + ",\"nbf\":"
              + (now - 10) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
          String unsigned = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
          Signature sig = Signature.getInstance("SHA256withRSA");
          sig.initSign(key);
          sig.update(unsigned.getBytes(StandardCharsets.US_ASCII));
          String jwt = unsigned + "." + b64(sig.sign());
          send(ex, 200, "{\"token\":\"" + jwt + "\",\"access_token\":\"" + jwt + "\",\"expires_in\":300}");
        } catch (Exception e) {
          send(ex, 500, "{}");
        }
      });
      server.start();
      return new TokenServer(server, dir.resolve("signer.crt"));
    } catch (Exception e) {
      throw new IllegalStateException("token server: " + e.getMessage(), e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (raw == null) {
      return m;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }

  private static void send(HttpExchange ex, int status, String body) {
    try {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public Path certificate() {
    return certificate;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
