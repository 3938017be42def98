package dev.fbc.image;

import dev.fbc.base.FbcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The redirection part of containers-registries.conf(5), as podman and skopeo read it: {@code [[registry]]}
 * tables with {@code prefix}, {@code location}, {@code blocked} and {@code [[registry.mirror]]} tables with
 * {@code location}. A reference under a prefix is pulled from the mirrors in order, then from the location; the
 * reference itself (and so the {@code image} of a rendered bundle) does not change. Other keys are ignored.
 *
 * <pre>{@code
 * [[registry]]
 * prefix = "localhost:5000"
 * location = "127.0.0.1:41234"
 *
 * [[registry]]
 * prefix = "quay.io/example"
 * location = "quay.io/example"
 * [[registry.mirror]]
 * location = "mirror.internal:5000/example"
 * }</pre>
 */
public record RegistriesConf(List<Entry> entries) {
  /** No redirection at all. */
  public static final RegistriesConf NONE = new RegistriesConf(List.of());

  /** Longest file accepted: a registries.conf is a few kilobytes, never megabytes. */
  static final long MAX_BYTES = 1 << 20;

  /** One {@code [[registry]]} table; {@code location} empty means the prefix itself. */
  public record Entry(String prefix, String location, boolean blocked, List<String> mirrors) {
    public Entry {
      mirrors = List.copyOf(mirrors);
    }
  }

  public RegistriesConf {
    entries = List.copyOf(entries);
  }

  /** Reads the file; a line it cannot read fails with the file and line named. */
  public static RegistriesConf read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new FbcException(file + ": larger than " + MAX_BYTES + " bytes, not a registries.conf");
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new FbcException(file + ": cannot read registries.conf: " + e.getMessage(), e);
    }
  }

  /** Parses the subset of TOML registries.conf uses: tables, arrays of tables, strings, booleans, arrays. */
  public static RegistriesConf parse(String text, String name) {
    List<Entry> out = new ArrayList<>();
    String table = "";
    String prefix = null;
    String location = null;
    boolean blocked = false;
    List<String> mirrors = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = name + ":" + (i + 1) + ": ";
      if (line.startsWith("[")) {
        String t = line.replace(" ", "");
        if (t.equals("[[registry]]")) {
          if (prefix != null || location != null) {
            out.add(entry(prefix, location, blocked, mirrors, where));
          }
          prefix = "";
          location = "";
          blocked = false;
          mirrors = new ArrayList<>();
          table = "registry";
        } else if (t.equals("[[registry.mirror]]")) {
          if (prefix == null) {
            throw new FbcException(where + "[[registry.mirror]] before any [[registry]]");
          }
          mirrors.add("");
          table = "mirror";
        } else {
          table = "other";
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new FbcException(where + "expected key = value");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      switch (table) {
        case "registry" -> {
          switch (key) {
            case "prefix" -> prefix = string(value, where);
            case "location" -> location = string(value, where);
            case "blocked" -> blocked = bool(value, where);
            default -> { } // insecure, mirror-by-digest-only, ...: not used here
          }
        }
        case "mirror" -> {
          if (key.equals("location")) {
            mirrors.set(mirrors.size() - 1, string(value, where));
          }
        }
        default -> { } // top-level keys (unqualified-search-registries, ...) and other tables
      }
    }
    if (prefix != null || location != null) {
      out.add(entry(prefix, location, blocked, mirrors, name + ": "));
    }
    return new RegistriesConf(out);
  }

  private static Entry entry(String prefix, String location, boolean blocked, List<String> mirrors, String where) {
    String p = prefix == null || prefix.isEmpty() ? location : prefix;
    if (p == null || p.isEmpty()) {
      throw new FbcException(where + "a [[registry]] needs a prefix or a location");
    }
    if (p.startsWith("*.")) {
      throw new FbcException(where + "wildcard prefixes (" + p + ") are not supported");
    }
    for (String m : mirrors) {
      if (m.isEmpty()) {
        throw new FbcException(where + "a [[registry.mirror]] of " + p + " has no location");
      }
    }
    return new Entry(p, location == null || location.isEmpty() ? p : location, blocked, mirrors);
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String string(String v, String where) {
    if (v.length() < 2 || !(v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      throw new FbcException(where + "expected a quoted string, found " + v);
    }
    return v.substring(1, v.length() - 1);
  }

  private static boolean bool(String v, String where) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new FbcException(where + "expected true or false, found " + v);
    };
  }

  /** The entry with the longest prefix that covers the reference (at a path or tag boundary), if any. */
  public Optional<Entry> match(ImageReference ref) {
    String name = ref.registry() + "/" + ref.repository();
    return entries.stream().filter(e -> covers(e.prefix(), name)).max(Comparator.comparingInt(e -> e.prefix()
        .length()));
  }

  private static boolean covers(String prefix, String name) {
    return name.equals(prefix) || name.startsWith(prefix) && (prefix.endsWith("/") || name.charAt(prefix.length())
        == '/');
  }

  /**
   * Where to pull {@code ref} from, in order: its mirrors, then its location. Each candidate keeps the original
   * reference text (messages and rendered {@code image} fields name what the user wrote).
   */
  public List<ImageReference> candidates(ImageReference ref) {
    Optional<Entry> e = match(ref);
    if (e.isEmpty()) {
      return List.of(ref);
    }
    if (e.get().blocked()) {
      throw new FbcException(ref.original() + ": registry " + e.get().prefix() + " is blocked in registries.conf");
    }
    List<ImageReference> out = new ArrayList<>();
    for (String m : e.get().mirrors()) {
      out.add(rewrite(ref, e.get().prefix(), m));
    }
    out.add(rewrite(ref, e.get().prefix(), e.get().location()));
    return out;
  }

  private static ImageReference rewrite(ImageReference ref, String prefix, String location) {
    String name = ref.registry() + "/" + ref.repository();
    String moved = location + name.substring(prefix.length());
    int slash = moved.indexOf('/');
    if (slash <= 0) {
      throw new FbcException(ref.original() + ": registries.conf location " + location + " names no registry");
    }
    return new ImageReference(ref.original(), moved.substring(0, slash), moved.substring(slash + 1), ref.tag(),
        ref.digest());
  }
}
