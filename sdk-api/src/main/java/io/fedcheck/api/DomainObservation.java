package io.fedcheck.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything observed about one SIP domain: the SRV lookup of {@code
 * _sipfederationtls._tcp.<domain>} and each examined target. The rules are pure functions of this
 * value, the policy and the time.
 *
 * @param asciiDomain the normalized domain (lower-case ASCII / punycode, no trailing dot)
 * @param srvLookup the SRV lookup
 * @param targets the targets examined, in RFC 2782 order (at most the policy's cap)
 * @param srvRecordCount how many SRV records the answer held before the cap was applied
 */
public record DomainObservation(
    String asciiDomain, DnsResult srvLookup, List<TargetObservation> targets, int srvRecordCount) {
  /**
   * Checks the observation, copies the targets and puts the domain in canonical form.
   *
   * @param asciiDomain the normalized domain (lower-case ASCII / punycode, no trailing dot)
   * @param srvLookup the SRV lookup
   * @param targets the targets examined, in RFC 2782 order
   * @param srvRecordCount how many SRV records the answer held before the cap was applied
   * @throws IllegalArgumentException when {@code srvRecordCount} is less than the number of targets
   */
  public DomainObservation {
    asciiDomain = DnsNames.canonical(asciiDomain, "asciiDomain");
    Objects.requireNonNull(srvLookup, "srvLookup");
    targets = List.copyOf(targets);
    if (srvRecordCount < targets.size()) {
      throw new IllegalArgumentException("srvRecordCount is less than the targets examined");
    }
  }

  /**
   * The SRV owner name that is looked up for {@code asciiDomain}.
   *
   * @param asciiDomain the normalized domain
   * @return {@code _sipfederationtls._tcp.} followed by the domain
   */
  public static String srvName(String asciiDomain) {
    return "_sipfederationtls._tcp." + asciiDomain;
  }
}
