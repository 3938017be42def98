package dev.fbc.mirror;

import dev.fbc.base.FbcException;
import dev.fbc.base.FbcException.Remedy;
import dev.fbc.text.SafeText;
import java.util.regex.Pattern;

/**
 * Where images are mirrored to: {@code docker://host[:port][/prefix]}, as oc-mirror's {@code --to} (without tag
 * or digest: the images keep their own).
 *
 * <pre>{@code
 * MirrorDestination d = MirrorDestination.parse("docker://mirror.example.com:5000/ocp");
 * d.host();    // mirror.example.com:5000
 * d.prefix();  // ocp
 * }</pre>
 *
 * @param host registry host, with its port if any
 * @param prefix repository path under the host ({@code ""} for none), without leading or trailing {@code /}
 */
public record MirrorDestination(String host, String prefix) {
  public static final String SCHEME = "docker://";
  // domain components and an optional port, as the distribution reference grammar has them
  private static final Pattern HOST = Pattern.compile(
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
          + "(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*");

  public MirrorDestination {
    if (!HOST.matcher(host).matches()) {
      throw new FbcException("invalid mirror destination host \"" + SafeText.value(host) + "\"");
    }
    if (!prefix.isEmpty()) {
      for (String c : prefix.split("/", -1)) {
        if (!COMPONENT.matcher(c).matches()) {
          throw new FbcException("invalid mirror destination path \"" + SafeText.value(prefix)
              + "\": each component must be lowercase letters, digits and separators");
        }
      }
    }
  }

  /** Reads {@code docker://host[:port][/prefix]}; anything else is refused with one line naming it. */
  public static MirrorDestination parse(String text) {
    if (!text.startsWith(SCHEME)) {
      throw new FbcException("invalid mirror destination \"" + SafeText.value(text)
          + "\": expected docker://HOST[:PORT][/PREFIX]");
    }
    String rest = text.substring(SCHEME.length());
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    if (host.contains("@")) {
      // user:password@host: refused without repeating it, so a pasted password does not end up in a log
      throw new FbcException("invalid mirror destination: credentials do not belong in it", Remedy.PROVIDE_CREDENTIALS);
    }
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (host.isEmpty() || prefix.contains("@") || prefix.contains(":")) {
      throw new FbcException("invalid mirror destination \"" + SafeText.value(text)
          + "\": expected docker://HOST[:PORT][/PREFIX] without tag or digest");
    }
    return new MirrorDestination(host, prefix);
  }

  /** {@code host[/prefix]}: what repository paths are appended to. */
  public String base() {
    return prefix.isEmpty() ? host : host + "/" + prefix;
  }

  @Override
  public String toString() {
    return SCHEME + base();
  }
}
