package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.base.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Registry credentials from the files container tools use, in this order: the {@code --authfile},
 * {@code REGISTRY_AUTH_FILE}, {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code $DOCKER_CONFIG/config.json},
 * {@code ~/.docker/config.json}. Keys match by longest prefix ({@code host/ns/repo}, {@code host/ns},
 * {@code host}); {@code credHelpers} and {@code credsStore} run {@code docker-credential-<name> get}. A
 * malformed entry is a warning, not an error. Credentials are never part of a message. A helper runs at most
 * once per registry, with a deadline and a bound on its output.
 */
public final class RegistryAuth {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A user and password, or an identity token (user {@code <token>}). */
  public record Credentials(String username, String secret) {
    @Override
    public String toString() {
      return "Credentials[" + username + ", ***]";
    }
  }

  private final List<Path> files;
  private final Path helperDir;
  private final Duration helperTimeout;
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Map<String, Optional<Credentials>> helperAnswers = new ConcurrentHashMap<>();

  public RegistryAuth(List<Path> files) {
    this(files, null);
  }

  /** @param helperDir where {@code docker-credential-*} helpers are, or null to find them on PATH */
  public RegistryAuth(List<Path> files, Path helperDir) {
    this(files, helperDir, RegistryOptions.defaults().credentialHelperTimeout());
  }

  /** @param helperTimeout how long a credential helper may take before it is stopped */
  public RegistryAuth(List<Path> files, Path helperDir, Duration helperTimeout) {
    this.files = List.copyOf(files);
    this.helperDir = helperDir;
    this.helperTimeout = helperTimeout;
  }

  /**
   * The standard places as podman and skopeo look them up in {@code env}, with the options' auth file first and
   * their deadline for credential helpers.
   */
  public static RegistryAuth standard(RegistryOptions options, Map<String, String> env) {
    List<Path> files = new ArrayList<>();
    options.authFile().ifPresent(files::add);
    Duration helperTimeout = options.credentialHelperTimeout();
    if (env.get("REGISTRY_AUTH_FILE") != null) {
      files.add(Path.of(env.get("REGISTRY_AUTH_FILE")));
    }
    if (env.get("XDG_RUNTIME_DIR") != null) {
      files.add(Path.of(env.get("XDG_RUNTIME_DIR"), "containers", "auth.json"));
    }
    if (env.get("DOCKER_CONFIG") != null) {
      files.add(Path.of(env.get("DOCKER_CONFIG"), "config.json"));
    }
    String home = System.getProperty("user.home");
    if (home != null) {
      files.add(Path.of(home, ".docker", "config.json"));
    }
    return new RegistryAuth(files, null, helperTimeout);
  }

