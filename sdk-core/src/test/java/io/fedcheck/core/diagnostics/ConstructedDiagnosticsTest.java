package io.fedcheck.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.RuleId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs built from the documented formats: folding, broken values, case, several records. */
class ConstructedDiagnosticsTest {

  private static Explanation only(String text) {
    return SeedExcerptsTest.only(text);
  }

  @Test
  void foldedHeaderWithCrlfContinuationLines() {
    String response = "SIP/2.0 504 Server time-out\r\n"
        + "From: <sip:alice@skype.lab>;tag=1\r\n"
        + "To: <sip:bob@example.com>;tag=2\r\n"
        + "ms-diagnostics: 1009;reason=\"No match for domain in DNS SRV results\";\r\n"
        + "  domain=\"example.com\";\r\n"
        + "\tfqdn1=\"expe.dummy.com:5061\";source=\"sip.skype.lab\"\r\n"
        + "Content-Length: 0\r\n\r\n";
    Explanation e = only(response);
    assertEquals(List.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH), e.rules());
    assertEquals("example.com", e.sipDomain());
    assertEquals("expe.dummy.com:5061", e.fqdns().get("fqdn1"));
    assertTrue(e.plainLanguage().contains("(it is in dummy.com, another domain)"), e.plainLanguage());
    assertTrue(e.remediation().contains("SRV 0 0 5061 expe.example.com."), e.remediation());
  }

  @Test
  void lineBreaksInsideQuotedValuesAreArtefacts() {
    Explanation e = only("ms-diagnostics: 1010;reason=\"Certificate trust with another server could\n"
        + "not be established\";ErrorType=\"The peer certificate does not contain a\n\n matching FQDN\";"
        + "tls-target=\"vcse.cms.ste\n   ven.lab\";PeerServer=\"vcse.\nsteven.lab\"");
    assertEquals(List.of(RuleId.CERT_NAME_MISMATCH), e.rules(), "ErrorType alone selects the rule");
    assertEquals("vcse.cms.steven.lab", e.fqdns().get("tls-target"));
    assertEquals("vcse.steven.lab", e.fqdns().get("PeerServer"));
    assertTrue(e.plainLanguage().contains("could not be established"), e.plainLanguage());
    assertEquals("cms.steven.lab", e.checkDomain());
  }

  @Test
  void hexCodesMatchWhateverTheirCase() {
    Explanation edge = only("$$begin_record Severity: error Text: x Result-Code: 0XC3e93D67 "
        + "sipproxy_e_lowercase Data: expected-fqdn=\"a.example.com\";certName=\"b.example.com\" $$end_record");
    assertEquals("0xC3E93D67", edge.resultCode());
    assertEquals(List.of(RuleId.CERT_NAME_MISMATCH), edge.rules());
    Explanation header = only("MS-Diagnostics: 1010;reason=\"x\";HRESULT=\"0x80090325(sec_e_untrusted_root)\"");
    assertEquals("0x80090325", header.hresult());
    assertEquals(List.of(RuleId.CERT_UNTRUSTED), header.rules());
    assertEquals("SEC_E_UNTRUSTED_ROOT", header.hresultName(), "name from the catalogue when not upper-case");
  }

  @Test
  void severalRecordsInOnePasteAreExplainedInOrder() {
    String paste = "ms-diagnostics: 1008;reason=\"Unable to resolve DNS SRV record\";domain=\"one.example\"\n"
        + "noise $$begin_record Result-Code: 0xc3e93d6f SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH"
        + " Data: domain=\"two.example\";fqdn1=\"sip.three.example:5061\" $$end_record\n"
        + "$$begin_record Result-Code: 0xc3e93d67 SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH Data:"
        + " expected-fqdn=\"sip.four.example\";certName=\"other.example\" $$end_record\n"
        + "ms-diagnostics-public: 1034;reason=\"Previous hop federated peer did not report diagnostic information\"\n";
    List<Explanation> es = DiagnosticsExplainer.explain(paste);
    assertEquals(4, es.size(), es::toString);
    assertEquals(List.of(RuleId.SRV_MISSING, RuleId.SRV_NOT_AVAILABLE), es.get(0).rules());
    assertEquals("one.example", es.get(0).checkDomain());
    assertEquals("two.example", es.get(1).checkDomain());
    assertEquals(List.of(RuleId.CERT_NAME_MISMATCH), es.get(2).rules());
    assertEquals("four.example", es.get(2).checkDomain());
    assertEquals(1034, es.get(3).msDiagnosticsCode());
    assertTrue(es.get(3).rules().isEmpty());
    assertTrue(es.get(3).recognised());
  }

  @Test
  void code1010WithoutDetailListsEveryCertificateCandidate() {
    Explanation e = only("ms-diagnostics: 1010;reason=\"Certificate trust with another server could not be"
        + " established\";tls-target=\"sip.example.com\"");
    assertTrue(e.rules().size() > 1);
    assertTrue(e.rules().containsAll(List.of(RuleId.CERT_NAME_MISMATCH, RuleId.CERT_UNTRUSTED, RuleId.CERT_EXPIRED)));
    assertTrue(e.rules().stream().allMatch(r -> r.name().startsWith("CERT_")));
    assertEquals("example.com", e.checkDomain());
    assertTrue(e.plainLanguage().contains("candidates"), e.plainLanguage());
  }

  @Test
  void knownSspiStatusesSelectTheirRule() {
    assertEquals(List.of(RuleId.CERT_EXPIRED),
        only("ms-diagnostics: 1010;HRESULT=\"0x80090328(SEC_E_CERT_EXPIRED)\"").rules());
    assertEquals(List.of(RuleId.CERT_NAME_MISMATCH),
        only("ms-diagnostics: 1010;HRESULT=\"0x80090322\"").rules());
    Explanation unknown = only("ms-diagnostics: 1010;ErrorType=\"The peer certificate does not contain a"
        + " matching FQDN\";HRESULT=\"0x8009FFFF(SEC_E_SOMETHING)\"");
    assertEquals(List.of(RuleId.CERT_NAME_MISMATCH), unknown.rules(), "falls back to the ErrorType");
    assertTrue(unknown.plainLanguage().contains("0x8009FFFF (SEC_E_SOMETHING) is not one fedcheck knows"));
  }

  @Test
  void code1027IsKnownButNoRule() {
    Explanation e = only("ms-diagnostics: 1027;reason=\"Cannot route this type of request to federated partners\"");
    assertTrue(e.recognised());
    assertTrue(e.rules().isEmpty());
    assertTrue(e.plainLanguage().contains("does not route this type of request"), e.plainLanguage());
  }

  @Test
  void unknownCodeIsShownAsUnknownNeverGuessed() {
    Explanation e = only("ms-diagnostics: 1234;reason=\"Something new\";domain=\"example.com\"");
    assertFalse(e.recognised());
    assertTrue(e.rules().isEmpty());
    assertTrue(e.plainLanguage().startsWith("unknown ms-diagnostics code 1234"), e.plainLanguage());
    assertTrue(e.plainLanguage().contains("Something new"));
    assertEquals("example.com", e.checkDomain());
    Explanation edge = only("$$begin_record Text: odd Result-Code: 0x12345678 SIPPROXY_E_NEW $$end_record");
    assertFalse(edge.recognised());
    assertTrue(edge.plainLanguage().startsWith("unknown Edge result code 0x12345678 SIPPROXY_E_NEW"),
        edge.plainLanguage());
  }

  @Test
  void a504WithDiagnosticsIsExplainedOnceByItsHeader() {
    List<Explanation> es = DiagnosticsExplainer.explain(
        "SIP/2.0 504 Server time-out\nFrom: <sip:a@skype.lab>\nms-diagnostics: 1009;domain=\"x.example\";fqdn1=\"h.y.example\"\n"
            + "SIP/2.0 504 Server time-out\nFrom: <sip:a@skype.lab>\nTo: <sip:b@x.example>\n");
    assertEquals(List.of(DiagnosticKind.MS_DIAGNOSTICS_HEADER, DiagnosticKind.SIP_504_WITHOUT_DIAGNOSTICS),
        es.stream().map(Explanation::kind).toList());
    Explanation bare = es.get(1);
    assertNull(bare.checkDomain(), "direction unknown outside an Expressway log");
    assertTrue(bare.plainLanguage().contains("the From domain skype.lab"), bare.plainLanguage());
    assertTrue(bare.plainLanguage().contains("the To domain x.example"), bare.plainLanguage());
  }

  @Test
  void inviteDomainComesFromPAssertedIdentityThenFrom() {
    String withPai = "INVITE sip:stejanss@skype.lab SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bK1\r\n"
        + "From: \"DX70\" <sip:2000@steven.lab>;tag=1\r\n"
        + "P-Asserted-Identity: <tel:+3221234>, \"DX70\" <sip:2000@Acano.Steven.Lab>\r\n"
        + "To: <sip:stejanss@skype.lab>\r\n\r\n";
    Explanation e = only(withPai);
    assertEquals(DiagnosticKind.SIP_INVITE, e.kind());
    assertEquals("acano.steven.lab", e.sipDomain());
    assertEquals("acano.steven.lab", e.checkDomain());
    assertTrue(e.plainLanguage().contains("P-Asserted-Identity"));
    assertTrue(e.plainLanguage().contains("_sipfederationtls._tcp.acano.steven.lab"));

    Explanation noPai = only(withPai.replace("P-Asserted-Identity: <tel:+3221234>, \"DX70\" <sip:2000@Acano.Steven.Lab>\r\n", ""));
    assertEquals("steven.lab", noPai.sipDomain());
    assertTrue(noPai.plainLanguage().contains("taken from From"));
  }

  @Test
  void anInviteInsideAnEdgeRecordIsPartOfTheRecord() {
    List<Explanation> es = DiagnosticsExplainer.explain("$$begin_record Result-Code: 0xc3e93d6f\n"
        + "INVITE sip:a@skype.lab SIP/2.0\nFrom: <sip:b@x.example>\n$$end_record");
    assertEquals(1, es.size());
    assertEquals(DiagnosticKind.EDGE_RECORD, es.get(0).kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \n\n", "hello world", "ms-diagnostics", "ms-diagnostics: abc",
      "ms-diagnostics:", "xms-diagnostics: 1009", "ms-diagnostics: 99999999999", "SIP/2.0 200 OK\n",
      "INVITE tel:123 SIP/2.0\n", "$$end_record", "Result-Code: 0xc3e93d6f"})
  void textWithNothingToExplainGivesNoExplanation(String text) {
    assertEquals(List.of(), DiagnosticsExplainer.explain(text));
  }

  @Test
  void nullIsEmpty() {
    assertEquals(List.of(), DiagnosticsExplainer.explain(null));
  }

  @Test
  void hugeInputIsReadOnlyUpToTheLimit() {
    String header = "ms-diagnostics: 1009;domain=\"example.com\";fqdn1=\"a.b.example.com\"\n";
    StringBuilder b = new StringBuilder(header);
    while (b.length() < DiagnosticsExplainer.MAX_INPUT_CHARS + 10) {
      b.append("filler line without anything of interest\n");
    }
    b.append(header.replace("1009", "1008"));
    List<Explanation> es = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> DiagnosticsExplainer.explain(b.toString()));
    assertEquals(1, es.size(), "the header past the limit is not read");
    assertEquals(1009, es.get(0).msDiagnosticsCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ms-diagnostics: 1;a=\"", "$$begin_record Data: a=\"", "SIP/2.0 504 x\n",
      "INVITE sip:a@b SIP/2.0\nFrom: <sip:", "ms-diagnostics: 1010;expected-\n", "x=\"\"\"\";;;=",
      "$$begin_record Result-Code: 0x", "ms-diagnostics:1;a=b;"})
  void hostileRepetitionStaysLinear(String unit) {
    String text = unit.repeat(DiagnosticsExplainer.MAX_INPUT_CHARS / unit.length() + 1);
    List<Explanation> es = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> DiagnosticsExplainer.explain(text));
    assertTrue(es.size() <= DiagnosticsExplainer.MAX_EXPLANATIONS, () -> "got " + es.size());
  }

  @Test
  void manyRecordsAreCappedKeepingTheFirst() {
    String text = "ms-diagnostics: 1008;domain=\"a.example\"\n".repeat(DiagnosticsExplainer.MAX_EXPLANATIONS + 50)
        + "ms-diagnostics: 1009;domain=\"b.example\"\n";
    List<Explanation> es = DiagnosticsExplainer.explain(text);
    assertEquals(DiagnosticsExplainer.MAX_EXPLANATIONS, es.size());
    assertTrue(es.stream().allMatch(e -> e.msDiagnosticsCode() == 1008));
  }

  @Test
  void randomMixturesOfFragmentsNeverThrow() {
    String[] parts = {"ms-diagnostics", ":", " 1010", "1009", ";", "domain=", "\"", "\n", "\r\n", "  ",
        "$$begin_record", "$$end_record", "Result-Code:", "0xc3e93d6f", "Data:", "expected-", "fqdn=",
        "SIP/2.0 504 ", "INVITE sip:", " SIP/2.0", "From:", "<sip:a@", "example.com", ">", "HRESULT=",
        "0x80090322(", "İ", "\u0000", "é", "Peer:", "-public"};
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(40);
      for (int j = 0; j < n; j++) {
        b.append(parts[random.nextInt(parts.length)]);
      }
      List<Explanation> es = DiagnosticsExplainer.explain(b.toString());
      for (Explanation e : es) {
        assertFalse(e.plainLanguage().isBlank());
        assertTrue(e.recognised() || e.rules().isEmpty());
      }
    }
  }

  @Test
  void explanationValidatesItself() {
    assertThrows(IllegalArgumentException.class, () -> new Explanation(DiagnosticKind.MS_DIAGNOSTICS_HEADER,
        1234, null, null, null, null, false, List.of(RuleId.SRV_MISSING), "x", "y", null, Map.of(), null, ""));
    assertThrows(IllegalArgumentException.class, () -> new Explanation(DiagnosticKind.EDGE_RECORD,
        null, "0xc3e93d6f", null, null, null, true, List.of(), "x", "y", null, Map.of(), null, ""));
    assertThrows(NullPointerException.class, () -> new Explanation(null,
        null, null, null, null, null, true, List.of(), "x", "y", null, Map.of(), null, ""));
  }
}
