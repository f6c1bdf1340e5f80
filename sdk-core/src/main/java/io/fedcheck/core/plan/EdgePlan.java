package io.fedcheck.core.plan;

import com.google.common.net.InetAddresses;
import io.fedcheck.core.rules.AddressClass;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one federation edge (an Expressway-E, say) serving several SIP domains needs: one SRV
 * target directly inside each domain, A records for those targets, and a certificate naming every
 * target.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * EdgePlan plan = EdgePlan.builder()
 *     .domains("steven.lab", "acano.steven.lab", "cms.steven.lab")
 *     .hostLabel("vcse")
 *     .address("203.0.113.10")
 *     .build();
 * String zone = plan.toZoneFile();
 * }</pre>
 *
 * @param domains the SIP domains and their targets, in the order given
 * @param addresses the edge's public IPv4 addresses (each target gets an A record for each)
 * @param ttl the TTL of the planned records, in seconds
 * @param port the SIP TLS port of the edge (5061 unless a Microsoft peer is told otherwise)
 */
public record EdgePlan(List<PlannedDomain> domains, List<Inet4Address> addresses, long ttl, int port) {

  /** The usual TTL of the planned records: one hour. */
  public static final long DEFAULT_TTL = 3600;

  /** The SIP TLS port Microsoft edges expect. */
  public static final int DEFAULT_PORT = 5061;

