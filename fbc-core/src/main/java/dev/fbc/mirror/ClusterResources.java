package dev.fbc.mirror;

import dev.fbc.base.FbcException;
import dev.fbc.mirror.MirrorPlan.Image;
import dev.fbc.mirror.MirrorPlan.Kind;
import dev.fbc.mirror.MirrorPlan.Output;
import dev.fbc.mirror.MirrorPlan.Pinning;
import dev.fbc.text.SafeText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The cluster resources of a plan, as oc-mirror v2 writes them (clusterresources.go), made deterministic: entries
 * sorted by source (oc-mirror's come in Go map order), no {@code createdAt} unless asked.
 */
final class ClusterResources {
  static final String CREATED_BY = "fbc";
  private static final int HASH_TRUNC_LEN = 12;
  private static final int MAX_NAME = 63;
  private static final Pattern DNS1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern RFC1123ISH = Pattern.compile("[a-zA-Z0-9][-a-zA-Z0-9]*[a-zA-Z0-9]");

  private final MirrorPlan plan;
  private final MirrorPlan.Options options;

  ClusterResources(MirrorPlan plan) {
    this.plan = plan;
    this.options = plan.options();
  }

  // ---- mirror sets ----

  /**
   * source -> mirrors, for the images of one pinning mode. oc-mirror v2: by-digest sets take digest-only and
   * tag+digest sources, by-tag sets every source that has a tag (so tag+digest is in both); the catalog image is
   * in neither.
   */
  Map<String, Set<String>> mirrors(boolean byDigest) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Image i : plan.images()) {
      if (i.kind() == Kind.CATALOG) {
        continue;
      }
      boolean add = byDigest ? i.pinning() != Pinning.TAG : i.pinning() != Pinning.DIGEST;
      if (!add) {
        continue;
      }
      String[] scope = scope(i);
      out.computeIfAbsent(scope[0], k -> new LinkedHashSet<>()).add(scope[1]);
    }
    return out;
  }

  /**
   * {source, mirror}: namespace scope (all but the last path component) when the destination path ends with the
   * source path, else repository scope; always repository scope with max nested paths and with oc adm naming. oc-mirror compares the
   * strings; here the match must fall on a component boundary, so a collapsed name that happens to end in the
   * source's last component does not get a namespace mapping that points elsewhere.
   */
  private String[] scope(Image i) {
    String srcPath = i.source().repository();
    String srcRepo = i.source().registry() + "/" + srcPath;
    String dstRepo = i.destinationRepository();
    String host = options.destination().host();
    String dstPath = dstRepo.substring(host.length() + 1);
    boolean suffix = dstPath.equals(srcPath) || dstPath.endsWith("/" + srcPath);
    // oc adm catalog mirror maps whole repositories (its --idms-scope/--icsp-scope default, repository)
    if (options.maxNestedPaths() > 0 || options.naming() == MirrorPlan.Naming.OC_ADM || !suffix) {
      return new String[] {srcRepo, dstRepo};
    }
    return new String[] {namespace(i.source().registry(), srcPath), namespace(host, dstPath)};
  }

  private static String namespace(String host, String path) {
    int last = path.lastIndexOf('/');
    return last < 0 ? host : host + "/" + path.substring(0, last);
  }

  Optional<Output> idms() {
    return mirrorSet("ImageDigestMirrorSet", "idms-operator-0", "imageDigestMirrors", mirrors(true));
  }

  Optional<Output> itms() {
    return mirrorSet("ImageTagMirrorSet", "itms-operator-0", "imageTagMirrors", mirrors(false));
  }

  private Optional<Output> mirrorSet(String kind, String name, String field, Map<String, Set<String>> m) {
    if (m.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", "config.openshift.io/v1");
    obj.put("kind", kind);
    obj.put("metadata", Map.of("name", name, "annotations", annotations()));
    obj.put("spec", Map.of(field, entries(m)));
    return Optional.of(new Output(name + ".yaml", concat("---\n".getBytes(StandardCharsets.UTF_8),
        K8sYaml.document(obj))));
  }

  private static List<Object> entries(Map<String, Set<String>> m) {
    List<Object> out = new ArrayList<>();
    m.forEach((source, mirrors) -> out.add(Map.of("source", source, "mirrors", List.copyOf(mirrors))));
    return out;
  }

  /** createdBy always; createdAt only when asked (RFC 3339 UTC, whole seconds, as oc-mirror formats it). */
  private Map<String, Object> annotations() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("createdBy", CREATED_BY);
    options.createdAt().ifPresent(t -> a.put("createdAt",
        DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS))));
    return a;
  }

  /**
   * oc-mirror v1's operator ImageContentSourcePolicy: images by digest only, one mirror per source, label
   * {@code operators.openshift.org/catalog: "true"}, objects of at most {@code icspMaxBytes} bytes of YAML each
   * (oc-mirror v1's limit 250,000), named {@code operator-0}, {@code operator-1}, ... (v1 names every split object
   * {@code operator-0}, which would make them replace each other on the cluster). Scope as the IDMS.
   */
  Optional<Output> icsp() {
    Map<String, Set<String>> m = mirrors(true);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    m.forEach((s, mirrors) -> mirrors.forEach(x -> entries.add(Map.entry(s, x))));
    // items of a block sequence are written independently, so an object's size is a fixed part plus the sum
    // of its items' sizes; one item's size is what a second copy of it adds
    List<List<Map.Entry<String, String>>> groups = new ArrayList<>();
    List<Map.Entry<String, String>> current = new ArrayList<>();
    long size = 0;
    long fixed = -1;
    // measured with the longest name a split object can get ("operator-<n>"), so no object is over the limit
    String widest = "operator-" + entries.size();
    for (Map.Entry<String, String> e : entries) {
      int one = icspObject(widest, List.of(e)).length;
      int item = icspObject(widest, List.of(e, e)).length - one;
      if (fixed < 0) {
        fixed = one - item;
      }
      if (fixed + item > options.icspMaxBytes()) {
        throw new FbcException("repository digest mirror for \"" + SafeText.value(e.getKey())
            + "\" cannot fit into any ImageContentSourcePolicy of at most " + options.icspMaxBytes() + " bytes");
      }
      if (!current.isEmpty() && fixed + size + item > options.icspMaxBytes()) {
        groups.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(e);
      size += item;
    }
    groups.add(current);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int g = 0; g < groups.size(); g++) {
      out.writeBytes("---\n".getBytes(StandardCharsets.UTF_8));
      out.writeBytes(icspObject("operator-" + g, groups.get(g)));
    }
    return Optional.of(new Output("imageContentSourcePolicy.yaml", out.toByteArray()));
  }

  private static byte[] icspObject(String name, List<Map.Entry<String, String>> entries) {
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", "operator.openshift.io/v1alpha1");
    obj.put("kind", "ImageContentSourcePolicy");
    obj.put("metadata", Map.of("name", name, "labels", Map.of("operators.openshift.org/catalog", "true")));
    List<Object> items = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      items.add(Map.of("source", e.getKey(), "mirrors", List.of(e.getValue())));
    }
    obj.put("spec", Map.of("repositoryDigestMirrors", items));
    return K8sYaml.document(obj);
  }

  // ---- catalog ----

  /**
   * oc-mirror v2's name for the catalog's resources: prefix, the last path component of the mirrored catalog,
   * and a suffix (the first 12 characters of its tag with anything outside {@code [a-z0-9-]} made {@code -}
   * after lowercasing, or {@code 0} when empty), then every {@code .} made {@code -}; it must be a DNS-1035
   * label or an RFC 1123-like name of at most 63 characters.
   */
  String resourceName(String prefix) {
    Image c = plan.catalog().orElseThrow();
    String repo = c.destinationRepository();
    String last = repo.substring(repo.lastIndexOf('/') + 1);
    String tag = c.destination().substring(c.destination().lastIndexOf(':') + 1);
    String cut = tag.length() >= HASH_TRUNC_LEN ? tag.substring(0, HASH_TRUNC_LEN) : tag;
    StringBuilder suffix = new StringBuilder();
    cut.codePoints().map(Character::toLowerCase).forEach(ch -> suffix.appendCodePoint(
        (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ? ch : '-'));
    String s = suffix.length() == 0 ? "0" : suffix.toString();
    String name = (prefix + "-" + last + "-" + s).replace('.', '-');
    boolean ok = name.length() <= MAX_NAME
        && (DNS1035.matcher(name).matches() || RFC1123ISH.matcher(name).matches());
    if (!ok) {
      throw new FbcException("cannot name the catalog's resources after \"" + SafeText.value(c.destination())
          + "\": \"" + SafeText.value(name) + "\" is not a DNS-1035 label of at most 63 characters");
    }
    return name;
  }

  Optional<Output> catalogSource() {
    if (plan.catalog().isEmpty()) {
      return Optional.empty();
    }
    String name = resourceName("cs");
    String image = plan.catalog().get().destination();
    Map<String, Object> obj = options.catalogSourceTemplate()
        .map(t -> t.apply(name, image, annotations()))
        .orElseGet(() -> {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("apiVersion", "operators.coreos.com/v1alpha1");
          o.put("kind", "CatalogSource");
          o.put("metadata", Map.of("name", name, "namespace", "openshift-marketplace",
              "annotations", annotations()));
          o.put("spec", Map.of("sourceType", "grpc", "image", image));
          return o;
        });
    return Optional.of(new Output(name + ".yaml", K8sYaml.document(obj)));
  }

  /** v2's ClusterCatalog: {@code spec.priority: 0} is written, as the typed object has it without omitempty. */
  Optional<Output> clusterCatalog() {
    if (plan.catalog().isEmpty()) {
      return Optional.empty();
    }
    String name = resourceName("cc");
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", "olm.operatorframework.io/v1");
    obj.put("kind", "ClusterCatalog");
    obj.put("metadata", Map.of("name", name, "annotations", annotations()));
    obj.put("spec", Map.of("priority", new K8sYaml.Literal("0"), "source",
        Map.of("type", "Image", "image", Map.of("ref", plan.catalog().get().destination()))));
    return Optional.of(new Output(name + ".yaml", K8sYaml.document(obj)));
  }

  // ---- registries.conf ----

  /**
   * The CRI-O drop-in for the same redirections as the IDMS and ITMS. Mirror style: per source a
   * {@code [[registry]]} with {@code prefix = ""} and one {@code [[registry.mirror]]} per mirror,
   * {@code pull-from-mirror} {@code digest-only} (IDMS), {@code tag-only} (ITMS), or {@code all} (both).
   * Rewrite style: {@code prefix = source}, {@code location = mirror}, {@code mirror-by-digest-only = true} when
   * the source only has images by digest.
   */
  Optional<Output> registriesConf() {
    Map<String, Set<String>> digest = mirrors(true);
    Map<String, Set<String>> tag = mirrors(false);
    TreeMap<String, Set<String>> all = new TreeMap<>();
    digest.forEach((s, m) -> all.computeIfAbsent(s, k -> new LinkedHashSet<>()).addAll(m));
    tag.forEach((s, m) -> all.computeIfAbsent(s, k -> new LinkedHashSet<>()).addAll(m));
    if (all.isEmpty()) {
      return Optional.empty();
    }
    boolean insecure = options.mirrorTls() == MirrorPlan.MirrorTls.INSECURE;
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Set<String>> e : all.entrySet()) {
      String source = e.getKey();
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append("[[registry]]\n");
      switch (options.registriesConfStyle()) {
        case MIRROR -> {
          sb.append("  prefix = \"\"\n");
          sb.append("  location = ").append(toml(source)).append('\n');
          for (String m : e.getValue()) {
            boolean d = digest.getOrDefault(source, Set.of()).contains(m);
            boolean t = tag.getOrDefault(source, Set.of()).contains(m);
            sb.append("\n  [[registry.mirror]]\n");
            sb.append("    location = ").append(toml(m)).append('\n');
            sb.append("    pull-from-mirror = \"").append(d && t ? "all" : d ? "digest-only" : "tag-only")
                .append("\"\n");
            if (insecure) {
              sb.append("    insecure = true\n");
            }
          }
        }
        case REWRITE -> {
          if (e.getValue().size() > 1) {
            throw new FbcException("\"" + SafeText.value(source) + "\" has " + e.getValue().size()
                + " mirrors; a rewrite-style registries.conf can send it to one only (use the mirror style)");
          }
          sb.append("  prefix = ").append(toml(source)).append('\n');
          sb.append("  location = ").append(toml(e.getValue().iterator().next())).append('\n');
          if (!tag.containsKey(source)) {
            sb.append("  mirror-by-digest-only = true\n");
          }
          if (insecure) {
            sb.append("  insecure = true\n");
          }
        }
      }
    }
    return Optional.of(new Output("registries.conf", sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** A TOML basic string (registry names never need escapes, but a quote or backslash must not end it). */
  private static String toml(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
