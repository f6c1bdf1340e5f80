package io.fedcheck.dnsjava;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CnameRecord;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.SrvRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Turns dnsjava records into fedcheck records, following the CNAME chain from the question name and
 * ignoring every record that is not on that chain (out-of-bailiwick or unrelated data). Stateless.
 */
final class AnswerReader {
  private static final int MAX_CHAIN = 16;

  private AnswerReader() {}

  /** The answer to a question, read from one message's answer section. */
  record Chain(List<DnsRecord> records, Name end, boolean hasData) {}

  static int dnsType(RecordType type) {
    return switch (type) {
      case SRV -> Type.SRV;
      case A -> Type.A;
      case AAAA -> Type.AAAA;
      case CNAME -> Type.CNAME;
    };
  }

  /**
   * Reads the chain starting at {@code qname}: the CNAMEs leading away from it, then the records of
   * {@code qtype} at the end of the chain. Duplicate records are kept once.
   */
  static Chain read(List<Record> answers, Name qname, int qtype) {
    List<DnsRecord> out = new ArrayList<>();
    Name current = qname;
    if (qtype != Type.CNAME) {
      for (int hop = 0; hop < MAX_CHAIN; hop++) {
        CNAMERecord next = null;
        for (Record r : answers) {
          if (r.getType() == Type.CNAME && r.getName().equals(current)) {
            next = (CNAMERecord) r;
            break;
          }
        }
        if (next == null) {
          break;
        }
        out.add(new CnameRecord(text(next.getName()), text(next.getTarget()), next.getTTL()));
        current = next.getTarget();
      }
    }
    boolean hasData = false;
    Set<Record> seen = new HashSet<>(); // a list made 1,000 records cost 500,000 comparisons
    for (Record r : answers) {
      if (r.getType() != qtype || !r.getName().equals(current) || !seen.add(r)) {
        continue;
      }
      DnsRecord converted = convert(r);
      if (converted != null) {
        out.add(converted);
        hasData = true;
      }
    }
    return new Chain(out, current, hasData);
  }

  static DnsRecord convert(Record r) {
    String owner = text(r.getName());
    if (r instanceof SRVRecord s) {
      return new SrvRecord(owner, s.getPriority(), s.getWeight(), s.getPort(), text(s.getTarget()), s.getTTL());
    }
    if (r instanceof ARecord a) {
      return new AddressRecord(owner, a.getAddress(), a.getTTL());
    }
    if (r instanceof AAAARecord a) {
      return new AddressRecord(owner, a.getAddress(), a.getTTL());
    }
    if (r instanceof CNAMERecord c) {
      return new CnameRecord(owner, text(c.getTarget()), c.getTTL());
    }
    return null;
  }

  /** A name in fedcheck's canonical text form: lower-case, no trailing dot, {@code "."} for the root. */
  static String text(Name name) {
    String s = name.toString(true).toLowerCase(java.util.Locale.ROOT);
    return s.isEmpty() ? "." : s;
  }
}
