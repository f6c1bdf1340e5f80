package io.fedcheck.core.fleet;

import io.fedcheck.api.RuleId;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One fix to make on one edge: the rule it clears, a single remediation text covering every tenant
 * of the edge with that rule's finding, and who it helps. Ranked inside an {@link Edge} by how many
 * failing tenants it concerns.
 *
 * @param rule the rule whose ERROR or WARNING finding this action clears
 * @param remediation what to do on the edge, once, for all {@code tenants}
 * @param tenants the ASCII domains with this rule's finding on the edge (sorted, distinct)
 * @param failingTenants how many of {@code tenants} have verdict FAIL: an upper bound on the
 *     tenants this action unblocks (a tenant with other errors stays FAIL until those are fixed too)
 * @param sanNamesToAdd for {@link RuleId#CERT_NAME_MISMATCH}, the names missing from the edge
 *     certificate's subjectAltName (sorted, distinct); empty for every other rule
 */
public record EdgeAction(
    RuleId rule, String remediation, List<String> tenants, int failingTenants,
    List<String> sanNamesToAdd) {
  public EdgeAction {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(remediation, "remediation");
    if (remediation.isBlank()) {
      throw new IllegalArgumentException("remediation must not be blank");
    }
    tenants = List.copyOf(new TreeSet<>(tenants));
    if (tenants.isEmpty()) {
      throw new IllegalArgumentException("an action concerns at least one tenant");
    }
    if (failingTenants < 0 || failingTenants > tenants.size()) {
      throw new IllegalArgumentException(
          "failingTenants must be 0.." + tenants.size() + ": " + failingTenants);
    }
    sanNamesToAdd = List.copyOf(new TreeSet<>(sanNamesToAdd));
    if (!sanNamesToAdd.isEmpty() && rule != RuleId.CERT_NAME_MISMATCH) {
      throw new IllegalArgumentException("only CERT_NAME_MISMATCH names SAN entries to add");
    }
  }
}
