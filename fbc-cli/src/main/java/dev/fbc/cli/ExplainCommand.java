package dev.fbc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fbc.explain.Explain;
import dev.fbc.semantic.CatalogModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fbc explain <catalog> PACKAGE --from X}: what OLM does for a cluster with bundle X installed. Exits 0 when
 * the goal is reached, 3 when OLM gets stuck (the reason is in the output).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explain how OLM upgrades an installed bundle: candidates, the one picked, the path and blockers")
public final class ExplainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<catalog-dir|image>", description = "Catalog directory or image")
  String ref;

  @Parameters(index = "1", paramLabel = "PACKAGE", description = "Package name")
  String packageName;

  @Option(names = "--from", required = true, paramLabel = "VERSION|BUNDLE", description = "The installed bundle")
  String from;

  @Option(names = "--to", paramLabel = "VERSION|BUNDLE", description = "Stop here instead of the channel head")
  String to;

  @Option(names = "--channel", paramLabel = "CHANNEL", description = "Subscribed channel (default: the "
      + "package's default channel)")
  String channel;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
      description = "text (default) or json")
  String output;

  @Mixin
  RegistryFlags registry;

  @Spec
  CommandSpec spec;

  /** What {@code -o} chooses. */
  enum Output { TEXT, JSON }

  @Override
  public Integer call() throws IOException {
    boolean asJson = Choice.of(Output.class, "--output", output) == Output.JSON;
    CatalogModel model = CatalogModel.of(CatalogArgument.load(ref, registry));
    Explain.Explanation e = Explain.explain(model, packageName, from, Optional.ofNullable(channel),
        Optional.ofNullable(to));
    String text = asJson ? json(e) : text(e);
    try (OutputStream out = CatalogArgument.stdout(spec)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return e.reachesGoal() ? 0 : 3;
  }

  static String text(Explain.Explanation e) {
    StringBuilder sb = new StringBuilder();
    sb.append("package ").append(e.packageName()).append(", channel ").append(e.channel()).append(", installed ")
        .append(e.from()).append(e.fromDeprecated() ? " (deprecated)" : "").append('\n');
    if (e.candidates().isEmpty()) {
      sb.append("candidates: none\n");
    } else {
      sb.append("candidates (OLM's preference order):\n");
      for (Explain.Candidate c : e.candidates()) {
        sb.append("  ").append(c.bundle()).append(" via ").append(String.join(", ", c.via()))
            .append(c.offered() ? "" : " (not offered: skipped or off the chain from the head)")
            .append(c.deprecated() ? " (deprecated)" : "").append('\n');
      }
    }
    sb.append("picked: ").append(e.picked().orElse("none")).append(" (").append(e.why()).append(")\n");
    sb.append("path to ").append(e.goal().isEmpty() ? "the head" : e.goal()).append(":\n");
    if (e.path().isEmpty()) {
      sb.append("  (no upgrade)\n");
    }
    for (Explain.Step s : e.path()) {
      sb.append("  ").append(s.from()).append(" -> ").append(s.to()).append(" (").append(String.join(", ", s.via()))
          .append(')').append(s.deprecated() ? " deprecated" : "").append('\n');
    }
    e.blocker().ifPresentOrElse(b -> sb.append("blocked: ").append(b.reason().name().toLowerCase().replace('_', ' '))
        .append(": ").append(b.detail()).append("\nhint: ").append(b.hint()).append('\n'),
        () -> sb.append("result: ").append(e.path().isEmpty() ? e.from() + " is already at the goal"
            : "reaches " + e.path().get(e.path().size() - 1).to() + " in " + e.path().size() + " upgrade(s)")
            .append('\n'));
    return sb.toString();
  }

  static String json(Explain.Explanation e) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("package", e.packageName());
    m.put("channel", e.channel());
    m.put("from", e.from());
    m.put("fromDeprecated", e.fromDeprecated());
    m.put("goal", e.goal());
    m.put("candidates", e.candidates().stream().map(c -> Map.of("bundle", c.bundle(), "via", c.via(),
        "offered", c.offered(), "deprecated", c.deprecated())).toList());
    m.put("picked", e.picked().orElse(null));
    m.put("why", e.why());
    m.put("path", e.path().stream().map(s -> Map.of("from", s.from(), "to", s.to(), "via", s.via(),
        "deprecated", s.deprecated())).toList());
    m.put("reachesGoal", e.reachesGoal());
    m.put("blocker", e.blocker().map(b -> Map.of("reason", b.reason().name(), "detail", b.detail(),
        "hint", b.hint())).orElse(null));
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValueAsString(List.of(m).get(0)) + "\n";
  }
}
