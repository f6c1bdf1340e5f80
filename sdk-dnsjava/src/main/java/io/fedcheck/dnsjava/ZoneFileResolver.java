package io.fedcheck.dnsjava;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.ZoneFileLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * An offline {@link DomainResolver} answering from master (zone) files parsed with dnsjava's {@code
 * Master}, so a hosting provider can audit its zone files before publishing them.
 *
 * <p>Outcomes follow an authoritative server: a name under a loaded zone but absent is {@link
 * DnsOutcome#NXDOMAIN}; a name present without the asked type is {@link DnsOutcome#NO_DATA}; a name
 * outside every loaded zone is {@link DnsOutcome#REFUSED}, with a detail naming the loaded zones.
 * CNAME chains are followed across the loaded zones and returned before the data.
 *
 * <p>Zone files are untrusted input, read by {@link ZoneFileReader}: bounded in size while read,
 * {@code $GENERATE} counted before it is expanded against a record cap, {@code $INCLUDE} off unless
 * turned on and then confined to the zone file's directory (see {@link Builder#includes}).
 *
 * <p>A file's origin is its {@code $ORIGIN} or, failing that, given with {@link
 * Builder#zoneFile(Path, String)} or taken from the file name ({@code example.com.zone}, {@code
 * db.example.com}, {@code example.com}); the zone itself is the owner of its SOA record.
 *
 * <p>Selecting it: give {@link io.fedcheck.api.ResolverOptions#zoneFiles()} (the {@code dnsjava}
 * provider then returns this resolver), or name the {@code zonefile} provider. Thread-safe: zones
 * are read-only after loading, and answers complete at once.
 */
public final class ZoneFileResolver implements DomainResolver {
  private static final int MAX_CNAME_HOPS = 16;

  private final Map<Name, Zone> zones;

  private ZoneFileResolver(Map<Name, Zone> zones) {
    this.zones = Map.copyOf(zones);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The origins of the loaded zones, such as {@code example.com}. */
  public List<String> origins() {
    return zones.keySet().stream().map(AnswerReader::text).sorted().toList();
  }

  @Override
  public CompletionStage<DnsResult> resolve(DnsQuery query) {
    Objects.requireNonNull(query, "query");
    long start = System.nanoTime();
    return CompletableFuture.completedFuture(answer(query, start));
  }

  private DnsResult answer(DnsQuery query, long start) {
    Name name;
    try {
      name = Name.fromString(query.name(), Name.root);
    } catch (TextParseException e) {
      return DnsResult.of(query, DnsOutcome.MALFORMED, "not a valid DNS name: " + e.getMessage(), elapsed(start));
    }
    int qtype = AnswerReader.dnsType(query.type());
    Zone zone = zoneFor(name);
    if (zone == null) {
      return DnsResult.of(query, DnsOutcome.REFUSED,
          query.name() + " is outside the loaded zones " + origins(), elapsed(start));
    }
    List<DnsRecord> records = new ArrayList<>();
    for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
      SetResponse sr = zone.findRecords(name, qtype);
      if (sr.isSuccessful()) {
        for (RRset rrset : sr.answers()) {
          for (Record r : rrset.rrs(false)) {
            DnsRecord converted = AnswerReader.convert(r);
            if (converted != null) {
              records.add(converted);
            }
          }
        }
        return DnsResult.answer(query, records, elapsed(start));
      }
      if (sr.isCNAME()) {
        CNAMERecord c = sr.getCNAME();
        records.add(AnswerReader.convert(c));
        name = c.getTarget();
        zone = zoneFor(name);
        if (zone == null) {
          return new DnsResult(query, DnsOutcome.ANSWER, records,
              "the CNAME chain leaves the loaded zones at " + AnswerReader.text(name), elapsed(start));
        }
        continue;
      }
      if (sr.isNXDOMAIN()) {
        return DnsResult.of(query, DnsOutcome.NXDOMAIN,
            AnswerReader.text(name) + " does not exist in zone " + AnswerReader.text(zone.getOrigin()), elapsed(start));
      }
      if (sr.isDelegation()) {
        return DnsResult.of(query, DnsOutcome.REFUSED, AnswerReader.text(name) + " is delegated to "
            + sr.getNS().rrs(false).stream().map(r -> r.rdataToString()).toList()
            + " (not in the loaded zones)", elapsed(start));
      }
      return DnsResult.of(query, DnsOutcome.NO_DATA,
          AnswerReader.text(name) + " has no " + query.type() + " records", elapsed(start));
    }
    return DnsResult.of(query, DnsOutcome.MALFORMED, "CNAME chain from " + query.name() + " too long", elapsed(start));
  }

