package io.fedcheck.api;

/**
 * What an offline zone-file resolver accepts from a zone file, which is untrusted input (a hosting
 * panel audits what its tenants upload). A few bytes of {@code $GENERATE} can ask for a hundred
 * million records and an {@code $INCLUDE} can name any file the process may read, so both are
 * bounded here and checked before anything is expanded or opened.
 *
 * @param maxRecords the most records the whole zone may hold, {@code $GENERATE} expansions and
 *     included files counted; a zone that would pass it is refused before it is expanded
 * @param includes whether {@code $INCLUDE} is followed at all; when it is, an included file must
 *     lie, after symlinks, in the directory of the zone file given, and be a regular file
 * @param maxIncludeDepth how deeply includes may nest (the zone file given is depth 0)
 */
public record ZoneFileLimits(long maxRecords, boolean includes, int maxIncludeDepth) {
  /** The default record cap. */
  public static final long DEFAULT_MAX_RECORDS = 1_000_000;
  /** The default (and largest sensible) include depth. */
  public static final int DEFAULT_MAX_INCLUDE_DEPTH = 8;

  /**
   * Validates.
   *
   * @param maxRecords the most records the whole zone may hold, at least 1
   * @param includes whether {@code $INCLUDE} is followed at all
   * @param maxIncludeDepth how deeply includes may nest, 0 to 64
   * @throws IllegalArgumentException when {@code maxRecords} or {@code maxIncludeDepth} is out of range
   */
  public ZoneFileLimits {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be at least 1: " + maxRecords);
    }
    if (maxIncludeDepth < 0 || maxIncludeDepth > 64) {
      throw new IllegalArgumentException("maxIncludeDepth must be 0..64: " + maxIncludeDepth);
    }
  }

  /**
   * 1,000,000 records, {@code $INCLUDE} off, depth 8 when it is turned on.
   *
   * @return the default limits
   */
  public static ZoneFileLimits ofDefaults() {
    return new ZoneFileLimits(DEFAULT_MAX_RECORDS, false, DEFAULT_MAX_INCLUDE_DEPTH);
  }

  /**
   * A copy with this record cap.
   *
   * @param value the most records the whole zone may hold, at least 1
   * @return a copy with that cap
   */
  public ZoneFileLimits withMaxRecords(long value) {
    return new ZoneFileLimits(value, includes, maxIncludeDepth);
  }

  /**
   * A copy with {@code $INCLUDE} on or off.
   *
   * @param value whether {@code $INCLUDE} is followed
   * @return a copy with includes on or off
   */
  public ZoneFileLimits withIncludes(boolean value) {
    return new ZoneFileLimits(maxRecords, value, maxIncludeDepth);
  }
}
