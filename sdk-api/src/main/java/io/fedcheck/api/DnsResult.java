package io.fedcheck.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of one {@link DnsQuery}: its outcome and the records of the answer section.
 *
 * <p>For an A/AAAA query whose name is an alias, {@code records} holds the CNAME chain followed by
 * the addresses, so a caller can tell that the name was an alias.
 *
 * @param query the question
 * @param outcome how the lookup ended
 * @param records the answer records (empty unless the outcome is {@link DnsOutcome#ANSWER})
 * @param detail a short human explanation of a non-answer (server, rcode, error), or empty
 * @param elapsed how long the lookup took
 */
public record DnsResult(
    DnsQuery query, DnsOutcome outcome, List<DnsRecord> records, String detail, Duration elapsed) {
  /**
   * Checks the result and copies the records; a {@code null} detail becomes empty.
   *
   * @param query the question
   * @param outcome how the lookup ended
   * @param records the answer records
   * @param detail a short human explanation of a non-answer, or empty or {@code null}
   * @param elapsed how long the lookup took
   */
  public DnsResult {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(outcome, "outcome");
    records = List.copyOf(records);
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * A result with answer records.
   *
   * @param query the question
   * @param records the answer records
   * @param elapsed how long the lookup took
   * @return a result with outcome {@link DnsOutcome#ANSWER}
   */
  public static DnsResult answer(DnsQuery query, List<? extends DnsRecord> records, Duration elapsed) {
    return new DnsResult(query, DnsOutcome.ANSWER, List.copyOf(records), "", elapsed);
  }

  /**
   * A result without records, for every outcome other than an answer.
   *
   * @param query the question
   * @param outcome how the lookup ended
   * @param detail a short human explanation (server, rcode, error), or empty
   * @param elapsed how long the lookup took
   * @return a result with no records
   */
  public static DnsResult of(DnsQuery query, DnsOutcome outcome, String detail, Duration elapsed) {
    return new DnsResult(query, outcome, List.of(), detail, elapsed);
  }

  /**
   * The SRV records of the answer.
   *
   * @return the SRV records, in answer order (empty when none)
   */
  public List<SrvRecord> srvRecords() {
    return records.stream().filter(SrvRecord.class::isInstance).map(SrvRecord.class::cast).toList();
  }

  /**
   * The addresses of the answer (A and AAAA).
   *
   * @return the IPv4 and IPv6 addresses, in answer order (empty when none)
   */
  public List<InetAddress> addresses() {
    return records.stream()
        .filter(AddressRecord.class::isInstance)
        .map(r -> ((AddressRecord) r).address())
        .toList();
  }

  /**
   * The CNAME records of the answer (the alias chain).
   *
   * @return the CNAME records, in answer order (empty when the name is no alias)
   */
  public List<CnameRecord> cnames() {
    return records.stream().filter(CnameRecord.class::isInstance).map(CnameRecord.class::cast).toList();
  }
}
