package dev.fbc.validate;

import dev.fbc.base.Problem;
import dev.fbc.base.Problem.Severity;
import dev.fbc.text.Similar;
import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import dev.fbc.base.Source;
import dev.fbc.model.UnknownBlob;
import dev.fbc.semver.Range;
import dev.fbc.semver.Version;
import dev.fbc.text.Message;
import dev.fbc.text.SafeText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a catalog with every rule of {@code opm validate} (v1.54) and reports all problems at once, each with
 * file and line, a rule id, opm's message text and a hint. Rules newer opm releases added (skipRange syntax,
 * image pull specs, releases) are warnings, so a catalog that passes without warnings passes both.
 *
 * <pre>{@code
 * ValidationResult r = new CatalogValidator().validate(Fbc.load(Path.of("catalog")));
 * r.passed();
 * r.problems().forEach(p -> System.err.println(p.toLine()));
 * }</pre>
 */
public final class CatalogValidator {
  /** Dangling references examined for the hint of a channel with several heads (each costs a pass over them). */
  private static final int MAX_HINT_SEARCH = 100;

  private static final Set<String> KNOWN_SCHEMAS = Set.of(Blob.SCHEMA_PACKAGE, Blob.SCHEMA_CHANNEL,
      Blob.SCHEMA_BUNDLE, Blob.SCHEMA_DEPRECATIONS);

  private final boolean schemas;

  public CatalogValidator() {
    this(false);
  }

  private CatalogValidator(boolean schemas) {
    this.schemas = schemas;
  }

  /** Also checks every blob against the JSON Schemas ({@link SchemaValidator}). */
  public CatalogValidator withSchemas(boolean on) {
    return new CatalogValidator(on);
  }

  public ValidationResult validate(Catalog catalog) {
    Run run = new Run(catalog);
    if (schemas) {
      run.problems.addAll(SchemaValidator.get().validate(catalog));
    }
    return run.run();
  }

  /** The state of one validation. */
  private static final class Run {
    private final Catalog catalog;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, PackageBlob> packages = new LinkedHashMap<>();
    private final Map<String, Map<String, ChannelBlob>> channels = new HashMap<>();
    private final Map<String, Map<String, BundleBlob>> bundles = new HashMap<>();
    private final Map<String, DeprecationsBlob> deprecations = new HashMap<>();
    private final Map<String, Version> versions = new HashMap<>();
    private final Similar similar = new Similar(Similar.DEFAULT_BUDGET);

    Run(Catalog catalog) {
      this.catalog = catalog;
    }

    private void add(String rule, Severity sev, Source src, String pkg, String ch, String bundle, String msg,
        String hint) {
      problems.add(new Problem(rule, sev, src, pkg, ch, bundle, msg, hint));
    }

    /** An error whose message lists names or embeds huge values: a human line shows it shortened. */
    private void error(String rule, Blob at, String pkg, String ch, String bundle, Message msg, String hint) {
      problems.add(new Problem(rule, Severity.ERROR, at == null ? Source.NONE : at.source(), pkg, ch, bundle,
          msg.full(), hint, msg.shown()));
    }

    private void warn(String rule, Blob at, String pkg, String ch, String bundle, Message msg, String hint) {
      problems.add(new Problem(rule, Severity.WARNING, at == null ? Source.NONE : at.source(), pkg, ch, bundle,
          msg.full(), hint, msg.shown()));
    }

    private void error(String rule, Blob at, String pkg, String ch, String bundle, String msg, String hint) {
      add(rule, Severity.ERROR, at == null ? Source.NONE : at.source(), pkg, ch, bundle, msg, hint);
    }

    private void warn(String rule, Blob at, String pkg, String ch, String bundle, String msg, String hint) {
      add(rule, Severity.WARNING, at == null ? Source.NONE : at.source(), pkg, ch, bundle, msg, hint);
    }

    ValidationResult run() {
      checkPackages();
      checkChannels();
      checkBundles();
      checkEntriesHaveBundles();
      checkDeprecations();
      checkOthers();
      for (PackageBlob p : packages.values()) {
        checkModel(p);
      }
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparing((Problem p) -> p.source().file())
          .thenComparingInt(p -> p.source().line()));
      return new ValidationResult(sorted);
    }

    // ---- phase A: structure (opm stops at the first of these; fbc reports them all) ----

