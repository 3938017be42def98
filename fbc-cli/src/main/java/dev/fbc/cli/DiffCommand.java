package dev.fbc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fbc.diff.CatalogDiff;
import dev.fbc.semantic.CatalogModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fbc diff <old> <new>}: the semantic difference of two catalogs, for review. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Show what changed between two catalogs: packages, channels, bundles, heads and upgrade edges")
public final class DiffCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<old>", description = "Old catalog directory or image")
  String oldRef;

  @Parameters(index = "1", paramLabel = "<new>", description = "New catalog directory or image")
  String newRef;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json|markdown", defaultValue = "text",
      description = "text (default), json, or markdown for a pull-request comment")
  String output;

  @Option(names = "--exit-code", description = "Exit 1 when the catalogs differ")
  boolean exitCode;

  @Option(names = {"-p", "--package"}, paramLabel = "PACKAGE", description = "Compare only this package")
  String pkg;

  @Mixin
  RegistryFlags registry;

  @Spec
  CommandSpec spec;

  /** What {@code -o} chooses. */
  enum Output { TEXT, JSON, MARKDOWN }

  @Override
  public Integer call() throws IOException {
    Output format = Choice.of(Output.class, "--output", output);
    CatalogModel a = CatalogModel.of(CatalogArgument.load(oldRef, registry));
    CatalogModel b = CatalogModel.of(CatalogArgument.load(newRef, registry));
    CatalogDiff.Result r = CatalogDiff.diff(a, b, Optional.ofNullable(pkg));
    String text = switch (format) {
      case JSON -> json(r);
      case MARKDOWN -> markdown(r);
      case TEXT -> text(r);
    };
    try (OutputStream out = CatalogArgument.stdout(spec)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return exitCode && !r.isEmpty() ? 1 : 0;
  }

  static String line(CatalogDiff.Change c) {
    StringBuilder sb = new StringBuilder(c.kind().name().toLowerCase().replace('_', ' ')).append(": ")
        .append(c.pkg());
    if (!c.channel().isEmpty()) {
      sb.append(" channel ").append(c.channel());
    }
    if (!c.bundle().isEmpty()) {
      sb.append(" bundle ").append(c.bundle());
    }
    if (!c.before().isEmpty() || !c.after().isEmpty()) {
      sb.append(" (").append(c.before().isEmpty() ? "-" : c.before()).append(" => ")
          .append(c.after().isEmpty() ? "-" : c.after()).append(')');
    }
    return sb.toString();
  }

  static String edge(CatalogDiff.EdgeChange e) {
    return (e.added() ? "+ " : "- ") + e.pkg() + "/" + e.channel() + ": " + e.from() + " -> " + e.to() + " ("
        + e.via().field() + ")";
  }

  static String text(CatalogDiff.Result r) {
    if (r.isEmpty()) {
      return "no differences\n";
    }
    StringBuilder sb = new StringBuilder();
    r.changes().forEach(c -> sb.append(line(c)).append('\n'));
    if (!r.edges().isEmpty()) {
      sb.append("upgrade edges:\n");
      r.edges().forEach(e -> sb.append("  ").append(edge(e)).append('\n'));
    }
    return sb.toString();
  }

  static String markdown(CatalogDiff.Result r) {
    StringBuilder sb = new StringBuilder("### Catalog diff\n\n");
    if (r.isEmpty()) {
      return sb.append("No differences.\n").toString();
    }
    sb.append("| change | package | channel | bundle | before | after |\n| --- | --- | --- | --- | --- | --- |\n");
    for (CatalogDiff.Change c : r.changes()) {
      sb.append("| ").append(c.kind().name().toLowerCase().replace('_', ' ')).append(" | ").append(cell(c.pkg()))
          .append(" | ").append(cell(c.channel())).append(" | ").append(cell(c.bundle())).append(" | ")
          .append(cell(c.before())).append(" | ").append(cell(c.after())).append(" |\n");
    }
    if (!r.edges().isEmpty()) {
      sb.append("\n<details><summary>Upgrade edges: ").append(r.edges().stream().filter(CatalogDiff.EdgeChange::added)
          .count()).append(" gained, ").append(r.edges().stream().filter(e -> !e.added()).count())
          .append(" lost</summary>\n\n```diff\n");
      r.edges().forEach(e -> sb.append(edge(e)).append('\n'));
      sb.append("```\n</details>\n");
    }
    return sb.toString();
  }

  /** A table cell: pipes escaped so a value cannot break the table. */
  private static String cell(String s) {
    return s.isEmpty() ? "" : "`" + s.replace("|", "\\|").replace("`", "'") + "`";
  }

  static String json(CatalogDiff.Result r) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("changes", r.changes().stream().map(c -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("kind", c.kind().name());
      o.put("package", c.pkg());
      o.put("channel", c.channel());
      o.put("bundle", c.bundle());
      o.put("before", c.before());
      o.put("after", c.after());
      return o;
    }).toList());
    m.put("edges", r.edges().stream().map(e -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("package", e.pkg());
      o.put("channel", e.channel());
      o.put("from", e.from());
      o.put("to", e.to());
      o.put("via", e.via().field());
      o.put("added", e.added());
      return o;
    }).toList());
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
  }
}
