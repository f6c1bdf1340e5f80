package io.fedcheck.core.plan;

import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.SrvRecord;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Checks a certificate and the published DNS against an {@link EdgePlan}, before a live federation
 * check. Stateless and thread-safe.
 */
public final class PlanVerifier {
  private PlanVerifier() {}

  /** How long each DNS lookup of {@link #verifyZone(EdgePlan, DomainResolver)} may take. */
  public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(5);

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_EKU = "2.5.29.37.0";
  private static final int SAN_DNS_NAME = 2;

  /**
   * What the leaf certificate ({@code chain.get(0)}) lacks for the plan: planned targets missing
   * from its subjectAltName dNSNames (the subject CN counts only without a subjectAltName
   * extension; a wildcard does not count, since Microsoft edges do not accept one), and an EKU
   * extension without serverAuth or clientAuth. Empty when the certificate fits the plan. Trust
   * and validity dates are not judged here: the live check does that.
   */
  public static List<PlanDiscrepancy> verifyCertificate(EdgePlan plan, List<X509Certificate> chain) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(chain, "chain");
    List<PlanDiscrepancy> out = new ArrayList<>();
    if (chain.isEmpty()) {
      out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.NO_CERTIFICATE, "certificate",
          String.join(", ", plan.subjectAltNames()), "", "no certificate was given", null));
      return out;
    }
    X509Certificate leaf = chain.get(0);
    String subject = leaf.getSubjectX500Principal().getName();
    Set<String> names = new LinkedHashSet<>();
    Collection<List<?>> sans;
    try {
      sans = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      sans = null;
    }
    boolean hasSanExtension = leaf.getExtensionValue("2.5.29.17") != null;
    if (sans != null) {
      for (List<?> san : sans) {
        if (san.size() >= 2 && Integer.valueOf(SAN_DNS_NAME).equals(san.get(0)) && san.get(1) instanceof String n) {
          names.add(n.toLowerCase(Locale.ROOT));
        }
      }
    }
    if (!hasSanExtension) {
      String cn = commonName(subject);
      if (cn != null) {
        names.add(cn.toLowerCase(Locale.ROOT));
      }
    }
    String found = String.join(", ", names);
    for (String target : plan.subjectAltNames()) {
      if (!names.contains(target)) {
        boolean wildcard = names.contains("*." + target.substring(target.indexOf('.') + 1));
        out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.SAN_MISSING, target, target, found,
            "the certificate " + subject + " does not name the SRV target " + target
                + (wildcard ? " (only a wildcard covers it, which Microsoft edges do not accept)" : "")
                + (hasSanExtension ? "" : " (it has no subjectAltName extension, so only its CN counts)")
                + ": add " + target + " to its subjectAltName list",
            wildcard ? RuleId.CERT_NAME_WILDCARD : RuleId.CERT_NAME_MISMATCH));
      }
    }
    List<String> eku;
    try {
      eku = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      eku = List.of();
    }
    if (eku != null && !eku.contains(ANY_EKU)) {
      if (!eku.contains(SERVER_AUTH)) {
        out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.SERVER_AUTH_EKU_MISSING, subject, "serverAuth",
            String.join(", ", eku), "the certificate's extended key usage lacks serverAuth (TLS server)",
            RuleId.CERT_NO_SERVER_AUTH_EKU));
      }
      if (!eku.contains(CLIENT_AUTH)) {
        out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.CLIENT_AUTH_EKU_MISSING, subject, "clientAuth",
            String.join(", ", eku), "the certificate's extended key usage lacks clientAuth: federation is"
                + " mutual TLS, and the edge presents it as a client when it calls a Microsoft edge",
            RuleId.CERT_NO_CLIENT_AUTH_EKU));
      }
    }
    return out;
  }

  private static String commonName(String subject) {
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  /** {@link #verifyZone(EdgePlan, DomainResolver, Duration)} with {@link #DEFAULT_LOOKUP_TIMEOUT}. */
  public static List<PlanDiscrepancy> verifyZone(EdgePlan plan, DomainResolver resolver) {
    return verifyZone(plan, resolver, DEFAULT_LOOKUP_TIMEOUT);
  }

  /**
   * What the DNS served by {@code resolver} lacks for the plan: for each domain the planned SRV
   * record (target and port), SRV targets the plan does not have, and each target's A records.
   * All lookups run at once; the call returns within about {@code timeout} plus one second. Empty
   * when the DNS matches the plan.
   *
   * @param resolver the DNS to query (live, or the offline zone-file resolver); not closed here
   */
  public static List<PlanDiscrepancy> verifyZone(EdgePlan plan, DomainResolver resolver, Duration timeout) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
    List<CompletableFuture<DnsResult>> srv = new ArrayList<>();
    List<CompletableFuture<DnsResult>> a = new ArrayList<>();
    for (PlannedDomain d : plan.domains()) {
      srv.add(ask(resolver, new DnsQuery(d.srvName(), RecordType.SRV, timeout)));
      a.add(ask(resolver, new DnsQuery(d.target(), RecordType.A, timeout)));
    }
    List<PlanDiscrepancy> out = new ArrayList<>();
    for (int i = 0; i < plan.domains().size(); i++) {
      PlannedDomain d = plan.domains().get(i);
      checkSrv(plan, d, await(srv.get(i), deadline), out);
      checkA(plan, d, await(a.get(i), deadline), out);
    }
    return out;
  }

  private static CompletableFuture<DnsResult> ask(DomainResolver resolver, DnsQuery q) {
    try {
      return resolver.resolve(q).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The result, or an explanation of why there is none. */
  private record Lookup(DnsResult result, String failure) {}

  private static Lookup await(CompletableFuture<DnsResult> f, long deadline) {
    try {
      return new Lookup(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      f.cancel(true);
      return new Lookup(null, "no answer within the deadline");
    } catch (ExecutionException e) {
      return new Lookup(null, "the resolver failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Lookup(null, "interrupted");
    }
  }

  private static void checkSrv(EdgePlan plan, PlannedDomain d, Lookup lookup, List<PlanDiscrepancy> out) {
    String expected = d.srvName() + ". SRV 0 0 " + plan.port() + " " + d.target() + ".";
    if (failed(lookup)) {
      out.add(lookupFailed(d.srvName(), expected, lookup));
      return;
    }
    List<SrvRecord> records = lookup.result().srvRecords();
    if (records.isEmpty()) {
      out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.SRV_MISSING, d.srvName(), expected,
          lookup.result().outcome().name(), d.srvName() + " is not published: publish " + expected,
          RuleId.SRV_MISSING));
      return;
    }
    String actual = String.join(", ", records.stream().map(r -> r.priority() + " " + r.weight() + " "
        + r.port() + " " + r.target() + ".").toList());
    boolean planned = records.stream().anyMatch(r -> r.target().equals(d.target()) && r.port() == plan.port());
    if (!planned) {
      out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.SRV_DIFFERENT, d.srvName(), expected, actual,
          d.srvName() + " points at " + actual + ", not at " + d.target() + ":" + plan.port()
              + ": publish " + expected, null));
    }
    for (SrvRecord r : records) {
      if (!r.target().equals(d.target())) {
        boolean inside = PlannedDomain.targetProblem(d.domain(), r.target()) == null;
        out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.SRV_EXTRA, d.srvName(), expected, r.target(),
            d.srvName() + " also points at " + r.target() + ", which the plan does not have"
                + (inside ? "" : "; it is not directly inside " + d.domain()
                    + ", so Microsoft edges refuse it (ms-diagnostics 1009)"),
            inside ? null : RuleId.SRV_TARGET_DOMAIN_MISMATCH));
      }
    }
  }

  private static void checkA(EdgePlan plan, PlannedDomain d, Lookup lookup, List<PlanDiscrepancy> out) {
    String expected = String.join(", ", plan.addresses().stream().map(InetAddress::getHostAddress).toList());
    if (failed(lookup)) {
      out.add(lookupFailed(d.target(), expected, lookup));
      return;
    }
    List<InetAddress> found = lookup.result().addresses().stream().filter(Inet4Address.class::isInstance).toList();
    if (found.isEmpty()) {
      out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.A_MISSING, d.target(), expected,
          lookup.result().outcome().name(), d.target() + " has no A record: publish " + d.target() + ". A "
              + expected, RuleId.SRV_TARGET_NO_ADDRESS));
      return;
    }
    String actual = String.join(", ", found.stream().map(InetAddress::getHostAddress).toList());
    for (Inet4Address want : plan.addresses()) {
      if (!found.contains(want)) {
        out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.A_ADDRESS_MISSING, d.target(), want.getHostAddress(),
            actual, d.target() + " lacks the A record " + want.getHostAddress() + " (it has " + actual + ")", null));
      }
    }
    for (InetAddress got : found) {
      if (!plan.addresses().contains(got)) {
        out.add(new PlanDiscrepancy(PlanDiscrepancy.Kind.A_ADDRESS_EXTRA, d.target(), expected,
            got.getHostAddress(), d.target() + " also has the A record " + got.getHostAddress()
                + ", which the plan does not have", null));
      }
    }
  }

  private static boolean failed(Lookup lookup) {
    return lookup.result() == null || !lookup.result().outcome().isConclusive();
  }

  private static PlanDiscrepancy lookupFailed(String name, String expected, Lookup lookup) {
    String why = lookup.result() == null ? lookup.failure()
        : lookup.result().outcome() + (lookup.result().detail().isEmpty() ? "" : " (" + lookup.result().detail() + ")");
    return new PlanDiscrepancy(PlanDiscrepancy.Kind.LOOKUP_FAILED, name, expected, why,
        "the lookup of " + name + " could not be completed: " + why, RuleId.DNS_LOOKUP_FAILED);
  }
}
