package io.fedcheck.benchmarks.rules;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of pre-gathered observations the rule benchmarks evaluate: what one domain's SRV
 * lookup, address lookups and presented chains looked like, built with real certificates from the
 * test kit's {@link TestCertificateAuthority} (leaf + issuing intermediate, as an edge presents).
 *
 * <p>Addresses are public (documentation-free) IPv4 literals built from bytes, never resolved.
 * The root is handed to the trust evaluator as a <em>public</em> anchor, so a healthy domain has no
 * finding at all, as a domain with a public CA certificate would.
 */
public enum ObservationScenario {
  /** One target in the domain, port 5061, public address, matching trusted chain: PASS, no finding. */
  HEALTHY(Verdict.PASS),
  /** One target whose certificate names another host: FAIL with {@code CERT_NAME_MISMATCH}. */
  NAME_MISMATCH(Verdict.FAIL),
  /** Four healthy targets (two priorities, two weights), each with its own chain: PASS. */
  SEVERAL_TARGETS(Verdict.PASS),
  /** No SRV record (NXDOMAIN), the commonest answer in a bulk audit: FAIL with {@code SRV_MISSING}. */
  NO_SRV(Verdict.FAIL);

  private final Verdict expected;

  ObservationScenario(Verdict expected) {
    this.expected = expected;
  }

  /** The verdict the rules must reach for this scenario (checked in the benchmark's setup). */
  public Verdict expected() {
    return expected;
  }

  /** Builds this scenario's observation for {@code domain}, with chains issued by {@code issuing}. */
  public DomainObservation observe(String domain, TestCertificateAuthority issuing) {
    DnsQuery srvQuery = new DnsQuery(DomainObservation.srvName(domain), RecordType.SRV, Duration.ofSeconds(3));
    if (this == NO_SRV) {
      return new DomainObservation(domain,
          DnsResult.of(srvQuery, DnsOutcome.NXDOMAIN, "NXDOMAIN", Duration.ofMillis(3)), List.of(), 0);
    }
    int targets = this == SEVERAL_TARGETS ? 4 : 1;
    List<SrvRecord> srvs = new ArrayList<>();
    List<TargetObservation> observed = new ArrayList<>();
    for (int i = 0; i < targets; i++) {
      String fqdn = (i == 0 ? "sip" : "sip" + i) + "." + domain;
      SrvRecord srv = new SrvRecord(srvQuery.name(), i / 2, 10 + i % 2, 5061, fqdn, 3600);
      srvs.add(srv);
      InetAddress address = publicAddress(i);
      DnsQuery aQuery = new DnsQuery(fqdn, RecordType.A, Duration.ofSeconds(3));
      DnsResult a = DnsResult.answer(aQuery, List.of(new AddressRecord(fqdn, address, 3600)), Duration.ofMillis(2));
      HeldCertificate leaf = this == NAME_MISMATCH ? issuing.leaf("edge.other-" + domain) : issuing.leaf(fqdn);
      CertificateObservation cert = new CertificateObservation(fqdn, address.getHostAddress(), 5061,
          TlsOutcome.HANDSHAKE_COMPLETED, leaf.chain(), "TLSv1.3", "TLS_AES_256_GCM_SHA384", true, "",
          Duration.ofMillis(12));
      observed.add(new TargetObservation(srv, a, cert));
    }
    DnsResult srvLookup = DnsResult.answer(srvQuery, srvs, Duration.ofMillis(3));
    return new DomainObservation(domain, srvLookup, observed, srvs.size());
  }

  private static InetAddress publicAddress(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {52, 112, 7, (byte) (10 + i)});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
