package io.fedcheck.testkit;

import io.fedcheck.testkit.tls.ClientAuth;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.KeyPurpose;
import io.fedcheck.testkit.tls.KeyType;
import io.fedcheck.testkit.tls.SignatureHash;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsBehaviour;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One edge server of a {@link FederationLab} (an Expressway-E, an Edge server): one TLS endpoint on
 * its own loopback port presenting one certificate. Several SRV targets may share it ({@link
 * FederationLab.Builder#server(String, java.util.function.Consumer)} and {@link
 * TargetSpec#server(String)}), just as one Expressway-E serves several SIP domains with one
 * certificate.
 *
 * <p>Defaults make a healthy server: a TLS 1.2/1.3 handshake presenting a leaf issued by the lab's
 * CA (through an intermediate), EC P-256, SHA-256, EKU serverAuth + clientAuth, valid from a day
 * before the lab's clock to a year after, whose SAN lists every target using the server (CN the
 * first). Each option below breaks one thing. Not thread-safe: configure it inside the builder.
 */
public final class ServerSpec {
  enum Issuer {
    LAB,
    SELF_SIGNED,
    UNKNOWN_CA
  }

  private List<String> names;
  private String commonNameOnly;
  private KeyPurpose[] keyPurposes;
  private boolean withoutExtendedKeyUsage;
  private Instant notBefore;
  private Instant notAfter;
  private Duration validFrom = Duration.ofDays(-1);
  private Duration validUntil = Duration.ofDays(365);
  private KeyType keyType = KeyType.EC_P256;
  private SignatureHash signatureHash = SignatureHash.SHA256;
  private Issuer issuer = Issuer.LAB;
  private HeldCertificate certificate;
  private TlsBehaviour behaviour = TlsBehaviour.HANDSHAKE;
  private ClientAuth clientAuth = ClientAuth.NONE;
  private String[] protocols;
  private boolean endpoint = true;
  private Consumer<TlsEndpoint.Builder> sip = b -> { };

  ServerSpec() {}

  /** SAN dNSNames of the certificate, in order (written as given: wildcards pass); CN is the first. */
  public ServerSpec certificateNames(String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("give at least one name (or use commonNameOnly)");
    }
    this.names = List.of(names);
    this.commonNameOnly = null;
    return this;
  }

  /** A certificate with this subject CN and no subjectAltName extension at all. */
  public ServerSpec commonNameOnly(String commonName) {
    this.commonNameOnly = Objects.requireNonNull(commonName, "commonName");
    this.names = null;
    return this;
  }

  /** An EKU extension with exactly these purposes (none: an empty, invalid EKU). */
  public ServerSpec keyPurposes(KeyPurpose... purposes) {
    this.keyPurposes = purposes.clone();
    this.withoutExtendedKeyUsage = false;
    return this;
  }

  /** No EKU extension (every purpose allowed). */
  public ServerSpec withoutExtendedKeyUsage() {
    this.withoutExtendedKeyUsage = true;
    this.keyPurposes = null;
    return this;
  }

  /** An absolute validity window. */
  public ServerSpec validity(Instant notBefore, Instant notAfter) {
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException("notAfter is before notBefore");
    }
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    return this;
  }

  /** A validity window relative to the lab's clock, such as {@code (-1 day, +10 days)}. */
  public ServerSpec validityFromNow(Duration from, Duration until) {
    if (until.compareTo(from) < 0) {
      throw new IllegalArgumentException("until is before from");
    }
    this.validFrom = from;
    this.validUntil = until;
    this.notBefore = null;
    this.notAfter = null;
    return this;
  }

  /** Expired yesterday (valid from 400 days ago to one day ago, by the lab's clock). */
  public ServerSpec expired() {
    return validityFromNow(Duration.ofDays(-400), Duration.ofDays(-1));
  }

  /** Valid only from tomorrow (by the lab's clock). */
  public ServerSpec notYetValid() {
    return validityFromNow(Duration.ofDays(1), Duration.ofDays(366));
  }

  /** Valid since yesterday and expiring this long after the lab's clock. */
  public ServerSpec expiresIn(Duration remaining) {
    return validityFromNow(Duration.ofDays(-1), remaining);
  }

  /** The key type (default EC P-256; keys come from the test kit's shared cache). */
  public ServerSpec keyType(KeyType keyType) {
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    return this;
  }

  /** The signature hash (default SHA-256). */
  public ServerSpec signatureHash(SignatureHash hash) {
    this.signatureHash = Objects.requireNonNull(hash, "hash");
    return this;
  }

  /** A self-signed certificate (its own fresh key), so untrusted. */
  public ServerSpec selfSigned() {
    this.issuer = Issuer.SELF_SIGNED;
    return this;
  }

  /** A certificate issued by a CA that is not among the lab's trust anchors, so untrusted. */
  public ServerSpec unknownIssuer() {
    this.issuer = Issuer.UNKNOWN_CA;
    return this;
  }

  /** Presents exactly this certificate and its chain; every certificate option above is ignored. */
  public ServerSpec certificate(HeldCertificate certificate) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    return this;
  }

  /** What the endpoint does with a connection (default {@link TlsBehaviour#HANDSHAKE}). */
  public ServerSpec behaviour(TlsBehaviour behaviour) {
    this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    return this;
  }

  /** Whether the handshake asks for a client certificate (default {@link ClientAuth#NONE}). */
  /**
   * How the endpoint answers the SIP {@code OPTIONS} probe after its handshake (default: 200 OK
   * with Allow and Server, like an Expressway-E), for example {@code
   * s.sip(b -> b.afterHandshake(AfterHandshake.HTTP))}.
   */
  public ServerSpec sip(Consumer<TlsEndpoint.Builder> value) {
    this.sip = Objects.requireNonNull(value, "sip");
    return this;
  }

  public ServerSpec clientAuth(ClientAuth clientAuth) {
    this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
    return this;
  }

  /** The TLS protocols the handshake enables (default TLSv1.3 and TLSv1.2). */
  public ServerSpec protocols(String... protocols) {
    if (protocols.length == 0) {
      throw new IllegalArgumentException("at least one protocol");
    }
    this.protocols = protocols.clone();
    return this;
  }

  /** No TLS endpoint at all: the SRV record carries a port that refuses connections. */
  public ServerSpec noEndpoint() {
    this.endpoint = false;
    return this;
  }

  boolean hasEndpoint() {
    return endpoint;
  }

  boolean hasExplicitNames() {
    return names != null || commonNameOnly != null || certificate != null;
  }

  /** Builds the certificate, naming {@code defaultNames} unless names were given. */
  HeldCertificate buildCertificate(
      List<String> defaultNames,
      Instant now,
      TestCertificateAuthority issuing,
      Supplier<TestCertificateAuthority> unknown) {
    if (certificate != null) {
      return certificate;
    }
    HeldCertificate.Builder b =
        switch (issuer) {
          case LAB -> issuing.leafBuilder();
          case UNKNOWN_CA -> unknown.get().leafBuilder();
          // A fresh key: the cached depth-0 key is the lab root's, and a self-signed leaf must not share it.
          case SELF_SIGNED -> HeldCertificate.builder().keyType(keyType).freshKeyPair();
        };
    if (issuer != Issuer.SELF_SIGNED) {
      b.keyType(keyType);
    }
    b.organization("fedcheck lab");
    if (commonNameOnly != null) {
      b.commonName(commonNameOnly);
    } else {
      List<String> sans = names != null ? names : defaultNames;
      if (sans.isEmpty()) {
        throw new IllegalStateException("a server used by no target needs certificateNames(...)");
      }
      b.commonName(sans.get(0)).subjectAlternativeNames(sans);
    }
    if (withoutExtendedKeyUsage) {
      b.withoutExtendedKeyUsage();
    } else if (keyPurposes != null) {
      b.keyPurposes(keyPurposes);
    }
    Instant from = notBefore != null ? notBefore : now.plus(validFrom);
    Instant to = notAfter != null ? notAfter : now.plus(validUntil);
    return b.validity(from, to).signatureHash(signatureHash).build();
  }

  /** Starts the endpoint (the certificate is built only for a handshaking endpoint). */
  TlsEndpoint startEndpoint(HeldCertificate identity) {
    TlsEndpoint.Builder b = TlsEndpoint.builder(behaviour).clientAuth(clientAuth);
    sip.accept(b);
    if (identity != null) {
      b.identity(identity);
    }
    if (protocols != null) {
      b.protocols(protocols);
    }
    return b.start();
  }

  boolean handshakes() {
    return behaviour == TlsBehaviour.HANDSHAKE;
  }
}