    private void checkPackages() {
      for (PackageBlob p : catalog.packages()) {
        if (p.name().isEmpty()) {
          error("package.name-missing", p, "", "", "", "config contains package with no name",
              "give the olm.package blob a name");
          continue;
        }
        PackageBlob first = packages.get(p.name());
        if (first != null) {
          error("package.duplicate", p, p.name(), "", "", "duplicate package \"" + p.name() + "\"",
              "the package is also defined at " + first.source() + "; keep one olm.package blob");
          continue;
        }
        List<String> errs = Names.dns1123LabelErrors(p.name());
        if (!errs.isEmpty()) {
          error("package.name-invalid", p, p.name(), "", "",
              "invalid package name \"" + p.name() + "\": [" + String.join(" ", errs) + "]",
              "use lowercase letters, digits and '-' (e.g. " + suggestLabel(p.name()) + ")");
        }
        packages.put(p.name(), p);
        channels.put(p.name(), new LinkedHashMap<>());
        bundles.put(p.name(), new LinkedHashMap<>());
      }
    }

    private static String suggestLabel(String name) {
      String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
      return s.isEmpty() ? "my-operator" : s.length() > 63 ? s.substring(0, 63) : s;
    }

    private void checkChannels() {
      for (ChannelBlob c : catalog.channels()) {
        String pkg = c.packageName();
        Map<String, ChannelBlob> byName = channels.get(pkg);
        if (byName == null) {
          error("channel.package-unknown", c, pkg, c.name(), "",
              "unknown package \"" + pkg + "\" for channel \"" + c.name() + "\"",
              join(similar.didYouMean(pkg, packages.keySet()),
                  "a channel needs an olm.package blob named \"" + pkg + "\""));
          continue;
        }
        if (c.name().isEmpty()) {
          error("channel.name-missing", c, pkg, "", "", "package \"" + pkg + "\" contains channel with no name",
              "give the olm.channel blob a name");
          continue;
        }
        ChannelBlob first = byName.get(c.name());
        if (first != null) {
          error("channel.duplicate", c, pkg, c.name(), "",
              "package \"" + pkg + "\" has duplicate channel \"" + c.name() + "\"",
              "the channel is also defined at " + first.source() + "; merge their entries into one blob");
          continue;
        }
        byName.put(c.name(), c);
        Set<String> seen = new HashSet<>();
        for (ChannelEntry e : c.entries()) {
          if (!seen.add(e.name())) {
            error("channel.entry-duplicate", c, pkg, c.name(), e.name(), "invalid package \"" + pkg
                + "\", channel \"" + c.name() + "\": duplicate entry \"" + e.name() + "\"",
                "list each bundle once per channel");
          }
        }
      }
    }

    private void checkBundles() {
      for (BundleBlob b : catalog.bundles()) {
        String pkg = b.packageName();
        if (pkg.isEmpty()) {
          error("bundle.package-missing", b, "", "", b.name(), "package name must be set for bundle \""
              + b.name() + "\"", "add package: <name> to the olm.bundle blob");
          continue;
        }
        Map<String, BundleBlob> byName = bundles.get(pkg);
        if (byName == null) {
          error("bundle.package-unknown", b, pkg, "", b.name(),
              "unknown package \"" + pkg + "\" for bundle \"" + b.name() + "\"",
              join(similar.didYouMean(pkg, packages.keySet()),
                  "a bundle needs an olm.package blob named \"" + pkg + "\""));
          continue;
        }
        BundleBlob first = byName.get(b.name());
        if (first != null) {
          error("bundle.duplicate", b, pkg, "", b.name(),
              "package \"" + pkg + "\" has duplicate bundle \"" + b.name() + "\"",
              "the bundle is also defined at " + first.source() + "; keep one olm.bundle blob");
          continue;
        }
        byName.put(b.name(), b);
        checkBundleProperties(b, pkg);
        String err = Names.imageReferenceError(b.image());
        if (err != null) {
          warn("bundle.image-invalid", b, pkg, "", b.name(), "package \"" + pkg + "\" bundle \"" + b.name()
              + "\" image: invalid image pull spec \"" + b.image() + "\": " + err,
              "opm v1.64 and later reject this catalog; use a valid, lowercase image reference");
        }
        for (int i = 0; i < b.relatedImages().size(); i++) {
          String ri = b.relatedImages().get(i).image();
          String rerr = Names.imageReferenceError(ri);
          if (rerr != null) {
            warn("bundle.image-invalid", b, pkg, "", b.name(), "package \"" + pkg + "\" bundle \"" + b.name()
                + "\" relatedImages[" + i + "].image: invalid image pull spec \"" + ri + "\": " + rerr,
                "opm v1.64 and later reject this catalog; use a valid, lowercase image reference");
          }
        }
        if (!inSomeChannel(pkg, b.name())) {
          error("bundle.not-in-channel", b, pkg, "", b.name(), "package \"" + pkg + "\", bundle \"" + b.name()
              + "\" not found in any channel entries", entryHint(pkg, b.name()));
        }
      }
    }

