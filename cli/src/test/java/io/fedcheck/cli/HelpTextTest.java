package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.cli.options.CliContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders (a stray {@code %} makes picocli print its raw format string). */
class HelpTextTest {

  @Test
  void everyCommandsHelpRendersAndNamesItsExitCodes() {
    CommandLine top = FedcheckCommand.newCommandLine(new CliContext(s -> {
      throw new AssertionError("no validator for help");
    }, CliRun.noLab(), Map.of(), false));
    assertEquals(java.util.Set.of("check", "demo", "audit", "explain", "plan", "cert", "diff"),
        top.getSubcommands().keySet());
    for (Map.Entry<String, CommandLine> e : top.getSubcommands().entrySet()) {
      String usage = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertFalse(usage.contains("%n"), e.getKey() + " help has an unformatted %n:\n" + usage);
      assertTrue(usage.contains("Exit codes"), e.getKey() + " help names its exit codes:\n" + usage);
    }
  }
}
