package io.fedcheck.benchmarks.audit;

import io.fedcheck.testkit.dns.DnsZone;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Names and zones of the synthetic benchmark domains: domain {@code i} is {@code d<i>.<suffix>}, its
 * SRV target {@code sip.d<i>.<suffix>} (or {@code sip.d<i>.elsewhere.bench} when the target lies
 * outside the domain). The {@link DomainKind} of each index decides which records exist.
 */
public final class SyntheticDomains {
  /** Zone of the DNS-only domains. */
  public static final String DNS_ZONE = "dns.bench";
  /** Zone of the TLS lab's domains. */
  public static final String TLS_ZONE = "tls.bench";
  /** Zone of SRV targets outside their domain. */
  public static final String ELSEWHERE_ZONE = "elsewhere.bench";

  private SyntheticDomains() {}

  /** The domain with index {@code i} under {@code zone}. */
  public static String domain(long i, String zone) {
    return "d" + i + "." + zone;
  }

  /** The SRV target of a domain that keeps it inside. */
  public static String target(long i, String zone) {
    return "sip.d" + i + "." + zone;
  }

  /** The index of a domain named by {@link #domain}, or -1. */
  public static long indexOf(String domain) {
    if (domain.length() < 2 || domain.charAt(0) != 'd') {
      return -1;
    }
    int dot = domain.indexOf('.');
    try {
      return Long.parseLong(domain, 1, dot < 0 ? domain.length() : dot, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code d0.<zone>}, {@code d1.<zone>}, ... {@code d<count-1>.<zone>}, generated lazily. */
  public static Iterator<String> names(long count, String zone) {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public String next() {
        if (next >= count) {
          throw new NoSuchElementException();
        }
        return domain(next++, zone);
      }
    };
  }

  /** An IPv4 loopback address for domain {@code i}: 127.1.x.y, distinct for the first 64,516. */
  public static String loopbackAddress(long i) {
    long n = i % (254L * 254L);
    return "127.1." + (n / 254 + 1) + "." + (n % 254 + 1);
  }

  /**
   * The DNS-only zones for {@code count} domains designed by {@link DomainKind#dnsOnly}: the domains'
   * zone and the {@link #ELSEWHERE_ZONE} holding outside targets. Index 0 of the result is the
   * domains' zone.
   */
  public static DnsZone[] dnsOnlyZones(long count) {
    DnsZone.Builder zone = DnsZone.builder(DNS_ZONE).ttl(3600);
    DnsZone.Builder elsewhere = DnsZone.builder(ELSEWHERE_ZONE).ttl(3600);
    for (long i = 0; i < count; i++) {
      String d = "d" + i;
      switch (DomainKind.dnsOnly(i)) {
        case HEALTHY -> zone.srv("_sipfederationtls._tcp." + d, 0, 0, 5061, "sip." + d)
            .a("sip." + d, loopbackAddress(i));
        case TARGET_OUTSIDE_DOMAIN -> {
          zone.srv("_sipfederationtls._tcp." + d, 0, 0, 5061, "sip." + d + "." + ELSEWHERE_ZONE + ".");
          elsewhere.a("sip." + d, loopbackAddress(i));
        }
        case NO_SRV -> { }
        case NO_ADDRESS -> zone.srv("_sipfederationtls._tcp." + d, 0, 0, 5061, "sip." + d);
        default -> throw new IllegalStateException("not a DNS-only kind");
      }
    }
    return new DnsZone[] {zone.build(), elsewhere.build()};
  }
}