    private Set<String> entryKeys;

    private boolean inSomeChannel(String pkg, String bundle) {
      if (entryKeys == null) {
        entryKeys = new HashSet<>();
        for (ChannelBlob c : catalog.channels()) {
          for (ChannelEntry e : c.entries()) {
            entryKeys.add(c.packageName() + "/" + e.name());
          }
        }
      }
      return entryKeys.contains(pkg + "/" + bundle);
    }

    /** Per package: the first channel and entry that replace or skip each name (built once, not per bundle). */
    private final Map<String, Map<String, String[]>> referrers = new HashMap<>();

    /** Per package: the head of its default channel, as {@code ", replaces: <head>"} or {@code ""}. */
    private final Map<String, String> defaultHeads = new HashMap<>();

    private String entryHint(String pkg, String bundle) {
      Map<String, ChannelBlob> cs = channels.getOrDefault(pkg, Map.of());
      // a channel whose entries still replace or skip the bundle is where its entry went missing
      String[] ref = referrers.computeIfAbsent(pkg, k -> {
        Map<String, String[]> m = new HashMap<>();
        for (ChannelBlob c : cs.values()) {
          for (ChannelEntry e : c.entries()) {
            m.putIfAbsent(e.replaces(), new String[] {c.name(), e.name()});
            for (String s : e.skips()) {
              m.putIfAbsent(s, new String[] {c.name(), e.name()});
            }
          }
        }
        return m;
      }).get(bundle);
      if (ref != null) {
        return "channel \"" + ref[0] + "\" still refers to it (\"" + ref[1] + "\" replaces or skips it):"
            + " add its entry back to that channel";
      }
      PackageBlob p = packages.get(pkg);
      String ch = p != null && !p.defaultChannel().isEmpty() ? p.defaultChannel() : "<channel>";
      String head = defaultHeads.computeIfAbsent(pkg, k -> {
        ChannelBlob c = cs.get(ch);
        return c == null ? "" : UpgradeGraph.of(c).head().map(h -> ", replaces: " + h).orElse("");
      });
      return "add an entry to a channel, e.g. to \"" + ch + "\": {name: " + bundle + head + "}, or delete the bundle";
    }

    private void checkBundleProperties(BundleBlob b, String pkg) {
      List<Property> pkgProps = new ArrayList<>();
      for (int i = 0; i < b.properties().size(); i++) {
        Property p = b.properties().get(i);
        String err = PropertyChecks.parseError(p, i);
        if (err != null) {
          error("bundle.property-invalid", b, pkg, "", b.name(), "parse properties for bundle \"" + b.name()
              + "\": " + err, "fix the value of property " + i + " (" + p.type() + "); quote versions in YAML");
          return;
        }
        if (Property.PACKAGE.equals(p.type())) {
          pkgProps.add(p);
        }
      }
      if (pkgProps.size() != 1) {
        error("bundle.package-property", b, pkg, "", b.name(), "package \"" + pkg + "\" bundle \"" + b.name()
            + "\" must have exactly 1 \"olm.package\" property, found " + pkgProps.size(),
            pkgProps.isEmpty() ? "add {type: olm.package, value: {packageName: " + pkg + ", version: <semver>}}"
                : "keep one olm.package property");
        return;
      }
      Property pp = pkgProps.get(0);
      String propPkg = PropertyChecks.stringField(pp.value(), "packageName");
      if (!propPkg.equals(pkg)) {
        error("bundle.package-mismatch", b, pkg, "", b.name(), "package \"" + pkg + "\" does not match "
            + "\"olm.package\" property \"" + propPkg + "\"",
            "the bundle's package field and its olm.package packageName must be the same");
        return;
      }
      String version = PropertyChecks.stringField(pp.value(), "version");
      try {
        versions.put(pkg + "/" + b.name(), Version.parse(version));
      } catch (Version.ParseException e) {
        error("bundle.version-invalid", b, pkg, "", b.name(), "error parsing bundle \"" + b.name()
            + "\" version \"" + version + "\": " + e.getMessage(),
            "versions are strict semver MAJOR.MINOR.PATCH, without a leading v (e.g. 1.2.0)");
        return;
      }
      String release = PropertyChecks.stringField(pp.value(), "release");
      if (!release.isEmpty()) {
        String normalized = pkg + "-v" + version + "-" + release;
        warn("bundle.release", b, pkg, "", b.name(), "bundle \"" + b.name() + "\" has release \"" + release
            + "\": opm before v1.62 ignores it" + (b.name().equals(normalized) ? ""
                : "; newer opm requires the name \"" + normalized + "\""),
            "releases need opm v1.62 or later on the cluster's catalog");
      }
    }

