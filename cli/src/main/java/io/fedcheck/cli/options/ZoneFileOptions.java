package io.fedcheck.cli.options;

import io.fedcheck.api.ZoneFileLimits;
import io.fedcheck.dnsjava.InvalidZoneFileException;
import io.fedcheck.dnsjava.ZoneFileResolver;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How zone files given on the command line ({@code --zone-file}, {@code --verify-zone}) are read:
 * they are untrusted input, so {@code $INCLUDE} is off unless asked for and the records a zone may
 * hold are capped. A picocli mixin shared by {@code check}, {@code audit} and {@code plan}; option
 * names are a contract.
 */
public final class ZoneFileOptions {
  @Option(
      names = "--zone-include",
      description = "Follow $INCLUDE in zone files: only regular files in the zone file's directory"
          + " (after symlinks), at most 8 deep, no cycles. Off by default.")
  boolean includes;

  @Option(
      names = "--zone-max-records",
      paramLabel = "N",
      description = "The most records one zone file may hold, $GENERATE expansions and includes"
          + " counted (checked before anything is expanded). Default: 1000000.")
  long maxRecords = ZoneFileLimits.DEFAULT_MAX_RECORDS;

  /** The limits these options describe. */
  public ZoneFileLimits limits() {
    if (maxRecords < 1) {
      throw new UsageException("--zone-max-records must be at least 1, not " + maxRecords);
    }
    return ZoneFileLimits.ofDefaults().withMaxRecords(maxRecords).withIncludes(includes);
  }

  /** Loads zone files with these limits; a bad file is a usage error with one line. */
  public static ZoneFileResolver load(List<Path> files, ZoneFileLimits limits) {
    try {
      return ZoneFileResolver.builder().limits(limits).zoneFiles(files).build();
    } catch (RuntimeException e) {
      throw asUsageError(e);
    }
  }

  /**
   * The usage error for a zone file the SDK refused or could not read, found anywhere in the
   * cause chain (backend discovery wraps what a provider throws); other failures are rethrown.
   */
  static RuntimeException asUsageError(RuntimeException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof InvalidZoneFileException bad) {
        return new UsageException(bad.getMessage(), e);
      }
      if (c instanceof UncheckedIOException io) {
        return new UsageException(IoMessages.firstLine(io) + ": " + IoMessages.describe(io.getCause()), e);
      }
      if (c instanceof IllegalArgumentException bad && String.valueOf(bad.getMessage()).contains("zone")) {
        return new UsageException(IoMessages.firstLine(bad), e);
      }
    }
    return e;
  }
}
