package dev.fbc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Build step (run by fbc-cli's pom at package time): one troff man page per command, {@code fbc-validate.1} etc.,
 * into the directory given as the argument. picocli-codegen's ManPageGenerator writes AsciiDoc, which needs
 * asciidoctor to become a man page; these pages wrap fbc's own help text instead, so they say exactly what
 * {@code fbc help <command>} says.
 */
final class ManPages {
  private ManPages() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args[0]));
    write(dir, FbcCommand.commandLine(), "fbc");
  }

  private static void write(Path dir, CommandLine cl, String name) throws IOException {
    StringWriter help = new StringWriter();
    cl.usage(new PrintWriter(help), CommandLine.Help.Ansi.OFF);
    String title = cl.getCommandSpec().qualifiedName(" ");
    String[] description = cl.getCommandSpec().usageMessage().description();
    StringBuilder page = new StringBuilder();
    page.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"fbc ")
        .append(BuildInfo.current().version()).append("\" \"fbc manual\"\n");
    page.append(".SH NAME\n").append(escape(name)).append(" \\- ")
        .append(escape(description.length == 0 ? title : description[0])).append('\n');
    page.append(".SH SYNOPSIS\n.nf\n");
    for (String line : help.toString().split("\n", -1)) {
      page.append(escape(line)).append('\n');
    }
    page.append(".fi\n");
    if (!cl.getSubcommands().isEmpty()) {
      page.append(".SH SEE ALSO\n");
      page.append(String.join(", ", cl.getSubcommands().values().stream().filter(s -> !s.getCommandSpec()
          .usageMessage().hidden()).map(s -> name + "-" + s.getCommandName() + "(1)").distinct().toList()))
          .append('\n');
    }
    Files.writeString(dir.resolve(name + ".1"), page.toString(), StandardCharsets.UTF_8);
    for (var e : cl.getSubcommands().entrySet()) {
      // aliases point at the same command: one page, under its own name
      if (e.getKey().equals(e.getValue().getCommandName())) {
        write(dir, e.getValue(), name + "-" + e.getKey());
      }
    }
  }

  /** troff text: backslashes doubled, and a line may not start with a control character ('.' or '\''). */
  private static String escape(String s) {
    String t = s.replace("\\", "\\e").replace("-", "\\-");
    return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
  }
}
