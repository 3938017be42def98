package dev.fbc.ops;

import dev.fbc.internal.io.AtomicFiles;
import dev.fbc.internal.io.CatalogLoader;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.PackageBlob;
import dev.fbc.base.Source;
import dev.fbc.internal.io.CatalogSaver;
import dev.fbc.validate.CatalogValidator;
import dev.fbc.validate.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Edits a catalog directory in place: adds a bundle with its channel entry (and the package and channel when
 * missing), adds a channel, sets a default channel. An edit that would make the catalog invalid (an error it did
 * not have before) is refused with the reasons, and nothing is written. Only the files holding changed blobs are
 * rewritten, each atomically and losslessly, keeping the other blobs of the file in their order.
 *
 * <pre>{@code
 * CatalogEditor.open(Path.of("catalog")).addBundle(bundle, "stable", EntryOptions.defaults()).save();
 * }</pre>
 *
 * <p>Not thread-safe: an editor holds the edits so far; use one per thread (and one per catalog directory).
 */
public final class CatalogEditor {
  private final Path dir;
  private final Catalog original;
  private final List<Blob> blobs;
  private final Set<Blob> changed = new HashSet<>();

  private CatalogEditor(Path dir, Catalog catalog) {
    this.dir = dir;
    this.original = catalog;
    this.blobs = new ArrayList<>(catalog.blobs());
  }

