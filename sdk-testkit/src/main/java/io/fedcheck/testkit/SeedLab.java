package io.fedcheck.testkit;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;

/**
 * The lab of the seed document (a Cisco note on Expressway-E ↔ Skype for Business federation), as
 * ready-made {@link FederationLab}s; {@code fedcheck demo} runs {@link #start()}.
 *
 * <p>In the seed, one Expressway-E ({@code vcse.steven.lab}) serves the UC domain {@code
 * steven.lab} and the Meeting Server domains {@code acano.steven.lab} and {@code cms.steven.lab},
 * and its certificate names only {@code vcse.steven.lab}. The seed's logs show each Meeting Server
 * domain failing in two ways (SRV target outside the domain: 1009; target inside the domain but
 * not in the certificate: 1010). A DNS name has one SRV record set, so one lab cannot show both for
 * the same domain; {@link #start()} gives each seed domain one of its logged failures and adds one
 * domain of its own for the other shape:
 *
 * <table>
 *   <caption>The seed lab ({@link #start()})</caption>
 *   <tr><th>domain</th><th>SRV target</th><th>server</th><th>expected</th><th>seed evidence</th></tr>
 *   <tr><td>{@code steven.lab}</td><td>{@code vcse.steven.lab}</td><td>the Expressway-E, SAN
 *       {@code vcse.steven.lab}</td><td>PASS</td><td>the UC domain</td></tr>
 *   <tr><td>{@code acano.steven.lab}</td><td>{@code vcse.steven.lab} (another domain's host)</td>
 *       <td>the Expressway-E</td><td>FAIL {@code SRV_TARGET_DOMAIN_MISMATCH} (1009)</td><td>edge log
 *       {@code domain="acano.steven.lab";fqdn1="vcse.steven.lab:5061"}</td></tr>
 *   <tr><td>{@code cms.steven.lab}</td><td>{@code vcse.cms.steven.lab}</td><td>the Expressway-E,
 *       whose certificate names only {@code vcse.steven.lab}</td><td>FAIL {@code CERT_NAME_MISMATCH}
 *       (1010)</td><td>client log {@code tls-target="vcse.cms.steven.lab";PeerServer="vcse.steven.lab"}
 *       </td></tr>
 *   <tr><td>{@code meet.steven.lab}</td><td>{@code vcse.sub.meet.steven.lab} (a subdomain)</td><td>its
 *       own server, whose certificate names the target</td><td>FAIL {@code SRV_TARGET_DOMAIN_MISMATCH}
 *       (1009)</td><td>stands in for the client log {@code domain="cms.steven.lab";
 *       fqdn1="vcse.sub.cms.steven.lab:5061"}; its certificate is right so that only the subdomain
 *       rule fires</td></tr>
 *   <tr><td>{@code example.com}</td><td>{@code expe.example.com}</td><td>its own Expressway-E, SAN
 *       {@code expe.example.com}</td><td>PASS</td><td>the seed's DNS example</td></tr>
 * </table>
 *
 * <p>{@link #repaired()} is the same lab after the fix the seed recommends: every steven.lab domain
 * has a target directly inside it ({@code vcse.<domain>}), all on the one Expressway-E, whose
 * certificate lists every one of those targets; every domain passes.
 *
 * <p>Expectations are for the on-premises profile with private addresses allowed and the lab root
 * trusted; besides the expected rules each domain also reports {@link
 * FederationLab#inherentInfoRules()} (the SRV port is an ephemeral port, not 5061). Certificates
 * are EC P-256, SHA-256, EKU serverAuth + clientAuth, valid from yesterday to a year after the
 * lab's clock. Stateless; each call starts a new lab the caller must close.
 */
public final class SeedLab {
  /** The UC domain, which federates correctly. */
  public static final String STEVEN_LAB = "steven.lab";
  /** The Meeting Server domain whose SRV record points at another domain's host. */
  public static final String ACANO_STEVEN_LAB = "acano.steven.lab";
  /** The Meeting Server domain whose target the Expressway-E certificate does not name. */
  public static final String CMS_STEVEN_LAB = "cms.steven.lab";
  /** A domain whose SRV record points into a subdomain. */
  public static final String MEET_STEVEN_LAB = "meet.steven.lab";
  /** The seed's healthy example domain. */
  public static final String EXAMPLE_COM = "example.com";

  /** The shared Expressway-E's server id. */
  private static final String EXPRESSWAY = "vcse";

  private SeedLab() {}

  /** Starts the seed lab described above. */
  public static FederationLab start() {
    return builder().start();
  }

  /** The seed lab's declarations, to start with another clock or with more domains added. */
  public static FederationLab.Builder builder() {
    return FederationLab.builder()
        .server(EXPRESSWAY, s -> s.certificateNames("vcse.steven.lab"))
        .domain(STEVEN_LAB, d -> d.srv("vcse.steven.lab").server(EXPRESSWAY).expect(Verdict.PASS))
        .domain(
            ACANO_STEVEN_LAB,
            d ->
                d.srv("vcse.steven.lab")
                    .server(EXPRESSWAY)
                    .expect(Verdict.FAIL, RuleId.SRV_TARGET_DOMAIN_MISMATCH))
        .domain(
            CMS_STEVEN_LAB,
            d ->
                d.srv("vcse.cms.steven.lab")
                    .server(EXPRESSWAY)
                    .expect(Verdict.FAIL, RuleId.CERT_NAME_MISMATCH))
        .domain(
            MEET_STEVEN_LAB,
            d -> d.srv("vcse.sub.meet.steven.lab").expect(Verdict.FAIL, RuleId.SRV_TARGET_DOMAIN_MISMATCH))
        .domain(EXAMPLE_COM, d -> d.srv("expe.example.com").expect(Verdict.PASS));
  }

  /** Starts the repaired lab: every domain passes. */
  public static FederationLab repaired() {
    return repairedBuilder().start();
  }

  /**
   * The repaired lab's declarations: {@code vcse.<domain>} targets on one Expressway-E whose
   * certificate names all of them (the server's default SAN list), plus {@code example.com}.
   */
  public static FederationLab.Builder repairedBuilder() {
    FederationLab.Builder b = FederationLab.builder().server(EXPRESSWAY, s -> {});
    for (String domain : new String[] {STEVEN_LAB, ACANO_STEVEN_LAB, CMS_STEVEN_LAB, MEET_STEVEN_LAB}) {
      b.domain(domain, d -> d.srv("vcse." + domain).server(EXPRESSWAY).expect(Verdict.PASS));
    }
    return b.domain(EXAMPLE_COM, d -> d.srv("expe.example.com").expect(Verdict.PASS));
  }
}