    private void checkEntriesHaveBundles() {
      for (Map.Entry<String, Map<String, ChannelBlob>> pe : channels.entrySet()) {
        String pkg = pe.getKey();
        Map<String, BundleBlob> pkgBundles = bundles.get(pkg);
        TreeMap<String, ChannelBlob> missing = new TreeMap<>();
        for (ChannelBlob c : pe.getValue().values()) {
          for (ChannelEntry e : c.entries()) {
            if (!pkgBundles.containsKey(e.name())) {
              missing.putIfAbsent(e.name(), c);
            }
          }
        }
        if (!missing.isEmpty()) {
          String first = missing.firstKey();
          error("channel.entry-without-bundle", missing.firstEntry().getValue(), pkg,
              missing.firstEntry().getValue().name(), first, new Message().text("no olm.bundle blobs found in "
                  + "package \"").value(pkg).text("\" for olm.channel entries [").names(missing.keySet(), " ")
                  .text("]"),
              join(similar.didYouMean(first, pkgBundles.keySet()),
                  "render the bundle into the catalog (fbc render <bundle-image>) or remove the entry"));
        }
      }
    }

    private void checkDeprecations() {
      List<DeprecationsBlob> all = catalog.deprecations();
      for (int i = 0; i < all.size(); i++) {
        DeprecationsBlob d = all.get(i);
        String pkg = d.packageName();
        if (pkg.isEmpty()) {
          error("deprecation.package-missing", d, "", "", "", "package name must be set for deprecation item "
              + i, "add package: <name> to the olm.deprecations blob");
          continue;
        }
        if (!packages.containsKey(pkg)) {
          error("deprecation.package-unknown", d, pkg, "", "", "cannot apply deprecations to an unknown package \""
              + pkg + "\"", similar.didYouMean(pkg, packages.keySet()));
          continue;
        }
        if (deprecations.containsKey(pkg)) {
          error("deprecation.duplicate", d, pkg, "", "", "expected a maximum of one deprecation per package: \""
              + pkg + "\"", "merge the entries into the olm.deprecations blob at "
              + deprecations.get(pkg).source());
          continue;
        }
        deprecations.put(pkg, d);
        Set<String> seen = new HashSet<>();
        List<DeprecationEntry> entries = d.entries();
        for (int k = 0; k < entries.size(); k++) {
          DeprecationEntry e = entries.get(k);
          String schema = e.reference().schema();
          String name = e.reference().name();
          String ref = "declcfg.PackageScopedReference{Schema:" + goQuote(schema) + ", Name:" + goQuote(name) + "}";
          if (schema.isEmpty()) {
            // opm prints its arguments swapped here: the package where the index belongs, and the index as a rune
            error("deprecation.schema-missing", d, pkg, "", "", "schema must be set for deprecation entry [" + pkg
                + "] for package " + goRune(k), "entry " + k + " needs reference.schema (olm.package, olm.channel"
                + " or olm.bundle)");
            continue;
          }
          if (!seen.add(schema + "\u0000" + name)) {
            error("deprecation.entry-duplicate", d, pkg, "", name, "duplicate deprecation entry " + ref
                + " for package \"" + pkg + "\"", "remove the repeated entry " + k);
            continue;
          }
          switch (schema) {
            case Blob.SCHEMA_BUNDLE -> {
              if (!bundles.get(pkg).containsKey(name)) {
                error("deprecation.bundle-unknown", d, pkg, "", name, "cannot deprecate bundle \"" + name
                    + "\" for package \"" + pkg + "\": bundle not found",
                    similar.didYouMean(name, bundles.get(pkg).keySet()));
              }
            }
            case Blob.SCHEMA_CHANNEL -> {
              if (!channels.get(pkg).containsKey(name)) {
                error("deprecation.channel-unknown", d, pkg, name, "", "cannot deprecate channel \"" + name
                    + "\" for package \"" + pkg + "\": channel not found",
                    similar.didYouMean(name, channels.get(pkg).keySet()));
              }
            }
            case Blob.SCHEMA_PACKAGE -> {
              if (!name.isEmpty()) {
                error("deprecation.package-named", d, pkg, "", "", "package name must be empty for deprecated "
                    + "package \"" + pkg + "\" (specified \"" + name + "\")",
                    "an olm.package reference deprecates the blob's own package: drop its name");
              }
            }
            default -> error("deprecation.schema-unknown", d, pkg, "", "", "cannot deprecate object " + ref
                + " referenced by entry " + k + " for package \"" + pkg + "\": object schema unknown",
                "reference.schema must be olm.package, olm.channel or olm.bundle");
          }
        }
      }
    }

