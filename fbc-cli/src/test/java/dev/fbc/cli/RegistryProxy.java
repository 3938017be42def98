package dev.fbc.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real registry ({@code TestRegistry}), to make the faults a real
 * registry does not make on its own: a request answered with 429 or 503 instead of being forwarded, an upload
 * altered on the way, or the registry killed while an upload is on its way. Everything else is forwarded as it is (upload addresses the
 * registry names are rewritten to point at the proxy), and every request is recorded with what it got.
 */
final class RegistryProxy implements AutoCloseable {
  /** What becomes of one request. */
  sealed interface Action {}

  /** Sent on to the registry, its answer sent back. */
  record Forward() implements Action {}

  /** Answered by the proxy with {@code status} (and {@code Retry-After: retryAfter} when not empty). */
  record Fail(int status, String retryAfter) implements Action {}

  /** {@code crash} runs (it kills the registry), then the connection is dropped and the proxy stops listening. */
  record Crash(Runnable crash) implements Action {}

  /** Forwarded with the last byte of its body changed, as a faulty network or disk would. */
  record Corrupt() implements Action {}

  /** Decides per request; {@code index} counts requests from 0. */
  @FunctionalInterface
  interface Policy {
    Action decide(int index, String method, String path);
  }

  /** One request the proxy saw and the status it answered (-1: the connection was dropped). */
  record Seen(String method, String path, int status) {}

  // the JDK client sets these itself (or refuses them); the rest of a request's headers are copied
  private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "transfer-encoding", "keep-alive", "date");

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient upstream;
  private final String upstreamBase;
  private final Policy policy;
  private final AtomicInteger count = new AtomicInteger();
  private final List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());

  private RegistryProxy(HttpServer server, ExecutorService executor, String upstreamBase, Policy policy) {
    this.server = server;
    this.executor = executor;
    this.upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.upstreamBase = upstreamBase;
    this.policy = policy;
  }

  /** A proxy for the plain-HTTP registry at {@code upstreamBase} ({@code http://127.0.0.1:port}). */
  static RegistryProxy start(String upstreamBase, Policy policy) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService executor = Executors.newCachedThreadPool();
    RegistryProxy proxy = new RegistryProxy(s, executor, upstreamBase, policy);
    s.createContext("/", ex -> {
      try {
        proxy.handle(ex);
      } catch (IOException | RuntimeException e) {
        // the client went away: nothing more to send
      } finally {
        ex.close();
      }
    });
    s.setExecutor(executor);
    s.start();
    return proxy;
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests so far, in the order they arrived. */
  List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    Action action = policy.decide(count.getAndIncrement(), method, path);
    if (action instanceof Fail f) {
      ex.getRequestBody().readAllBytes();
      if (!f.retryAfter().isEmpty()) {
        ex.getResponseHeaders().set("Retry-After", f.retryAfter());
      }
      seen.add(new Seen(method, path, f.status()));
      ex.sendResponseHeaders(f.status(), -1);
      return;
    }
    if (action instanceof Crash c) {
      seen.add(new Seen(method, path, -1));
      c.crash().run();
      // as a dead registry: this connection ends without an answer and no new one is accepted
      new Thread(() -> server.stop(0)).start();
      return;
    }
    byte[] body = ex.getRequestBody().readAllBytes();
    if (action instanceof Corrupt && body.length > 0) {
      body[body.length - 1] ^= 0x5a;
    }
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(upstreamBase + ex.getRequestURI()))
        .timeout(Duration.ofSeconds(30))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> rb.header(name, v));
      }
    });
    HttpResponse<InputStream> r;
    try {
      r = upstream.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    byte[] answer;
    try (InputStream in = r.body()) {
      answer = in.readAllBytes();
    }
    r.headers().map().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals(":status") || (HOP_HEADERS.contains(lower) && !lower.equals("content-length"))) {
        return;
      }
      if (lower.equals("content-length") && !method.equals("HEAD")) {
        return; // set from the body below
      }
      for (String v : values) {
        // the registry names upload addresses with its own host; they must lead back through the proxy
        ex.getResponseHeaders().add(name, lower.equals("location")
            ? v.replace(upstreamBase, "http://" + host()) : v);
      }
    });
    seen.add(new Seen(method, path, r.statusCode()));
    ex.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      ex.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
