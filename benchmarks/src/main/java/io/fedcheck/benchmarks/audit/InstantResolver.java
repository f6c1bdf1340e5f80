package io.fedcheck.benchmarks.audit;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.SrvRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link DomainResolver} that answers at once, computing each answer from the name with the
 * DNS-only design of {@link SyntheticDomains#dnsOnlyZones}, for any number of domains and without a
 * zone in memory: the memory benchmark measures what the validator holds, not a server's zone.
 * Thread-safe and stateless.
 */
final class InstantResolver implements DomainResolver {
  private static final String SRV_PREFIX = "_sipfederationtls._tcp.";
  private final String zone;

  InstantResolver(String zone) {
    this.zone = zone;
  }

  @Override
  public CompletionStage<DnsResult> resolve(DnsQuery query) {
    return CompletableFuture.completedFuture(answer(query));
  }

  private DnsResult answer(DnsQuery query) {
    String name = query.name();
    if (query.type() == RecordType.SRV && name.startsWith(SRV_PREFIX)) {
      String domain = name.substring(SRV_PREFIX.length());
      long i = SyntheticDomains.indexOf(domain);
      if (i >= 0 && domain.endsWith("." + zone)) {
        DomainKind kind = DomainKind.dnsOnly(i);
        if (kind != DomainKind.NO_SRV) {
          String target = kind == DomainKind.TARGET_OUTSIDE_DOMAIN
              ? "sip.d" + i + "." + SyntheticDomains.ELSEWHERE_ZONE : SyntheticDomains.target(i, zone);
          return DnsResult.answer(query, List.of(new SrvRecord(name, 0, 0, 5061, target, 3600)), Duration.ZERO);
        }
      }
    } else if (query.type() == RecordType.A && name.startsWith("sip.")) {
      long i = SyntheticDomains.indexOf(name.substring(4));
      if (i >= 0 && DomainKind.dnsOnly(i) != DomainKind.NO_ADDRESS) {
        return DnsResult.answer(query, List.of(new AddressRecord(name, loopback(i), 3600)), Duration.ZERO);
      }
    }
    return DnsResult.of(query, DnsOutcome.NXDOMAIN, "NXDOMAIN", Duration.ZERO);
  }

  private static InetAddress loopback(long i) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 1, (byte) (i >> 8), (byte) i});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {}
}