  public EdgePlan {
    domains = List.copyOf(domains);
    addresses = List.copyOf(addresses);
    List<String> problems = new ArrayList<>();
    if (domains.isEmpty()) {
      problems.add("no SIP domain given");
    }
    Set<String> seen = new HashSet<>();
    for (PlannedDomain d : domains) {
      if (!seen.add(d.domain())) {
        problems.add("domain " + d.domain() + " is given twice");
      }
    }
    if (addresses.isEmpty()) {
      problems.add("no IPv4 address given for the edge: Microsoft edges need an A record");
    }
    if (new HashSet<>(addresses).size() != addresses.size()) {
      problems.add("an address is given twice");
    }
    if (ttl < 0 || ttl > 0x7FFFFFFFL) {
      problems.add("ttl must be 0.." + 0x7FFFFFFFL + ": " + ttl);
    }
    if (port < 1 || port > 0xFFFF) {
      problems.add("port must be 1..65535: " + port);
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
  }

  /** A builder with TTL {@link #DEFAULT_TTL} and port {@link #DEFAULT_PORT}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The names the edge certificate needs in its subjectAltName list: every SRV target. The bare
   * domains are not needed (Microsoft matches the target's FQDN).
   */
  public List<String> subjectAltNames() {
    return domains.stream().map(PlannedDomain::target).distinct().toList();
  }

  /**
   * What works but deserves a second look: addresses a Microsoft edge on the internet cannot reach
   * (private, loopback, CGNAT...), which a live check reports as {@code TARGET_ADDRESS_NOT_PUBLIC}.
   * Empty when there is nothing to say.
   */
  public List<String> warnings() {
    return addresses.stream()
        .filter(a -> !AddressClass.of(a).isPublic())
        .map(a -> a.getHostAddress() + " is a " + AddressClass.of(a).name().toLowerCase(java.util.Locale.ROOT)
            + " address, not reachable from the internet: Microsoft edges cannot connect to it"
            + " (TARGET_ADDRESS_NOT_PUBLIC); publish the edge's public address, or the NAT address in front of it")
        .toList();
  }

  /**
   * The records to publish, in BIND zone-file syntax with absolute names: per domain its SRV
   * record, then the A records of its target.
   */
  public String toZoneFile() {
    StringBuilder b = new StringBuilder();
    b.append("; SIP federation records for ").append(domains.size())
        .append(domains.size() == 1 ? " domain" : " domains").append(" served by one edge\n");
    for (PlannedDomain d : domains) {
      b.append(d.srvName()).append(". ").append(ttl).append(" IN SRV 0 0 ").append(port).append(' ')
          .append(d.target()).append(".\n");
      for (Inet4Address a : addresses) {
        b.append(d.target()).append(". ").append(ttl).append(" IN A ").append(a.getHostAddress()).append('\n');
      }
    }
    return b.toString();
  }

  /** Builds an {@link EdgePlan}, collecting every input problem into one {@link InvalidPlanException}. Not thread-safe. */
  public static final class Builder {
    private final List<String> domains = new ArrayList<>();
    private final Map<String, String> explicitTargets = new LinkedHashMap<>();
    private final List<String> addresses = new ArrayList<>();
    private String hostLabel;
    private long ttl = DEFAULT_TTL;
    private int port = DEFAULT_PORT;

    private Builder() {}

    /** Adds SIP domains the edge serves. */
    public Builder domains(String... names) {
      for (String n : names) {
        domains.add(Objects.requireNonNull(n, "domain"));
      }
      return this;
    }

    /** Adds SIP domains the edge serves. */
    public Builder domains(List<String> names) {
      return domains(names.toArray(String[]::new));
    }

    /** Forms each target as {@code <label>.<domain>} (such as {@code sip}); explicit targets win. */
    public Builder hostLabel(String label) {
      this.hostLabel = Objects.requireNonNull(label, "label");
      return this;
    }

    /** Sets the target of {@code domain} explicitly (and adds the domain if it is not yet given). */
    public Builder target(String domain, String target) {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(target, "target");
      explicitTargets.put(domain, target);
      return this;
    }

    /** Sets explicit targets, as a {@code domain → target} map. */
    public Builder targets(Map<String, String> targets) {
      targets.forEach(this::target);
      return this;
    }

    /** Adds a public IPv4 address of the edge, as a literal such as {@code 203.0.113.10}. */
    public Builder address(String literal) {
      addresses.add(Objects.requireNonNull(literal, "address"));
      return this;
    }

    /** Adds a public IPv4 address of the edge. */
    public Builder address(InetAddress address) {
      return address(address.getHostAddress());
    }

    /** Sets the TTL of the planned records, in seconds. */
    public Builder ttl(long seconds) {
      this.ttl = seconds;
      return this;
    }

    /** Sets the SIP TLS port (5061 unless there is a reason). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The plan.
     *
     * @throws InvalidPlanException listing every problem of the input
     */
    public EdgePlan build() {
      List<String> problems = new ArrayList<>();
      List<String> names = new ArrayList<>(domains);
      for (String d : explicitTargets.keySet()) {
        if (!names.contains(d)) {
          names.add(d);
        }
      }
      Map<String, String> explicit = new LinkedHashMap<>();
      explicitTargets.forEach((d, t) -> explicit.put(normalizeOrNull(d), t));
      String label = hostLabel == null ? null : hostLabel.strip();
      if (label != null && !isLabel(label)) {
        problems.add("host label \"" + hostLabel + "\" is not a single DNS label (letters, digits,"
            + " hyphens; no dots)");
        label = null;
      }
      List<PlannedDomain> planned = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String name : names) {
        String domain = normalizeOrNull(name);
        if (domain == null) {
          problems.add("\"" + name + "\" is not a valid DNS domain name");
          continue;
        }
        if (!seen.add(domain)) {
          continue; // the same domain given as a name and with an explicit target
        }
        String target = explicit.containsKey(domain) ? explicit.get(domain)
            : label == null ? null : label + "." + domain;
        if (target == null) {
          if (hostLabel == null) {
            problems.add("no target for " + domain + ": give a host label (such as sip) or an"
                + " explicit target inside " + domain);
          }
          continue;
        }
        String t = normalizeOrNull(target);
        if (t == null) {
          problems.add("target \"" + target + "\" for " + domain + " is not a valid DNS name");
          continue;
        }
        String problem = PlannedDomain.targetProblem(domain, t);
        if (problem != null) {
          problems.add(problem);
          continue;
        }
        planned.add(new PlannedDomain(domain, t));
      }
      if (names.isEmpty()) {
        problems.add("no SIP domain given");
      }
      List<Inet4Address> ips = new ArrayList<>();
      for (String literal : addresses) {
        String a = literal.strip();
        if (!InetAddresses.isInetAddress(a)) {
          problems.add("\"" + literal + "\" is not an IP address literal");
        } else if (!(InetAddresses.forString(a) instanceof Inet4Address v4)) {
          problems.add(a + " is not an IPv4 address: Microsoft edges look up A records only");
        } else if (!ips.contains(v4)) {
          ips.add(v4);
        }
      }
      if (addresses.isEmpty()) {
        problems.add("no IPv4 address given for the edge: Microsoft edges need an A record");
      }
      if (!problems.isEmpty()) {
        throw new InvalidPlanException(problems);
      }
      return new EdgePlan(planned, ips, ttl, port);
    }

    private static String normalizeOrNull(String name) {
      try {
        return PlannedDomain.normalize("domain", name);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static boolean isLabel(String label) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
          return false;
        }
      }
      return true;
    }
  }
}