    private void checkOthers() {
      for (UnknownBlob u : catalog.others()) {
        if (u.schema().startsWith("olm.") && !KNOWN_SCHEMAS.contains(u.schema())) {
          warn("schema.unknown-olm", u, u.packageName(), "", "", "unknown schema \"" + u.schema()
              + "\": the olm. prefix is OLM's, and opm keeps this blob as an opaque custom object",
              join(similar.didYouMean(u.schema(), KNOWN_SCHEMAS), "use your own prefix for custom schemas"));
        }
      }
    }

    // ---- phase B: the model (opm's error tree) ----

    private void checkModel(PackageBlob p) {
      String pkg = p.name();
      Map<String, ChannelBlob> pkgChannels = channels.get(pkg);
      if (p.defaultChannel().isEmpty()) {
        error("package.default-channel-missing", p, pkg, "", "", "default channel must be set",
            pkgChannels.isEmpty() ? "add channels and set defaultChannel"
                : "set defaultChannel to one of [" + SafeText.names(new TreeSet<>(pkgChannels.keySet()), ", ") + "]");
      }
      if (pkgChannels.isEmpty() && p.defaultChannel().isEmpty()) {
        error("package.no-channels", p, pkg, "", "", "package must contain at least one channel",
            "add an olm.channel blob with package: " + pkg);
      }
      if (!p.defaultChannel().isEmpty() && !pkgChannels.containsKey(p.defaultChannel())) {
        error("package.default-channel-unknown", p, pkg, p.defaultChannel(), "",
            "invalid channel \"" + p.defaultChannel() + "\": channel must contain at least one bundle",
            "defaultChannel names a channel no olm.channel blob declares" + prefixed(" ",
                similar.didYouMean(p.defaultChannel(), pkgChannels.keySet())));
      }
      for (ChannelBlob c : pkgChannels.values()) {
        checkChannel(pkg, c);
      }
      checkDuplicateVersions(p);
      DeprecationsBlob d = deprecations.get(pkg);
      if (d != null) {
        for (DeprecationEntry e : d.entries()) {
          if (e.message().isEmpty()) {
            error("deprecation.message-missing", d, pkg,
                e.reference().schema().equals(Blob.SCHEMA_CHANNEL) ? e.reference().name() : "",
                e.reference().schema().equals(Blob.SCHEMA_BUNDLE) ? e.reference().name() : "",
                "invalid deprecation: message must be set", "tell users what to do instead");
          }
        }
      }
    }

