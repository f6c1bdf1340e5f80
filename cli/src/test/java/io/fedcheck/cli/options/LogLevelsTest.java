package io.fedcheck.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.FedcheckCommand;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.ScriptedValidator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class LogLevelsTest {
  private String saved;

  @BeforeEach
  void clear() {
    saved = System.getProperty(LogLevels.LEVEL_PROPERTY);
    System.clearProperty(LogLevels.LEVEL_PROPERTY);
  }

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(LogLevels.LEVEL_PROPERTY);
    } else {
      System.setProperty(LogLevels.LEVEL_PROPERTY, saved);
    }
  }

  @ParameterizedTest
  @CsvSource({"'check a.example', warn", "'check -v a.example', debug", "'check --verbose a.example', debug",
    "'check --quiet a.example', error", "'demo -q', error"})
  void levelFollowsVerboseAndQuiet(String args, String level) {
    CommandLine cl = FedcheckCommand.newCommandLine(new CliContext(new ScriptedValidator(Reports::pass), CliRun.noLab(), Map.of(), false));
    LogLevels.apply(cl.parseArgs(args.split(" ")));
    assertEquals(level, System.getProperty(LogLevels.LEVEL_PROPERTY));
  }

  @ParameterizedTest
  @CsvSource({"'check -v a.example'"})
  void aLevelGivenWithDashDWins(String args) {
    System.setProperty(LogLevels.LEVEL_PROPERTY, "trace");
    CommandLine cl = FedcheckCommand.newCommandLine(new CliContext(new ScriptedValidator(Reports::pass), CliRun.noLab(), Map.of(), false));
    LogLevels.apply(cl.parseArgs(args.split(" ")));
    assertEquals("trace", System.getProperty(LogLevels.LEVEL_PROPERTY));
  }
}
