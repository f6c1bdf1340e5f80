package io.fedcheck.core.internal;

import io.fedcheck.api.SrvRecord;
import java.util.Comparator;
import java.util.List;

/**
 * The RFC 2782 order of SRV targets, made deterministic for reports: priority ascending, then the
 * heavier weight first (the target a weighted draw favours), then target name and port. RFC 2782's
 * weighted random draw would make two runs of the same audit disagree.
 */
public final class SrvOrder {
  private SrvOrder() {}

  /** The comparator. */
  public static final Comparator<SrvRecord> ORDER =
      Comparator.comparingInt(SrvRecord::priority)
          .thenComparing(Comparator.comparingInt(SrvRecord::weight).reversed())
          .thenComparing(SrvRecord::target)
          .thenComparingInt(SrvRecord::port);

  /** {@code records} in RFC 2782 order, a new list. */
  public static List<SrvRecord> sort(List<SrvRecord> records) {
    return records.stream().sorted(ORDER).toList();
  }
}
