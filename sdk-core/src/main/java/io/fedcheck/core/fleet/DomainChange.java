package io.fedcheck.core.fleet;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How one domain changed between two audits: the line a fleet diff prints for it. Empty {@code
 * kinds} means unchanged.
 *
 * @param asciiDomain the domain
 * @param oldVerdict the old verdict, or {@code null} when the domain was not in the old audit
 * @param newVerdict the new verdict, or {@code null} when it is not in the new audit
 * @param kinds what changed (empty when nothing did)
 * @param addedRules ERROR/WARNING rules that stand now and did not before (all of them when added)
 * @param removedRules rules that stood before and no longer do (all of them when removed)
 * @param renewedEndpoints the {@code fqdn:port}s whose certificate was renewed (sorted)
 * @param replacedEndpoints the {@code fqdn:port}s whose certificate was replaced (sorted)
 */
public record DomainChange(
    String asciiDomain, Verdict oldVerdict, Verdict newVerdict, Set<ChangeKind> kinds,
    SortedSet<RuleId> addedRules, SortedSet<RuleId> removedRules, List<String> renewedEndpoints,
    List<String> replacedEndpoints) {
  public DomainChange {
    Objects.requireNonNull(asciiDomain, "asciiDomain");
    if (oldVerdict == null && newVerdict == null) {
      throw new IllegalArgumentException("a domain is in at least one of the audits");
    }
    kinds = Collections.unmodifiableSet(
        kinds.isEmpty() ? EnumSet.noneOf(ChangeKind.class) : EnumSet.copyOf(kinds));
    addedRules = Collections.unmodifiableSortedSet(new TreeSet<>(addedRules));
    removedRules = Collections.unmodifiableSortedSet(new TreeSet<>(removedRules));
    renewedEndpoints = List.copyOf(new TreeSet<>(renewedEndpoints));
    replacedEndpoints = List.copyOf(new TreeSet<>(replacedEndpoints));
    if (kinds.contains(ChangeKind.ADDED) != (oldVerdict == null)
        || kinds.contains(ChangeKind.REMOVED) != (newVerdict == null)) {
      throw new IllegalArgumentException("ADDED/REMOVED must match the absent side");
    }
  }

  /** Whether nothing changed. */
  public boolean unchanged() {
    return kinds.isEmpty();
  }
}