  public static CatalogEditor open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CatalogEditor(dir, new CatalogLoader(LoadOptions.defaults()).load(List.of(dir)));
  }

  /** The catalog with the edits so far. */
  public Catalog catalog() {
    return new Catalog(blobs);
  }

  private <T extends Blob> T find(Class<T> type, String pkg, String name) {
    for (Blob b : blobs) {
      if (type.isInstance(b) && b.packageName().equals(pkg)) {
        String n = b instanceof ChannelBlob c ? c.name() : b instanceof BundleBlob bb ? bb.name() : pkg;
        if (n.equals(name)) {
          return type.cast(b);
        }
      }
    }
    return null;
  }

  private void replace(Blob old, Blob now) {
    blobs.set(blobs.indexOf(old), now);
    changed.remove(old);
    changed.add(now);
  }

  private void add(Blob b) {
    blobs.add(b);
    changed.add(b);
  }

  /**
   * How {@link #addBundle} links the new channel entry: what it replaces, its skipRange and skips.
   *
   * @param replaces the entry replaced
   * @param skipRange the entry's skipRange, {@code ""} for none
   * @param skips the bundles the entry skips
   */
  public record EntryOptions(Replaces replaces, String skipRange, List<String> skips) {
    public EntryOptions {
      replaces = replaces == null ? Replaces.auto() : replaces;
      skipRange = skipRange == null ? "" : skipRange;
      skips = skips == null ? List.of() : List.copyOf(skips);
    }

    /** Replaces the channel's head, no skipRange, no skips. */
    public static EntryOptions defaults() {
      return new EntryOptions(Replaces.auto(), "", List.of());
    }

    public EntryOptions withReplaces(Replaces r) {
      return new EntryOptions(r, skipRange, skips);
    }

    public EntryOptions withSkipRange(String range) {
      return new EntryOptions(replaces, range, skips);
    }

    public EntryOptions withSkips(List<String> names) {
      return new EntryOptions(replaces, skipRange, names);
    }
  }

  /** Adds {@code bundle} to {@code channel} of its package, replacing the channel's head. */
  public CatalogEditor addBundle(BundleBlob bundle, String channel) {
    return addBundle(bundle, channel, EntryOptions.defaults());
  }

  /** Adds {@code bundle} to {@code channel} of its package, its entry linked as {@code options} say. */
  public CatalogEditor addBundle(BundleBlob bundle, String channel, EntryOptions options) {
    String pkg = bundle.packageName();
    if (pkg.isEmpty()) {
      throw new FbcException("bundle \"" + bundle.name() + "\" names no package (metadata/annotations.yaml)");
    }
    if (find(BundleBlob.class, pkg, bundle.name()) != null) {
      throw new FbcException("bundle \"" + bundle.name() + "\" is already in package \"" + pkg + "\" ("
          + find(BundleBlob.class, pkg, bundle.name()).source() + ")");
    }
    if (find(PackageBlob.class, pkg, pkg) == null) {
      add(PackageBlob.of(pkg, channel));
    }
    ChannelBlob ch = find(ChannelBlob.class, pkg, channel);
    String edge = switch (options.replaces().kind()) {
      case AUTO -> ch == null ? "" : UpgradeGraph.of(ch).head().orElseThrow(() -> new FbcException(
          "channel \"" + channel + "\" has no single head to replace (" + UpgradeGraph.of(ch).heads()
              + "); name the bundle to replace", FbcException.Remedy.NAME_REPLACED_BUNDLE));
      case NONE -> "";
      case BUNDLE -> options.replaces().bundle();
    };
    ChannelEntry entry = ChannelEntry.of(bundle.name()).withReplaces(edge).withSkips(options.skips())
        .withSkipRange(options.skipRange());
    if (ch == null) {
      add(ChannelBlob.inPackage(pkg, channel, List.of(entry)));
    } else {
      List<ChannelEntry> entries = new ArrayList<>(ch.entries());
      entries.add(entry);
      replace(ch, ch.withEntries(entries));
    }
    add(bundle.withSource(Source.NONE));
    return this;
  }

  /** Adds a channel whose entries form a replaces chain in the given order (each replaces the one before). */
  public CatalogEditor addChannel(String pkg, String channel, List<String> bundles) {
    if (find(ChannelBlob.class, pkg, channel) != null) {
      throw new FbcException("package \"" + pkg + "\" already has channel \"" + channel + "\"");
    }
    if (find(PackageBlob.class, pkg, pkg) == null) {
      throw new FbcException("unknown package \"" + pkg + "\"; add a bundle of it first",
          FbcException.Remedy.ADD_PACKAGE_FIRST);
    }
    List<ChannelEntry> entries = new ArrayList<>();
    String previous = "";
    for (String b : bundles) {
      entries.add(ChannelEntry.of(b).withReplaces(previous));
      previous = b;
    }
    add(ChannelBlob.inPackage(pkg, channel, entries));
    return this;
  }

  public CatalogEditor setDefaultChannel(String pkg, String channel) {
    PackageBlob p = find(PackageBlob.class, pkg, pkg);
    if (p == null) {
      throw new FbcException("unknown package \"" + pkg + "\"");
    }
    if (find(ChannelBlob.class, pkg, channel) == null) {
      throw new FbcException("package \"" + pkg + "\" has no channel \"" + channel + "\"");
    }
    replace(p, p.withDefaultChannel(channel));
    return this;
  }

  /** The errors the edits would introduce; empty when the edited catalog is as valid as before. */
  public List<Problem> introducedErrors() {
    CatalogValidator v = new CatalogValidator();
    Set<String> before = v.validate(original).errors().stream().map(p -> p.rule() + "\u0000" + p.message())
        .collect(Collectors.toSet());
    List<Problem> out = new ArrayList<>();
    for (Problem p : v.validate(catalog()).errors()) {
      if (!before.contains(p.rule() + "\u0000" + p.message())) {
        out.add(p);
      }
    }
    return out;
  }

  /** Removes a bundle and its entries in every channel of its package (entries that replaced it lose the edge). */
  public CatalogEditor removeBundle(String pkg, String name) {
    BundleBlob bundle = find(BundleBlob.class, pkg, name);
    if (bundle == null) {
      throw new FbcException("package \"" + pkg + "\" has no bundle \"" + name + "\"");
    }
    blobs.remove(bundle);
    changed.remove(bundle);
    for (Blob b : List.copyOf(blobs)) {
      if (b instanceof ChannelBlob ch && ch.packageName().equals(pkg)
          && ch.entries().stream().anyMatch(e -> e.name().equals(name))) {
        replace(ch, ch.withEntries(ch.entries().stream().filter(e -> !e.name().equals(name)).toList()));
      }
    }
    return this;
  }

  /**
   * Writes the edits into the catalog's files, unless they introduce errors. Only what changed is written:
   * untouched blobs keep their bytes, a small change (a default channel, a channel entry) changes only its lines,
   * and new blobs go next to their package's blobs. All files are written or none.
   *
   * @return the files written (or deleted, when their last blob was removed)
   * @throws FbcException listing the errors, one per line; then nothing is written
   */
  public List<Path> save() {
    List<Problem> errors = introducedErrors();
    if (!errors.isEmpty()) {
      throw new FbcException("refusing the edit, it would make the catalog invalid:\n" + errors.stream()
          .map(ValidationReport::line).collect(Collectors.joining("\n")));
    }
    List<CatalogSaver.FileChange> plan = new CatalogSaver(dir, LoadOptions.defaults()).plan(original, catalog());
    try {
      AtomicFiles.writeAll(plan.stream()
          .map(c -> new AtomicFiles.Change(c.path(), c.bytes(), c.before())).toList());
    } catch (IOException e) {
      throw new FbcException("cannot write the catalog: " + e.getMessage() + "; no file was changed", e);
    }
    return plan.stream().map(CatalogSaver.FileChange::path).toList();
  }
}
