package io.fedcheck.cli.options;

import picocli.CommandLine.ParseResult;

/**
 * Sets slf4j-simple's level from {@code --verbose} / {@code --quiet}. slf4j-simple reads its
 * configuration when the first logger is created, so this runs after parsing and before any
 * command (no CLI class creates a logger earlier). A level given with {@code -D} wins.
 */
public final class LogLevels {
  static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
  static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";

  private LogLevels() {}

  public static void apply(ParseResult parseResult) {
    boolean verbose = false;
    boolean quiet = false;
    for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      verbose |= pr.hasMatchedOption("--verbose");
      quiet |= pr.hasMatchedOption("--quiet");
    }
    if (System.getProperty(LEVEL_PROPERTY) == null) {
      System.setProperty(LEVEL_PROPERTY, verbose ? "debug" : quiet ? "error" : "warn");
    }
    if (verbose) {
      // --verbose is about fedcheck's own steps; the libraries' debug chatter (every DNS packet,
      // every circuit-breaker call) would bury them. -D...log.<name>=debug brings it back.
      for (String library : new String[] {"org.xbill.DNS", "io.github.resilience4j", "io.netty"}) {
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log." + library, "info");
      }
    }
    if (System.getProperty(LOG_FILE_PROPERTY) == null) {
      System.setProperty(LOG_FILE_PROPERTY, "System.err");
    }
  }
}
