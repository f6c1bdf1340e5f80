package io.fedcheck.testkit;

import java.util.Objects;

/**
 * One SRV record a running {@link FederationLab} publishes for a domain, with the port it really
 * carries. Immutable.
 *
 * @param domain the SIP domain ({@code steven.lab})
 * @param host the SRV target ({@code vcse.steven.lab}), or {@code "."} for "not available"
 * @param priority the SRV priority
 * @param weight the SRV weight
 * @param port the SRV port: the target's TLS endpoint's ephemeral port, a refusing port when the
 *     target has no endpoint, or the port declared with {@link TargetSpec#port(int)}
 */
public record LabTarget(String domain, String host, int priority, int weight, int port) {
  public LabTarget {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(host, "host");
    if (priority < 0 || priority > 0xFFFF || weight < 0 || weight > 0xFFFF || port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("priority, weight and port must be 0..65535");
    }
  }
}