  private Zone zoneFor(Name name) {
    Name n = name;
    while (true) {
      Zone z = zones.get(n);
      if (z != null) {
        return z;
      }
      if (n.labels() <= 1) {
        return null;
      }
      n = new Name(n, 1);
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public String toString() {
    return "ZoneFileResolver" + origins();
  }

  /** The made-up name server of a zone synthesized for a file without SOA. */
  private static final Name SNIPPET_HOST = Name.fromConstantString("snippet.invalid.");

  /**
   * Collects the zone files of a {@link ZoneFileResolver}, and the {@link ZoneFileLimits} they are
   * read with (by default 1,000,000 records per zone, {@code $INCLUDE} off). Not thread-safe.
   */
  public static final class Builder {
    private final Map<Path, String> files = new LinkedHashMap<>();
    private ZoneFileLimits limits = ZoneFileLimits.ofDefaults();

    private Builder() {}

    /** Reads the files with these limits. */
    public Builder limits(ZoneFileLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /** The most records one zone may hold, {@code $GENERATE} expansions and includes counted. */
    public Builder maxRecords(long value) {
      this.limits = limits.withMaxRecords(value);
      return this;
    }

    /**
     * Whether {@code $INCLUDE} is followed (off by default): an included file must then lie, after
     * symlinks, in the directory of the zone file that includes it, be a regular file, and nest at
     * most {@link ZoneFileLimits#maxIncludeDepth()} deep; cycles are refused.
     */
    public Builder includes(boolean value) {
      this.limits = limits.withIncludes(value);
      return this;
    }

    /** Adds a master file whose origin comes from its {@code $ORIGIN} or its file name. */
    public Builder zoneFile(Path file) {
      files.put(Objects.requireNonNull(file, "file"), null);
      return this;
    }

    /** Adds a master file with this origin for its relative names. */
    public Builder zoneFile(Path file, String origin) {
      files.put(Objects.requireNonNull(file, "file"), Objects.requireNonNull(origin, "origin"));
      return this;
    }

    /** Adds these master files. */
    public Builder zoneFiles(List<Path> list) {
      list.forEach(this::zoneFile);
      return this;
    }

    /**
     * Parses every file.
     *
     * @throws InvalidZoneFileException naming the file and line when a file is not a valid zone or
     *     passes the limits
     * @throws UncheckedIOException when a file cannot be read
     */
    public ZoneFileResolver build() {
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no zone files given");
      }
      Map<Name, Zone> zones = new LinkedHashMap<>();
      files.forEach((file, origin) -> {
        Zone z = load(file, origin, limits);
        if (zones.putIfAbsent(z.getOrigin(), z) != null) {
          throw new InvalidZoneFileException("zone " + z.getOrigin() + " is loaded twice (" + file + ")");
        }
      });
      return new ZoneFileResolver(zones);
    }

    private static Zone load(Path file, String origin, ZoneFileLimits limits) {
      Name base = origin != null ? absolute(origin) : originFromFileName(file);
      List<Record> records = new ZoneFileReader(file, limits).read(base);
      Name zoneName = records.stream()
          .filter(r -> r.getType() == Type.SOA)
          .map(Record::getName)
          .findFirst()
          .orElse(null);
      if (zoneName == null) {
        // A snippet of records without SOA (such as `fedcheck plan` prints, or what a provider is
        // about to add to several zones) is served as one zone at its origin, or at the longest
        // suffix its names share, so it can be audited before it is published.
        zoneName = origin != null ? base : commonSuffix(records, file);
        records.add(new SOARecord(zoneName, DClass.IN, 0, SNIPPET_HOST, SNIPPET_HOST, 1, 3600, 600, 86400, 0));
        records.add(new NSRecord(zoneName, DClass.IN, 0, SNIPPET_HOST));
      }
      try {
        return new Zone(zoneName, records.toArray(new Record[0]));
      } catch (IOException | IllegalArgumentException e) {
        throw new InvalidZoneFileException("invalid zone file " + file + ": " + e.getMessage(), e);
      }
    }

    private static Name commonSuffix(List<Record> records, Path file) {
      if (records.isEmpty()) {
        throw new InvalidZoneFileException("zone file " + file + " has no records");
      }
      Name suffix = records.get(0).getName();
      for (Record r : records) {
        while (!r.getName().subdomain(suffix)) {
          suffix = new Name(suffix, 1);
        }
      }
      return suffix;
    }

    private static Name originFromFileName(Path file) {
      String n = file.getFileName().toString();
      for (String suffix : List.of(".zone", ".db", ".txt", ".hosts")) {
        if (n.endsWith(suffix)) {
          n = n.substring(0, n.length() - suffix.length());
        }
      }
      if (n.startsWith("db.")) {
        n = n.substring(3);
      }
      try {
        return absolute(n);
      } catch (IllegalArgumentException e) {
        return null; // only $ORIGIN or absolute names will do
      }
    }

    private static Name absolute(String name) {
      try {
        String ascii = java.net.IDN.toASCII(name, java.net.IDN.ALLOW_UNASSIGNED);
        return Name.fromString(ascii.endsWith(".") ? ascii : ascii + ".");
      } catch (TextParseException | IllegalArgumentException e) {
        throw new IllegalArgumentException("bad zone origin: " + name, e);
      }
    }
  }
}