  /** Problems met while reading credentials (never containing secrets). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public Optional<Credentials> lookup(String registry, String repository) {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      JsonNode doc;
      try {
        doc = JSON.readTree(Limits.readFile(f, Limits.MAX_CREDENTIALS_BYTES, f.toString()));
      } catch (IOException | FbcException e) {
        warnings.add(f + ": not readable as JSON, ignored");
        continue;
      }
      Optional<Credentials> c = fromFile(f, doc, registry, repository);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private Optional<Credentials> fromFile(Path f, JsonNode doc, String registry, String repository) {
    String helper = doc.path("credHelpers").path(registry).asText("");
    if (!helper.isEmpty()) {
      return helper(helper, registry);
    }
    List<String> candidates = new ArrayList<>();
    String path = registry + "/" + repository;
    while (true) {
      candidates.add(path);
      int slash = path.lastIndexOf('/');
      if (slash < 0) {
        break;
      }
      path = path.substring(0, slash);
    }
    JsonNode auths = doc.path("auths");
    for (String key : candidates) {
      var it = auths.fields();
      while (it.hasNext()) {
        var e = it.next();
        if (normalizeKey(e.getKey()).equals(key)) {
          Optional<Credentials> c = decode(f, e.getKey(), e.getValue());
          if (c.isPresent()) {
            return c;
          }
        }
      }
    }
    String store = doc.path("credsStore").asText("");
    if (!store.isEmpty()) {
      return helper(store, registry);
    }
    return Optional.empty();
  }

  static String normalizeKey(String key) {
    String k = key.replaceFirst("^https?://", "");
    k = k.replaceFirst("/v[12]/?$", "");
    if (k.endsWith("/")) {
      k = k.substring(0, k.length() - 1);
    }
    if (k.equals("index.docker.io") || k.equals("registry-1.docker.io")) {
      return "docker.io";
    }
    return k;
  }

  private Optional<Credentials> decode(Path f, String key, JsonNode entry) {
    String token = entry.path("identitytoken").asText("");
    if (!token.isEmpty()) {
      return Optional.of(new Credentials("<token>", token));
    }
    String auth = entry.path("auth").asText("");
    if (auth.isEmpty()) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        warnings.add(f + ": entry \"" + key + "\" has an auth value without user:password, ignored");
        return Optional.empty();
      }
      return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      warnings.add(f + ": entry \"" + key + "\" has an auth value that is not base64, ignored");
      return Optional.empty();
    }
  }

  private Optional<Credentials> helper(String name, String registry) {
    // once per helper and registry in a run: a slow or prompting helper is not asked for every request
    return helperAnswers.computeIfAbsent(name + "\n" + registry, k -> runHelper(name, registry));
  }

  /**
   * Runs {@code docker-credential-<name> get} with a deadline and a bound on its output: a helper that hangs,
   * or never closes its output, is stopped and its registry treated as having no credentials.
   */
  private Optional<Credentials> runHelper(String name, String registry) {
    String cmd = "docker-credential-" + name;
    if (!name.matches("[A-Za-z0-9._-]+")) {
      warnings.add("credential helper name \"" + name + "\" is not valid, ignored");
      return Optional.empty();
    }
    Process p;
    try {
      p = new ProcessBuilder(helperDir == null ? cmd : helperDir.resolve(cmd).toString(), "get")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      warnings.add(cmd + " could not run: " + e.getMessage());
      return Optional.empty();
    }
    CompletableFuture<byte[]> output = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (InputStream out = p.getInputStream()) {
        output.complete(Limits.readAll(out, Limits.MAX_CREDENTIALS_BYTES, cmd + " output"));
      } catch (IOException | RuntimeException e) {
        output.completeExceptionally(e);
      }
    }, "fbc-credential-helper");
    reader.setDaemon(true); // if a descendant keeps the pipe open, this thread must not keep fbc alive
    reader.start();
    try {
      try (OutputStream in = p.getOutputStream()) {
        in.write(registry.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // a helper that does not read its input still gets its chance to answer
      }
      long deadline = System.nanoTime() + helperTimeout.toNanos();
      boolean exited = p.waitFor(helperTimeout.toNanos(), TimeUnit.NANOSECONDS);
      byte[] out = exited ? output.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) : null;
      if (!exited) {
        warnings.add(cmd + " did not finish within " + helperTimeout.toSeconds() + "s for " + registry
            + ", stopped");
        return Optional.empty();
      }
      if (p.exitValue() != 0) {
        warnings.add(cmd + " found no credentials for " + registry);
        return Optional.empty();
      }
      JsonNode doc = JSON.readTree(out);
      return Optional.of(new Credentials(doc.path("Username").asText(""), doc.path("Secret").asText("")));
    } catch (TimeoutException e) {
      warnings.add(cmd + " did not close its output within " + helperTimeout.toSeconds() + "s for " + registry
          + ", stopped");
      return Optional.empty();
    } catch (ExecutionException e) {
      warnings.add(cmd + " gave more than " + Limits.MAX_CREDENTIALS_BYTES + " bytes or unreadable output for "
          + registry + ", ignored");
      return Optional.empty();
    } catch (IOException e) {
      warnings.add(cmd + " gave output that is not JSON for " + registry + ", ignored");
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
