package io.fedcheck.testkit.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * One authoritative zone for the {@link AuthoritativeDnsServer}, backed by a dnsjava {@link Zone}.
 *
 * <p>Build it in code with {@link #builder(String)}:
 *
 * <pre>{@code
 * DnsZone zone = DnsZone.builder("steven.lab")
 *     .srv("_sipfederationtls._tcp", 0, 0, 5061, "vcse.steven.lab.")
 *     .a("vcse", "127.0.0.1")
 *     .cname("alias", "vcse")
 *     .build();
 * }</pre>
 *
 * or load a master file with {@link #fromMasterFile(String, Path)}. Owner names and targets are
 * relative to the origin unless they end with a dot; {@code "@"} is the origin itself; Unicode
 * (IDN) labels are converted to punycode. The builder adds a SOA and an NS record at the origin when
 * none is given. A built zone is immutable and thread-safe.
 */
public final class DnsZone {
  private final Zone zone;

  private DnsZone(Zone zone) {
    this.zone = zone;
  }

  /** Starts a zone with this origin, such as {@code "steven.lab"}. */
  public static Builder builder(String origin) {
    return new Builder(origin);
  }

  /** Loads a zone from a master (zone) file with dnsjava's parser. */
  public static DnsZone fromMasterFile(String origin, Path file) {
    try {
      return new DnsZone(new Zone(absolute(origin), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load zone file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Wraps an existing dnsjava zone. */
  public static DnsZone of(Zone zone) {
    return new DnsZone(Objects.requireNonNull(zone, "zone"));
  }

  /** The origin, such as {@code steven.lab.}. */
  public Name origin() {
    return zone.getOrigin();
  }

  /** The dnsjava zone holding the records. */
  public Zone zone() {
    return zone;
  }

  /** The zone in master-file format. */
  public String toMasterFile() {
    return zone.toMasterFile();
  }

  @Override
  public String toString() {
    return "DnsZone[" + zone.getOrigin() + "]";
  }

  static Name absolute(String name) {
    try {
      String ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
      return Name.fromString(ascii.endsWith(".") ? ascii : ascii + ".");
    } catch (TextParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("bad DNS name: " + name, e);
    }
  }

  /** Collects records for a {@link DnsZone}. Not thread-safe. */
  public static final class Builder {
    private final Name origin;
    private final List<Record> records = new ArrayList<>();
    private long ttl = 3600;

    private Builder(String origin) {
      this.origin = absolute(Objects.requireNonNull(origin, "origin"));
    }

    /** The TTL of records added after this call (default 3600 s). */
    public Builder ttl(long seconds) {
      if (seconds < 0 || seconds > 0x7FFFFFFFL) {
        throw new IllegalArgumentException("ttl out of range: " + seconds);
      }
      this.ttl = seconds;
      return this;
    }

    /** Adds an SRV record, such as {@code srv("_sipfederationtls._tcp", 0, 0, 5061, "vcse")}. */
    public Builder srv(String owner, int priority, int weight, int port, String target) {
      records.add(new SRVRecord(name(owner), DClass.IN, ttl, priority, weight, port, name(target)));
      return this;
    }

    /** Adds an A record. */
    public Builder a(String owner, String ipv4) {
      records.add(new ARecord(name(owner), DClass.IN, ttl, address(ipv4, 4)));
      return this;
    }

    /** Adds an AAAA record. */
    public Builder aaaa(String owner, String ipv6) {
      records.add(new AAAARecord(name(owner), DClass.IN, ttl, address(ipv6, 16)));
      return this;
    }

    /** Adds a CNAME record: {@code alias} is an alias of {@code target}. */
    public Builder cname(String alias, String target) {
      records.add(new CNAMERecord(name(alias), DClass.IN, ttl, name(target)));
      return this;
    }

    /** Adds an NS record. */
    public Builder ns(String owner, String nameServer) {
      records.add(new NSRecord(name(owner), DClass.IN, ttl, name(nameServer)));
      return this;
    }

    /** Adds any dnsjava record (it must lie inside the zone). */
    public Builder record(Record record) {
      records.add(Objects.requireNonNull(record, "record"));
      return this;
    }

    /** Builds the zone, adding a SOA ({@code ns1.<origin>}) and an NS record when absent. */
    public DnsZone build() {
      List<Record> all = new ArrayList<>(records.size() + 2);
      boolean hasSoa = false;
      boolean hasNs = false;
      for (Record r : records) {
        if (!r.getName().subdomain(origin)) {
          throw new IllegalArgumentException(r.getName() + " is outside zone " + origin);
        }
        hasSoa |= r.getType() == Type.SOA && r.getName().equals(origin);
        hasNs |= r.getType() == Type.NS && r.getName().equals(origin);
      }
      Name ns1 = name("ns1");
      if (!hasSoa) {
        all.add(new SOARecord(origin, DClass.IN, 3600, ns1, name("hostmaster"), 1, 3600, 600, 86400, 60));
      }
      if (!hasNs) {
        all.add(new NSRecord(origin, DClass.IN, 3600, ns1));
      }
      all.addAll(records);
      try {
        return new DnsZone(new Zone(origin, all.toArray(new Record[0])));
      } catch (IOException e) {
        throw new IllegalArgumentException("invalid zone " + origin + ": " + e.getMessage(), e);
      }
    }

    private Name name(String relative) {
      Objects.requireNonNull(relative, "name");
      if (relative.equals("@")) {
        return origin;
      }
      if (relative.equals(".")) {
        return Name.root;
      }
      try {
        String ascii = IDN.toASCII(relative, IDN.ALLOW_UNASSIGNED);
        if (relative.endsWith(".") && !ascii.endsWith(".")) {
          ascii = ascii + ".";
        }
        return Name.fromString(ascii, origin);
      } catch (TextParseException | IllegalArgumentException e) {
        throw new IllegalArgumentException("bad DNS name: " + relative, e);
      }
    }

    private static InetAddress address(String literal, int length) {
      // Address.getByAddress accepts only literals: a test zone must never trigger a real lookup.
      try {
        return Address.getByAddress(literal, length == 4 ? Address.IPv4 : Address.IPv6);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IPv" + (length == 4 ? 4 : 6) + " literal: " + literal, e);
      }
    }
  }
}
