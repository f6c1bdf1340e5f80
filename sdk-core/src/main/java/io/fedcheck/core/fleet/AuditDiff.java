package io.fedcheck.core.fleet;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares what two audits said about one domain. This is the per-domain core of a fleet diff: a
 * caller streams the old and new audits, pairs snapshots by domain and calls {@link #compare} for
 * each pair, so no audit has to fit in memory twice. Pure and thread-safe.
 */
public final class AuditDiff {
  private AuditDiff() {}

  /**
   * How the domain changed from {@code oldOrNull} to {@code newOrNull} (one of them may be absent,
   * not both; when both are present they must name the same domain).
   *
   * <ul>
   *   <li>{@link ChangeKind#ADDED} / {@link ChangeKind#REMOVED}: one side is absent; then no other
   *       kind is reported (there is nothing to compare), and all rules of the present side are the
   *       added or removed rules. A domain that first appears failing is ADDED, not NEWLY_FAILING.
   *   <li>{@link ChangeKind#NEWLY_FAILING}: new FAIL, old present and not FAIL.
   *   <li>{@link ChangeKind#FIXED}: old FAIL, new PASS or WARN (FAIL to UNKNOWN fixes nothing that
   *       can be shown).
   *   <li>{@link ChangeKind#VERDICT_CHANGED}: the verdicts differ (also with the two above).
   *   <li>{@link ChangeKind#RULES_CHANGED}: the ERROR/WARNING rule sets differ.
   *   <li>Per endpoint {@code fqdn:port} with a certificate on both sides and a different
   *       fingerprint: {@link ChangeKind#CERTIFICATE_RENEWED} when the SAN names are equal and the
   *       new notAfter is later; otherwise {@link ChangeKind#CERTIFICATE_REPLACED} (other names, or
   *       the same names without a later expiry, which is a rollback rather than a renewal). An
   *       endpoint with a certificate on one side only is a target change, shown by the rules.
   * </ul>
   */
  public static DomainChange compare(DomainSnapshot oldOrNull, DomainSnapshot newOrNull) {
    if (oldOrNull == null && newOrNull == null) {
      throw new IllegalArgumentException("at least one snapshot is needed");
    }
    if (oldOrNull == null) {
      return new DomainChange(newOrNull.asciiDomain(), null, newOrNull.verdict(),
          EnumSet.of(ChangeKind.ADDED), newOrNull.rules(), new TreeSet<>(), List.of(), List.of());
    }
    if (newOrNull == null) {
      return new DomainChange(oldOrNull.asciiDomain(), oldOrNull.verdict(), null,
          EnumSet.of(ChangeKind.REMOVED), new TreeSet<>(), oldOrNull.rules(), List.of(), List.of());
    }
    if (!oldOrNull.asciiDomain().equals(newOrNull.asciiDomain())) {
      throw new IllegalArgumentException("snapshots of different domains: "
          + oldOrNull.asciiDomain() + " and " + newOrNull.asciiDomain());
    }
    EnumSet<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
    Verdict before = oldOrNull.verdict();
    Verdict after = newOrNull.verdict();
    if (after == Verdict.FAIL && before != Verdict.FAIL) {
      kinds.add(ChangeKind.NEWLY_FAILING);
    }
    if (before == Verdict.FAIL && (after == Verdict.PASS || after == Verdict.WARN)) {
      kinds.add(ChangeKind.FIXED);
    }
    if (before != after) {
      kinds.add(ChangeKind.VERDICT_CHANGED);
    }
    TreeSet<RuleId> added = new TreeSet<>(newOrNull.rules());
    added.removeAll(oldOrNull.rules());
    TreeSet<RuleId> removed = new TreeSet<>(oldOrNull.rules());
    removed.removeAll(newOrNull.rules());
    if (!added.isEmpty() || !removed.isEmpty()) {
      kinds.add(ChangeKind.RULES_CHANGED);
    }
    Map<String, EdgeCertificate> oldByEndpoint = new HashMap<>();
    Map<String, List<EdgeCertificate>> oldByFqdn = new HashMap<>();
    for (EdgeCertificate c : oldOrNull.certificates()) {
      oldByEndpoint.put(c.endpoint(), c);
      oldByFqdn.computeIfAbsent(c.fqdn(), f -> new ArrayList<>()).add(c);
    }
    List<String> renewed = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    for (EdgeCertificate now : newOrNull.certificates()) {
      EdgeCertificate was = oldByEndpoint.get(now.endpoint());
      if (was == null) {
        // The edge moved to another port (the SRV record changed): still the same target's
        // certificate, when the target had exactly one before.
        List<EdgeCertificate> sameTarget = oldByFqdn.getOrDefault(now.fqdn(), List.of());
        was = sameTarget.size() == 1 ? sameTarget.get(0) : null;
      }
      if (was == null || was.leafSha256().equals(now.leafSha256())) {
        continue;
      }
      if (was.sanNames().equals(now.sanNames()) && now.notAfter().isAfter(was.notAfter())) {
        renewed.add(now.endpoint());
      } else {
        replaced.add(now.endpoint());
      }
    }
    if (!renewed.isEmpty()) {
      kinds.add(ChangeKind.CERTIFICATE_RENEWED);
    }
    if (!replaced.isEmpty()) {
      kinds.add(ChangeKind.CERTIFICATE_REPLACED);
    }
    return new DomainChange(newOrNull.asciiDomain(), before, after, kinds, added, removed, renewed,
        replaced);
  }
}