    private void checkChannel(String pkg, ChannelBlob c) {
      String ch = c.name();
      if (c.entries().isEmpty()) {
        error("channel.empty", c, pkg, ch, "", "channel must contain at least one bundle",
            "add entries or delete the channel");
        return;
      }
      UpgradeGraph g = UpgradeGraph.of(c);
      Map<String, BundleBlob> pkgBundles = bundles.get(pkg);
      if (g.heads().isEmpty()) {
        error("channel.no-head", c, pkg, ch, "", "no channel head found in graph", noHeadHint(g, pkg));
      } else if (g.heads().size() > 1) {
        error("channel.multiple-heads", c, pkg, ch, "", new Message().text("multiple channel heads found in graph: ")
            .names(g.heads(), ", "), multipleHeadsHint(g, pkg));
      } else if (!g.cycle().isEmpty()) {
        List<String> cycle = g.cycle();
        error("channel.cycle", c, pkg, ch, cycle.get(0), new Message()
            .text("detected cycle in replaces chain of upgrade graph: ").names(cycle, " -> "), "\""
            + cycle.get(cycle.size() - 2) + "\" replaces \""
            + cycle.get(cycle.size() - 1) + "\", which leads back to it: point that replaces at an older bundle");
      } else if (!g.stranded().isEmpty()) {
        error("channel.stranded", c, pkg, ch, g.stranded().get(0), new Message().text("channel contains one or more "
            + "stranded bundles: ").names(g.stranded(), ", "), "no upgrade from the head \"" + g.heads().get(0)
            + "\" by replaces reaches them and nothing skips them: add them to a replaces or skips, or remove them");
      }
      for (Map.Entry<String, List<String>> d : g.danglingReferences().entrySet()) {
        List<String> missing = d.getValue();
        String hint = "";
        for (String m : missing) {
          var close = similar.closest(m, g.entries().keySet());
          if (close.isPresent()) {
            hint = "\"" + m + "\" may be a typo of \"" + close.get() + "\"";
            break;
          }
        }
        warn("channel.dangling-reference", c, pkg, ch, d.getKey(), new Message().text("entry \"").value(d.getKey())
            .text("\" replaces or skips ").names(missing, ", ", "\"").text(", not in channel \"").value(ch)
            .text("\""),
            hint.isEmpty() ? "fine if those bundles were removed on purpose (opm allows it)" : hint);
      }
      for (ChannelEntry e : c.entries()) {
        for (int i = 0; i < e.skips().size(); i++) {
          if (e.skips().get(i).isEmpty()) {
            error("bundle.skip-empty", c, pkg, ch, e.name(), invalidBundle(e.name()) + "skip[" + i + "] is empty",
                "remove the empty item from the skips of \"" + e.name() + "\"");
          }
        }
        if (!e.skipRange().isEmpty()) {
          try {
            Range.parse(e.skipRange());
          } catch (Range.ParseException ex) {
            String fixed = e.skipRange().replaceAll("(^|[\\s<>=!|])[vV](?=\\d)", "$1");
            boolean vPrefix = !fixed.equals(e.skipRange()) && isRange(fixed);
            warn("bundle.skiprange-invalid", c, pkg, ch, e.name(), new Message().text("invalid skipRange \"")
                .value(e.skipRange()).text("\": ").value(ex.getMessage()), "opm v1.69 and later reject it; "
                + (vPrefix ? "drop the v: \"" + SafeText.value(fixed) + "\"" : "use a range like \">=1.0.0 <1.2.0\""));
          }
        }
        BundleBlob b = pkgBundles.get(e.name());
        if (b != null && b.image().isEmpty() && b.properties().stream()
            .noneMatch(p -> Property.BUNDLE_OBJECT.equals(p.type()))) {
          error("bundle.image-missing", b, pkg, ch, b.name(), invalidBundle(b.name()) + "bundle image must be set",
              "set image to the bundle's pull spec (fbc render --image-ref-template sets it for directories)");
        }
      }
    }

    /** opm's error tree puts bundle-level problems under this line; fbc keeps it in the one line it prints. */
    private static String invalidBundle(String bundle) {
      return "invalid bundle " + goQuote(bundle) + ": ";
    }

    private static boolean isRange(String s) {
      try {
        Range.parse(s);
        return true;
      } catch (Range.ParseException e) {
        return false;
      }
    }

    private String noHeadHint(UpgradeGraph g, String pkg) {
      // the newest entry should be the head: say what points at it
      String newest = newest(g, pkg);
      if (newest == null) {
        return "every entry is replaced or skipped by another entry";
      }
      return "every entry is replaced or skipped by another; the newest, \"" + newest + "\", is replaced or "
          + "skipped by " + SafeText.names(g.predecessorsOf(newest), ", ", "\"") + ": remove that edge";
    }

