package io.fedcheck.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.Policy;
import io.fedcheck.api.Profile;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The spec travels with the job graph: it must survive Java serialisation and hold values only. */
class ValidatorSpecTest {
  private static final TestCertificateAuthority CA = TestCertificateAuthority.create("Spec Test Root");

  private static ValidatorSpec spec() {
    return ValidatorSpec.builder()
        .profile(Profile.MICROSOFT_365)
        .requireClientAuthEku(true)
        .allowPrivateAddresses(true)
        .publicRoots(false)
        .trustAnchor(CA.rootCertificate())
        .sipProbe(false)
        .sipFromDomain("audit.example.net")
        .dnsServers(List.of("127.0.0.1:5353", "[::1]:53", "192.0.2.1"))
        .resolverName("jdk")
        .tlsBackend("jsse")
        .deadline(Duration.ofSeconds(7))
        .dnsQueriesPerSecond(25)
        .maxConcurrentHandshakes(9)
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void survivesSerialisationWithEveryValue() throws Exception {
    ValidatorSpec spec = spec();
    ValidatorSpec copy = roundTrip(roundTrip(spec));
    assertEquals(spec.toString(), copy.toString());
    assertEquals(Duration.ofSeconds(7), copy.deadline());
    assertEquals(25, copy.dnsQueriesPerSecond());
    Policy p = copy.policy();
    assertEquals(Profile.MICROSOFT_365, p.profile());
    assertTrue(p.requireClientAuthEku());
    assertTrue(p.allowPrivateAddresses());
    assertEquals(List.of(CA.rootCertificate()), p.extraTrustAnchors(), "the anchor, decoded from its DER bytes");
    assertEquals(false, p.publicRoots());
    assertTrue(p.sipProbe().isEmpty(), "the probe stays off");
    assertEquals("audit.example.net", spec.toBuilder().sipProbe(true).build().policy()
        .sipProbe().orElseThrow().fromDomain());
  }

  @Test
  void holdsValuesOnlyNeverAThreadOrSocket() {
    for (Field f : ValidatorSpec.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Class<?> t = f.getType();
      assertTrue(!Thread.class.isAssignableFrom(t) && !Socket.class.isAssignableFrom(t)
          && !Channel.class.isAssignableFrom(t) && !Executor.class.isAssignableFrom(t)
          && !AutoCloseable.class.isAssignableFrom(t), f + " is a live resource");
      assertTrue(!Modifier.isTransient(f.getModifiers()), f + " would be lost in transit");
    }
  }

  @Test
  void theAuditFunctionSerialisesBeforeItIsOpened() throws Exception {
    FederationAuditFunction f = new FederationAuditFunction(spec(), Duration.ofSeconds(12));
    assertInstanceOf(FederationAuditFunction.class, roundTrip(f));
  }

  @Test
  void refusesBadValuesWhenSet() {
    assertThrows(IllegalArgumentException.class, () -> ValidatorSpec.builder().dnsServers(List.of("host:99999")));
    assertThrows(IllegalArgumentException.class, () -> ValidatorSpec.builder().deadline(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ValidatorSpec.builder().dnsQueriesPerSecond(-1));
  }

  @Test
  void aGlobalRateIsSplitAcrossTasksRoundingUp() {
    assertEquals(0, JobOptions.perTask(0, 4));
    assertEquals(25, JobOptions.perTask(100, 4));
    assertEquals(1, JobOptions.perTask(3, 8), "a small rate is never turned off");
    assertEquals(34, JobOptions.perTask(100, 3));
  }
}
