package io.fedcheck.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.RuleId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log excerpts of the seed document, with the line breaks its text extraction left. */
class SeedExcerptsTest {

  static String resource(String name) throws IOException {
    try (InputStream in = SeedExcerptsTest.class.getResourceAsStream("/diagnostics/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Explanation only(String text) {
    List<Explanation> all = DiagnosticsExplainer.explain(text);
    assertEquals(1, all.size(), () -> "expected one explanation, got " + all);
    return all.get(0);
  }

  @Test
  void clientLog1009NamesDomainAndSubdomainTarget() throws IOException {
    Explanation e = only(resource("seed-client-1009.txt"));
    assertEquals(DiagnosticKind.MS_DIAGNOSTICS_HEADER, e.kind());
    assertEquals(1009, e.msDiagnosticsCode());
    assertEquals(List.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH), e.rules());
    assertEquals("cms.steven.lab", e.sipDomain());
    assertEquals("cms.steven.lab", e.checkDomain());
    assertEquals(Map.of("fqdn1", "vcse.sub.cms.steven.lab:5061", "source", "sip.skype.lab"), e.fqdns());
    assertTrue(e.plainLanguage().contains("No match for domain in DNS SRV results"), e.plainLanguage());
    assertTrue(e.plainLanguage().contains("a subdomain of cms.steven.lab"), e.plainLanguage());
    assertTrue(e.remediation().contains("_sipfederationtls._tcp.cms.steven.lab. 3600 IN SRV 0 0 5061 vcse.cms.steven.lab."),
        e.remediation());
    assertTrue(e.recognised());
  }

  @Test
  void clientLog1010WithWrongPrincipalIsCertNameMismatch() throws IOException {
    Explanation e = only(resource("seed-client-1010.txt"));
    assertEquals(1010, e.msDiagnosticsCode());
    assertEquals("0x80090322", e.hresult());
    assertEquals("SEC_E_WRONG_PRINCIPAL", e.hresultName());
    assertEquals(List.of(RuleId.CERT_NAME_MISMATCH), e.rules());
    assertEquals("vcse.cms.steven.lab", e.fqdns().get("tls-target"));
    assertEquals("vcse.steven.lab", e.fqdns().get("PeerServer"));
    assertNull(e.sipDomain());
    assertEquals("cms.steven.lab", e.checkDomain());
    assertTrue(e.plainLanguage().contains("does not name vcse.cms.steven.lab (it names vcse.steven.lab)"),
        e.plainLanguage());
    assertTrue(e.remediation().contains("vcse.cms.steven.lab in its subjectAltName list, keeping vcse.steven.lab"),
        e.remediation());
  }

  @Test
  void edgeRecordNoSrvMatch() throws IOException {
    Explanation e = only(resource("seed-edge-1009-no-srv-match.txt"));
    assertEquals(DiagnosticKind.EDGE_RECORD, e.kind());
    assertEquals("0xC3E93D6F", e.resultCode());
    assertEquals("SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH", e.resultName());
    assertEquals(List.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH), e.rules());
    assertEquals("acano.steven.lab", e.sipDomain());
    assertEquals("acano.steven.lab", e.checkDomain());
    assertEquals("vcse.steven.lab:5061", e.fqdns().get("fqdn1"));
    assertEquals("vcse.steven.lab:25002", e.fqdns().get("Peer"));
    assertTrue(e.plainLanguage().contains("none of the FQDNs is in the same domain"), e.plainLanguage());
    assertTrue(e.plainLanguage().contains("(it is in steven.lab, another domain)"), e.plainLanguage());
    assertTrue(e.remediation().contains("5061 vcse.acano.steven.lab."), e.remediation());
  }

  @Test
  void edgeRecordCertMismatchJoinsBrokenParameterName() throws IOException {
    Explanation e = only(resource("seed-edge-1010-cert-mismatch.txt"));
    assertEquals("0xC3E93D67", e.resultCode());
    assertEquals("SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH", e.resultName());
    assertEquals(List.of(RuleId.CERT_NAME_MISMATCH), e.rules());
    assertEquals("vcse.acano.steven.lab", e.fqdns().get("expected-fqdn"));
    assertEquals("vcse.steven.lab", e.fqdns().get("certName"));
    assertEquals("acano.steven.lab", e.checkDomain());
    assertTrue(e.remediation().contains("vcse.acano.steven.lab"), e.remediation());
  }

  @Test
  void expresswayTimeoutWithoutDiagnosticsPointsAtEdgeLog() throws IOException {
    Explanation e = only(resource("seed-expressway-504.txt"));
    assertEquals(DiagnosticKind.SIP_504_WITHOUT_DIAGNOSTICS, e.kind());
    assertNull(e.msDiagnosticsCode());
    assertEquals("acano.steven.lab", e.sipDomain());
    assertEquals("acano.steven.lab", e.checkDomain());
    assertTrue(e.rules().containsAll(List.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH, RuleId.CERT_NAME_MISMATCH)));
    assertTrue(e.remediation().contains("$$begin_record"), e.remediation());
    assertTrue(e.remediation().contains("f1b3ad5d-183b-4632-b210-c2f9bec71960"), e.remediation());
  }

  @Test
  void wholeSeedTroubleshootingSectionInOrder() throws IOException {
    String all = resource("seed-expressway-504.txt") + "\n" + resource("seed-edge-1009-no-srv-match.txt")
        + "\n" + resource("seed-edge-1010-cert-mismatch.txt") + "\n" + resource("seed-client-1009.txt")
        + "\n" + resource("seed-client-1010.txt");
    List<Explanation> es = DiagnosticsExplainer.explain(all);
    assertEquals(List.of(DiagnosticKind.SIP_504_WITHOUT_DIAGNOSTICS, DiagnosticKind.EDGE_RECORD,
        DiagnosticKind.EDGE_RECORD, DiagnosticKind.MS_DIAGNOSTICS_HEADER, DiagnosticKind.MS_DIAGNOSTICS_HEADER),
        es.stream().map(Explanation::kind).toList());
    assertEquals(List.of("acano.steven.lab", "acano.steven.lab", "acano.steven.lab", "cms.steven.lab", "cms.steven.lab"),
        es.stream().map(Explanation::checkDomain).toList());
  }
}
