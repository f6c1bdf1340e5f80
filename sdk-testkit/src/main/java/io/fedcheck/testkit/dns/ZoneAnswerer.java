package io.fedcheck.testkit.dns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/**
 * Builds authoritative answers from the served zones. Zones are found by walking the question name
 * up to the root through a hash map, so lookups cost O(labels), whatever the number of zones.
 * Thread-safe.
 */
final class ZoneAnswerer {
  private static final int MAX_CNAME_HOPS = 16;

  private final Map<Name, Zone> zones = new ConcurrentHashMap<>();

  void add(DnsZone zone) {
    zones.put(zone.origin(), zone.zone());
  }

  Zone zoneFor(Name name) {
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

  /** An empty response echoing the query's id, RD flag and question. */
  static Message emptyResponse(Message query, int rcode) {
    Message resp = new Message(query.getHeader().getID());
    resp.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      resp.getHeader().setFlag(Flags.RD);
    }
    resp.getHeader().setOpcode(query.getHeader().getOpcode());
    Record question = query.getQuestion();
    if (question != null) {
      resp.addRecord(question, Section.QUESTION);
    }
    resp.getHeader().setRcode(rcode);
    return resp;
  }

  /** The normal authoritative answer to {@code query}. */
  Message answer(Message query) {
    Record question = query.getQuestion();
    if (question == null) {
      return emptyResponse(query, Rcode.FORMERR);
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return emptyResponse(query, Rcode.NOTIMP);
    }
    if (question.getDClass() != DClass.IN) {
      return emptyResponse(query, Rcode.REFUSED);
    }
    Zone zone = zoneFor(question.getName());
    if (zone == null) {
      // Not authoritative for the name, and not a recursive server.
      return emptyResponse(query, Rcode.REFUSED);
    }
    Message resp = emptyResponse(query, Rcode.NOERROR);
    resp.getHeader().setFlag(Flags.AA);
    int qtype = question.getType();
    Name name = question.getName();
    for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
      SetResponse sr = zone.findRecords(name, qtype);
      if (sr.isSuccessful()) {
        for (RRset rrset : sr.answers()) {
          rrset.rrs(false).forEach(r -> resp.addRecord(r, Section.ANSWER));
        }
        return resp;
      }
      if (sr.isCNAME()) {
        CNAMERecord cname = sr.getCNAME();
        resp.addRecord(cname, Section.ANSWER);
        name = cname.getTarget();
        Zone next = zoneFor(name);
        if (next == null) {
          return resp; // the chain leaves our authority: the client continues elsewhere
        }
        zone = next;
        continue;
      }
      if (sr.isNXDOMAIN()) {
        resp.getHeader().setRcode(Rcode.NXDOMAIN);
        resp.addRecord(zone.getSOA(), Section.AUTHORITY);
        return resp;
      }
      if (sr.isDelegation()) {
        if (hop == 0) {
          resp.getHeader().unsetFlag(Flags.AA);
        }
        sr.getNS().rrs(false).forEach(r -> resp.addRecord(r, Section.AUTHORITY));
        return resp;
      }
      // NODATA (NXRRSET) or anything else: no records of this type.
      resp.addRecord(zone.getSOA(), Section.AUTHORITY);
      return resp;
    }
    return resp;
  }
}
