package dev.fbc.ops;

import dev.fbc.base.Problem;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.base.Source;
import dev.fbc.validate.CatalogValidator;
import dev.fbc.validate.ValidationResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges catalogs into one: blobs that are the same merge silently, and a blob that another catalog defines
 * differently (a package with another default channel, a bundle with another image, a channel with other
 * entries) is a conflict, reported with both places, or resolved by preference. With {@code unionChannels},
 * same-named channels get the union of their entries. The result is validated; problems the merge introduced
 * (present in no input) are reported.
 *
 * <pre>{@code
 * CatalogMerger.Result r = CatalogMerger.builder().onConflict(OnConflict.PREFER_LAST).build().merge(List.of(a, b));
 * }</pre>
 */
public final class CatalogMerger {
  public enum OnConflict { ERROR, PREFER_FIRST, PREFER_LAST }

  /** The merged catalog, the conflicts (errors unless resolved), and validation problems the merge introduced. */
  public record Result(Catalog catalog, List<Problem> conflicts, List<Problem> introduced) {
    public boolean ok() {
      return conflicts.stream().noneMatch(Problem::isError) && introduced.stream().noneMatch(Problem::isError);
    }
  }

  private final OnConflict onConflict;
  private final boolean unionChannels;

  private CatalogMerger(Builder b) {
    this.onConflict = b.onConflict;
    this.unionChannels = b.unionChannels;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Result merge(List<Catalog> catalogs) {
    Map<String, Blob> byKey = new LinkedHashMap<>();
    List<Problem> conflicts = new ArrayList<>();
    for (Catalog c : catalogs) {
      for (Blob b : c.blobs()) {
        String key = key(b);
        Blob old = byKey.get(key);
        if (old == null) {
          byKey.put(key, b);
          continue;
        }
        if (old.withSource(Source.NONE).equals(b.withSource(Source.NONE))) {
          continue; // the same blob twice
        }
        if (unionChannels && old instanceof ChannelBlob oc && b instanceof ChannelBlob nc) {
          Blob merged = unionEntries(oc, nc, conflicts);
          byKey.put(key, merged);
          continue;
        }
        String what = describe(old, b);
        Problem.Severity sev = onConflict == OnConflict.ERROR ? Problem.Severity.ERROR : Problem.Severity.WARNING;
        String resolution = switch (onConflict) {
          case ERROR -> b instanceof ChannelBlob
              ? "keep one definition, let the first or the last one win, or merge the entries of same-named channels"
              : "keep one definition, or let the first or the last one win";
          case PREFER_FIRST -> "kept the one at " + old.source();
          case PREFER_LAST -> "kept the one at " + b.source();
        };
        conflicts.add(new Problem("merge.conflict", sev, b.source(), b.packageName(),
            b instanceof ChannelBlob ch ? ch.name() : "", b instanceof BundleBlob bb ? bb.name() : "",
            what + " differently at " + old.source() + " and " + b.source(), resolution));
        if (onConflict == OnConflict.PREFER_LAST) {
          byKey.put(key, b);
        }
      }
    }
    Catalog merged = new Catalog(new ArrayList<>(byKey.values()));
    return new Result(merged, conflicts, introducedProblems(catalogs, merged));
  }

  /** Validation errors of the merged catalog that no input had (compared by rule, place and message). */
  private static List<Problem> introducedProblems(List<Catalog> inputs, Catalog merged) {
    CatalogValidator v = new CatalogValidator();
    Set<String> before = new HashSet<>();
    for (Catalog c : inputs) {
      for (Problem p : v.validate(c).problems()) {
        before.add(p.rule() + "\u0000" + p.message());
      }
    }
    ValidationResult after = v.validate(merged);
    List<Problem> out = new ArrayList<>();
    for (Problem p : after.problems()) {
      if (p.isError() && !before.contains(p.rule() + "\u0000" + p.message())) {
        out.add(p.withMessage("after merging: " + p.message(), "after merging: " + p.shortMessage())
            .withHint(join(p.hint(), "each input alone did not have this problem; it comes from combining their "
                + "blobs")));
      }
    }
    return out;
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }

  private Blob unionEntries(ChannelBlob a, ChannelBlob b, List<Problem> conflicts) {
    Map<String, ChannelEntry> entries = new LinkedHashMap<>();
    for (ChannelEntry e : a.entries()) {
      entries.putIfAbsent(e.name(), e);
    }
    for (ChannelEntry e : b.entries()) {
      ChannelEntry old = entries.get(e.name());
      if (old == null) {
        entries.put(e.name(), e);
      } else if (!old.equals(e)) {
        Problem.Severity sev = onConflict == OnConflict.ERROR ? Problem.Severity.ERROR : Problem.Severity.WARNING;
        conflicts.add(new Problem("merge.conflict", sev, b.source(), b.packageName(), b.name(), e.name(),
            "channel \"" + b.name() + "\" entry \"" + e.name() + "\" has other upgrade edges at " + a.source()
                + " and " + b.source(), onConflict == OnConflict.ERROR ? "make the entries agree"
                : "kept the one at " + (onConflict == OnConflict.PREFER_LAST ? b.source() : a.source())));
        if (onConflict == OnConflict.PREFER_LAST) {
          entries.put(e.name(), e);
        }
      }
    }
    return a.withEntries(new ArrayList<>(entries.values()));
  }

  private static String key(Blob b) {
    if (b instanceof PackageBlob p) {
      return "p\u0000" + p.name();
    }
    if (b instanceof ChannelBlob c) {
      return "c\u0000" + c.packageName() + "\u0000" + c.name();
    }
    if (b instanceof BundleBlob bb) {
      return "b\u0000" + bb.packageName() + "\u0000" + bb.name();
    }
    if (b instanceof DeprecationsBlob d) {
      return "d\u0000" + d.packageName();
    }
    dev.fbc.model.UnknownBlob u = (dev.fbc.model.UnknownBlob) b;
    return "o\u0000" + u.schema() + "\u0000" + u.packageName() + "\u0000" + u.name() + "\u0000"
        + (u.name().isEmpty() ? u.content().toString() : "");
  }

  private static String describe(Blob old, Blob b) {
    if (b instanceof PackageBlob p && old instanceof PackageBlob o) {
      String diff = !o.defaultChannel().equals(p.defaultChannel())
          ? " (defaultChannel \"" + o.defaultChannel() + "\" vs \"" + p.defaultChannel() + "\")" : "";
      return "package \"" + p.name() + "\" is defined" + diff;
    }
    if (b instanceof BundleBlob bb && old instanceof BundleBlob o) {
      String diff = !o.image().equals(bb.image()) ? " (image " + o.image() + " vs " + bb.image() + ")" : "";
      return "bundle \"" + bb.name() + "\" of package \"" + bb.packageName() + "\" is defined" + diff;
    }
    if (b instanceof ChannelBlob c) {
      return "channel \"" + c.name() + "\" of package \"" + c.packageName() + "\" is defined (other entries)";
    }
    if (b instanceof DeprecationsBlob d) {
      return "the deprecations of package \"" + d.packageName() + "\" are defined";
    }
    return "blob " + b.schema() + " \"" + ((dev.fbc.model.UnknownBlob) b).name() + "\" is defined";
  }

  public static final class Builder {
    private OnConflict onConflict = OnConflict.ERROR;
    private boolean unionChannels;

    private Builder() {}

    public Builder onConflict(OnConflict o) {
      this.onConflict = o;
      return this;
    }

    public Builder unionChannels(boolean u) {
      this.unionChannels = u;
      return this;
    }

    public CatalogMerger build() {
      return new CatalogMerger(this);
    }
  }
}