    private String newest(UpgradeGraph g, String pkg) {
      String best = null;
      Version bestV = null;
      for (String n : g.entries().keySet()) {
        Version v = versions.get(pkg + "/" + n);
        if (v != null && (bestV == null || v.compareTo(bestV) > 0)) {
          best = n;
          bestV = v;
        }
      }
      return best;
    }

    private String multipleHeadsHint(UpgradeGraph g, String pkg) {
      List<String> heads = new ArrayList<>(g.heads());
      StringBuilder sb = new StringBuilder("nothing replaces or skips ");
      sb.append(SafeText.names(heads, " or ", "\""));
      Map<String, BundleBlob> pkgBundles = bundles.getOrDefault(pkg, Map.of());
      int searched = 0;
      for (Map.Entry<String, List<String>> d : g.danglingReferences().entrySet()) {
        if (++searched > MAX_HINT_SEARCH) {
          break; // a hint, not a verdict: the first references tell enough
        }
        for (String m : d.getValue()) {
          if (pkgBundles.containsKey(m)) {
            return sb + "; entry \"" + d.getKey() + "\" refers to \"" + m + "\", a bundle with no entry in this "
                + "channel: add its entry back";
          }
          List<String> others = heads.stream().filter(h -> !h.equals(d.getKey())).toList();
          var close = similar.closest(m, others);
          if (close.isPresent()) {
            return sb + "; entry \"" + d.getKey() + "\" refers to \"" + m + "\", probably meant \"" + close.get()
                + "\"";
          }
        }
      }
      for (String h : heads) {
        ChannelEntry e = g.entries().get(h);
        if (!e.skipRange().isEmpty() && e.replaces().isEmpty() && e.skips().isEmpty()) {
          heads.remove(h);
          return sb + "; \"" + h + "\" has only a skipRange, which is no edge when finding the head: add "
              + "replaces: " + heads.get(heads.size() - 1) + " to it";
        }
      }
      heads.sort(Comparator.comparing((String h) -> versions.get(pkg + "/" + h),
          Comparator.nullsFirst(Comparator.naturalOrder())));
      String top = heads.get(heads.size() - 1);
      return sb + "; probably \"" + top + "\" should replace (or skip) \"" + heads.get(heads.size() - 2) + "\"";
    }

    private void checkDuplicateVersions(PackageBlob p) {
      String pkg = p.name();
      Map<String, BundleBlob> pkgBundles = bundles.get(pkg);
      TreeMap<String, List<String>> byVersion = new TreeMap<>();
      for (BundleBlob b : pkgBundles.values()) {
        Version v = versions.get(pkg + "/" + b.name());
        if (v != null && inSomeChannel(pkg, b.name())) {
          byVersion.computeIfAbsent(v.toString(), k -> new ArrayList<>()).add(b.name());
        }
      }
      List<String> dups = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : byVersion.entrySet()) {
        if (e.getValue().size() > 1) {
          List<String> names = new ArrayList<>(e.getValue());
          names.sort(null);
          dups.add("{" + e.getKey() + ": [" + String.join(", ", names) + "]}");
        }
      }
      if (!dups.isEmpty()) {
        error("package.duplicate-versions", p, pkg, "", "", new Message().text("duplicate versions found in bundles: [")
            .names(dups, " ").text("]"), "each bundle of a package needs its own version");
      }
    }

    private static String join(String a, String b) {
      if (a.isEmpty()) {
        return b;
      }
      return b.isEmpty() ? a : a + "; " + b;
    }

    private static String prefixed(String prefix, String s) {
      return s.isEmpty() ? "" : prefix + "(" + s + ")";
    }

    private static String goQuote(String s) {
      return dev.fbc.internal.json.GoJson.quote(s);
    }

    /** Go's %q of an integer: a quoted rune ('\x00' for 0). */
    private static String goRune(int i) {
      if (i >= 0x20 && i < 0x7F && i != '\'' && i != '\\') {
        return "'" + (char) i + "'";
      }
      if (i < 0x100) {
        return String.format("'\\x%02x'", i);
      }
      return String.format("'\\u%04x'", i);
    }
  }
}
