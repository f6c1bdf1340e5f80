package io.fedcheck.testkit;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.dns.DnsFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One SIP domain of a {@link FederationLab}: its {@code _sipfederationtls._tcp} SRV records and the
 * verdict the scenario expects.
 *
 * <p>A domain without any {@link #srv(String)} has no SRV record: the lookup answers NXDOMAIN. The
 * lab serves an authoritative zone for every declared domain, so names inside it that are not
 * declared are NXDOMAIN too. Not thread-safe.
 */
public final class DomainSpec {
  private final String name;
  private final List<TargetSpec> targets = new ArrayList<>();
  private boolean notAvailable;
  private boolean noSrvData;
  private DnsFault srvFault;
  private ExpectedOutcome expected;

  DomainSpec(String name) {
    this.name = name;
  }

  /** The domain name (lower-case ASCII, no trailing dot). */
  public String name() {
    return name;
  }

  /** Adds an SRV record pointing at {@code target}; configure it through the returned spec. */
  public TargetSpec srv(String target) {
    TargetSpec spec = new TargetSpec(this, FederationLab.normalize(target));
    targets.add(spec);
    return spec;
  }

  /** Adds an SRV record pointing at {@code target}, configured by {@code target}'s consumer. */
  public DomainSpec srv(String target, Consumer<TargetSpec> configure) {
    configure.accept(srv(target));
    return this;
  }

  /** Publishes the RFC 2782 "decidedly not available" SRV record: target {@code .}, port 0. */
  public DomainSpec srvNotAvailable() {
    this.notAvailable = true;
    return this;
  }

  /**
   * Makes the SRV owner name exist without SRV data (a TXT record there), so the SRV lookup answers
   * NOERROR with no records (NODATA) rather than NXDOMAIN.
   */
  public DomainSpec srvNoData() {
    this.noSrvData = true;
    return this;
  }

  /** Applies a DNS fault (SERVFAIL, drop, delay...) to the SRV lookup of this domain. */
  public DomainSpec srvFault(DnsFault fault) {
    this.srvFault = Objects.requireNonNull(fault, "fault");
    return this;
  }

  /** The verdict and ERROR/WARNING rules a validator should report for this domain. */
  public DomainSpec expect(Verdict verdict, RuleId... rules) {
    this.expected = ExpectedOutcome.of(verdict, rules);
    return this;
  }

  List<TargetSpec> targets() {
    return targets;
  }

  boolean notAvailable() {
    return notAvailable;
  }

  boolean noSrvData() {
    return noSrvData;
  }

  DnsFault srvFaultValue() {
    return srvFault;
  }

  ExpectedOutcome expected() {
    return expected;
  }
}
