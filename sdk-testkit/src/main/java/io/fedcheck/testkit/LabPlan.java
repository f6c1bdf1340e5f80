package io.fedcheck.testkit;

import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * What a {@link FederationLab.Builder} declared, resolved into hosts, servers and zones: which
 * server each host uses, which hosts each server names, and which record goes into which zone.
 * Checks that a host declared by several targets is declared consistently. Not thread-safe; used
 * once, while a lab starts.
 */
final class LabPlan {
  /** One server to start: its key, its spec and the hosts it serves (its default SAN list). */
  record Server(String key, ServerSpec spec, List<String> hosts) {}

  /** One host's DNS facts and server. */
  private record Host(
      String name, List<String> addresses, List<String> ipv6, String aliasOf, String serverKey, String sharedServer) {}

  /** One record, by its owner name, and how to add it to the zone that will hold it. */
  private record Entry(String owner, Consumer<DnsZone.Builder> add) {}

  private final Collection<DomainSpec> domains;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final Map<String, Server> servers = new LinkedHashMap<>();
  private final Map<String, DnsFault> faults = new LinkedHashMap<>();

  private LabPlan(Collection<DomainSpec> domains) {
    this.domains = domains;
  }

  static LabPlan of(Collection<DomainSpec> domains, Map<String, ServerSpec> sharedServers) {
    LabPlan plan = new LabPlan(domains);
    Map<String, Set<String>> hostsByServer = new LinkedHashMap<>();
    Map<String, ServerSpec> specs = new LinkedHashMap<>();
    for (DomainSpec d : domains) {
      if (d.srvFaultValue() != null) {
        plan.faults.put(FederationLab.srvName(d.name()), d.srvFaultValue());
      }
      for (TargetSpec t : d.targets()) {
        String shared = t.sharedServer();
        String key;
        if (shared != null) {
          ServerSpec spec = sharedServers.get(shared);
          if (spec == null) {
            throw new IllegalArgumentException(t.host() + " uses server " + shared + ", which is not declared");
          }
          key = "server:" + shared;
          specs.putIfAbsent(key, spec);
        } else {
          key = "target:" + t.host();
          specs.putIfAbsent(key, t.ownServer());
        }
        Host host = new Host(t.host(), t.addressList(), t.ipv6List(), t.aliasOf(), key, shared);
        Host earlier = plan.hosts.putIfAbsent(t.host(), host);
        if (earlier != null) {
          checkSameHost(earlier, host);
        }
        hostsByServer.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(t.host());
        if (t.faultValue() != null) {
          DnsFault previous = plan.faults.put(t.host(), t.faultValue());
          if (previous != null && previous != t.faultValue()) {
            throw new IllegalArgumentException(t.host() + " is declared twice with different faults");
          }
        }
      }
    }
    specs.forEach(
        (key, spec) -> plan.servers.put(key, new Server(key, spec, List.copyOf(hostsByServer.get(key)))));
    return plan;
  }

  private static void checkSameHost(Host a, Host b) {
    if (a.sharedServer() == null || b.sharedServer() == null) {
      throw new IllegalArgumentException(
          b.name() + " is the target of several SRV records: declare one server(...) for it and"
              + " use .server(id) on each, since one host is one machine with one certificate");
    }
    if (!a.sharedServer().equals(b.sharedServer())
        || !a.addresses().equals(b.addresses())
        || !a.ipv6().equals(b.ipv6())
        || !Objects.equals(a.aliasOf(), b.aliasOf())) {
      throw new IllegalArgumentException(b.name() + " is declared twice with different server, addresses or alias");
    }
  }

  List<Server> servers() {
    return List.copyOf(servers.values());
  }

  Map<String, String> serverKeyByHost() {
    Map<String, String> out = new LinkedHashMap<>();
    hosts.forEach((name, host) -> out.put(name, host.serverKey()));
    return out;
  }

  Map<String, DnsFault> faults() {
    return faults;
  }

  List<LabTarget> labTargets(DomainSpec d, Map<String, Integer> portByServer) {
    List<LabTarget> out = new ArrayList<>();
    if (d.notAvailable()) {
      out.add(new LabTarget(d.name(), ".", 0, 0, 0));
    }
    for (TargetSpec t : d.targets()) {
      out.add(new LabTarget(d.name(), t.host(), t.priorityValue(), t.weightValue(), port(t, portByServer)));
    }
    return List.copyOf(out);
  }

  private int port(TargetSpec t, Map<String, Integer> portByServer) {
    if (t.portOverride() != null) {
      return t.portOverride();
    }
    return portByServer.get(hosts.get(t.host()).serverKey());
  }

  /** The zones: one per declared domain plus one per parent of a host outside every domain. */
  List<DnsZone> zones(Map<String, Integer> portByServer, long ttl) {
    List<Entry> entries = new ArrayList<>();
    for (DomainSpec d : domains) {
      String owner = FederationLab.srvName(d.name());
      if (d.notAvailable()) {
        entries.add(new Entry(owner, z -> z.srv(owner + ".", 0, 0, 0, ".")));
      }
      if (d.noSrvData()) {
        entries.add(new Entry(owner, z -> z.record(txt(owner, ttl))));
      }
      for (TargetSpec t : d.targets()) {
        int port = port(t, portByServer);
        entries.add(
            new Entry(owner, z -> z.srv(owner + ".", t.priorityValue(), t.weightValue(), port, t.host() + ".")));
      }
    }
    for (Host h : hosts.values()) {
      String addressOwner = h.name();
      if (h.aliasOf() != null) {
        entries.add(new Entry(h.name(), z -> z.cname(h.name() + ".", h.aliasOf() + ".")));
        addressOwner = h.aliasOf();
      }
      String owner = addressOwner;
      for (String a : h.addresses()) {
        entries.add(new Entry(owner, z -> z.a(owner + ".", a)));
      }
      for (String a : h.ipv6()) {
        entries.add(new Entry(owner, z -> z.aaaa(owner + ".", a)));
      }
    }

    Set<String> origins = new LinkedHashSet<>();
    domains.forEach(d -> origins.add(d.name()));
    for (Entry e : entries) {
      if (mostSpecificOrigin(e.owner(), origins) == null) {
        int dot = e.owner().indexOf('.');
        origins.add(dot < 0 ? e.owner() : e.owner().substring(dot + 1));
      }
    }
    Map<String, DnsZone.Builder> builders = new LinkedHashMap<>();
    origins.forEach(o -> builders.put(o, DnsZone.builder(o).ttl(ttl)));
    for (Entry e : entries) {
      e.add().accept(builders.get(mostSpecificOrigin(e.owner(), origins)));
    }
    List<DnsZone> zones = new ArrayList<>();
    builders.values().forEach(b -> zones.add(b.build()));
    return zones;
  }

  private static String mostSpecificOrigin(String owner, Set<String> origins) {
    String best = null;
    for (String o : origins) {
      if ((owner.equals(o) || owner.endsWith("." + o)) && (best == null || o.length() > best.length())) {
        best = o;
      }
    }
    return best;
  }

  private static TXTRecord txt(String owner, long ttl) {
    try {
      return new TXTRecord(Name.fromString(owner + "."), DClass.IN, ttl, "no SRV data here");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad DNS name: " + owner, e);
    }
  }
}
