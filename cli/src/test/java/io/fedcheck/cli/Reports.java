package io.fedcheck.cli;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.StepTiming;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hand-built reports for the command tests, shaped like the seed document's lab. */
public final class Reports {
  public static final Instant CHECKED_AT = Instant.parse("2026-03-01T10:15:30Z");
  public static final String PEM_RESOURCE = "vcse-cms-steven-lab.pem";
  /** {@code openssl x509 -fingerprint -sha256} of the PEM resource. */
  public static final String PEM_SHA256 = "7a9eb51c779b9ba8ea8cb8a6aa6cf5e7d8cdcc04d75c63fdfbb0c24bb889fe05";

  private Reports() {}

  public static X509Certificate certificate() {
    try (InputStream in = Reports.class.getResourceAsStream(PEM_RESOURCE)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  public static FederationReport pass(String input) {
    return report(input, Verdict.PASS, List.of());
  }

  public static FederationReport warn(String input) {
    String d = ascii(input);
    return report(input, Verdict.WARN, List.of(Finding.of(RuleId.CERT_NO_CLIENT_AUTH_EKU, "sip." + d,
        "The certificate of sip." + d + " cannot be used as a client certificate.",
        "Ask the CA for a certificate with both serverAuth and clientAuth.", Map.of())));
  }

  /** acano.steven.lab of the seed: the SRV target is in another domain (ms-diagnostics 1009). */
  public static FederationReport mismatch(String input) {
    String d = ascii(input);
    return report(input, Verdict.FAIL, List.of(Finding.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH, "vcse.steven.lab",
        "The SRV target vcse.steven.lab is not inside " + d + ", so a Microsoft edge ignores it.",
        "Publish _sipfederationtls._tcp." + d + " SRV 0 0 5061 vcse." + d + ".",
        ordered("target", "vcse.steven.lab", "port", "5061"))));
  }

  public static FederationReport unknown(String input) {
    return report(input, Verdict.UNKNOWN, List.of(Finding.of(RuleId.DNS_LOOKUP_FAILED,
        "_sipfederationtls._tcp." + ascii(input), "The SRV lookup timed out.",
        "Check that the domain's name servers answer.", Map.of())));
  }

  public static FederationReport report(String input, Verdict verdict, List<Finding> findings) {
    return new FederationReport(input, ascii(input), verdict, findings, null, List.of(), CHECKED_AT);
  }

  /** cms.steven.lab of the seed with a full observation: SRV, address, certificate, timings. */
  public static FederationReport observed(String input) {
    String d = ascii(input);
    String target = "vcse." + d;
    try {
      DnsQuery srvQuery = new DnsQuery(DomainObservation.srvName(d), RecordType.SRV, Duration.ofSeconds(2));
      SrvRecord srv = new SrvRecord(DomainObservation.srvName(d), 0, 0, 5061, target, 300);
      DnsResult srvResult = DnsResult.answer(srvQuery, List.of(srv), Duration.ofMillis(12));
      DnsQuery aQuery = new DnsQuery(target, RecordType.A, Duration.ofSeconds(2));
      InetAddress address = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 10});
      DnsResult aResult = DnsResult.answer(aQuery, List.of(new AddressRecord(target, address, 300)), Duration.ofMillis(3));
      CertificateObservation cert = new CertificateObservation(target, "192.0.2.10", 5061,
          TlsOutcome.HANDSHAKE_COMPLETED, List.of(certificate()), "TLSv1.3", "TLS_AES_128_GCM_SHA256",
          true, "", Duration.ofMillis(40));
      DomainObservation obs = new DomainObservation(d, srvResult,
          List.of(new TargetObservation(srv, aResult, cert)), 1);
      Finding info = Finding.of(RuleId.CERT_PRIVATE_CA, target,
          "The certificate of " + target + " chains to a root you added, not a public CA.",
          "Nothing to do for an on-premises edge that imported this root.", Map.of());
      return new FederationReport(input, d, Verdict.PASS, List.of(info), obs,
          List.of(new StepTiming("srv", Duration.ofMillis(12)), new StepTiming("tls:" + target + ":5061", Duration.ofMillis(40))),
          CHECKED_AT);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A report whose SRV lookup gave nothing, with an observation but no targets. */
  public static FederationReport srvMissing(String input) {
    String d = ascii(input);
    DnsQuery q = new DnsQuery(DomainObservation.srvName(d), RecordType.SRV, Duration.ofSeconds(2));
    DomainObservation obs = new DomainObservation(d, DnsResult.of(q, DnsOutcome.NXDOMAIN, "", Duration.ofMillis(5)), List.of(), 0);
    Finding f = Finding.of(RuleId.SRV_MISSING, d, "No _sipfederationtls._tcp." + d + " SRV record is published.",
        "Publish one.", Map.of());
    return new FederationReport(input, d, Verdict.FAIL, List.of(f), obs, List.of(), CHECKED_AT);
  }

  static Map<String, String> ordered(String... keyValues) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  public static String ascii(String input) {
    String s = input.strip().toLowerCase(Locale.ROOT);
    s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    return java.net.IDN.toASCII(s);
  }
}
