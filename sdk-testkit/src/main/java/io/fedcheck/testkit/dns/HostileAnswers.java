package io.fedcheck.testkit.dns;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Ready-made hostile answers, as {@link DnsFault}s: malformed wire data a resolver must reject as
 * malformed, and well-formed but odd answers it must survive. Every fault is stateless and
 * thread-safe.
 */
public final class HostileAnswers {
  private static final byte[] LOOPBACK = {127, 0, 0, 1};

  private HostileAnswers() {}

  /** Malformed: an A record whose RDATA is cut short (RDLENGTH 4, 2 bytes present). */
  public static DnsFault truncatedRdata() {
    return new DnsFault.Raw(query -> {
      Message resp = ZoneAnswerer.emptyResponse(query, 0);
      resp.getHeader().setFlag(Flags.AA);
      resp.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60, address()), Section.ANSWER);
      byte[] wire = resp.toWire();
      byte[] cut = new byte[wire.length - 2];
      System.arraycopy(wire, 0, cut, 0, cut.length);
      return cut;
    });
  }

  /** Malformed: the answer's owner name is a compression pointer to itself. */
  public static DnsFault compressionPointerLoop() {
    return new DnsFault.Raw(query -> {
      ByteArrayOutputStream out = headerAndQuestion(query, 1);
      int self = out.size();
      out.write(0xC0 | (self >>> 8));
      out.write(self & 0xFF);
      writeRecordTail(out, Type.A, LOOPBACK);
      return out.toByteArray();
    });
  }

  /** Malformed: the answer's owner name has a 64-byte label (the limit is 63). */
  public static DnsFault labelOver63() {
    return new DnsFault.Raw(query -> {
      ByteArrayOutputStream out = headerAndQuestion(query, 1);
      out.write(64);
      for (int i = 0; i < 64; i++) {
        out.write('a');
      }
      out.write(0);
      writeRecordTail(out, Type.A, LOOPBACK);
      return out.toByteArray();
    });
  }

  /** Malformed: the query's id and a response header, then bytes that are no DNS message. */
  public static DnsFault garbage() {
    return new DnsFault.Raw(query -> {
      int id = query.getHeader().getID();
      byte[] junk = new byte[40];
      junk[0] = (byte) (id >>> 8);
      junk[1] = (byte) id;
      junk[2] = (byte) 0x84;
      junk[5] = 1; // one question...
      junk[7] = 3; // ...and three answers that are not there
      for (int i = 12; i < junk.length; i++) {
        junk[i] = (byte) (0xF0 + i % 15);
      }
      return junk;
    });
  }

  /** Well-formed: the normal answer plus an additional A record for a name outside the zone. */
  public static DnsFault outOfBailiwickAdditional() {
    return new DnsFault.Rewrite((query, normal) -> {
      Name evil = Name.fromConstantString("attacker.invalid.");
      normal.addRecord(new ARecord(evil, DClass.IN, 86400, address()), Section.ADDITIONAL);
      return normal;
    });
  }

  /** Well-formed: {@code count} SRV records for the question name (needs TCP over UDP limits). */
  public static DnsFault manySrv(int count) {
    if (count < 1 || count > 5000) {
      throw new IllegalArgumentException("count must be 1..5000: " + count);
    }
    return new DnsFault.Rewrite((query, normal) -> {
      Message resp = ZoneAnswerer.emptyResponse(query, 0);
      resp.getHeader().setFlag(Flags.AA);
      Name owner = query.getQuestion().getName();
      Name parent = owner.labels() > 3 ? new Name(owner, 2) : owner;
      for (int i = 0; i < count; i++) {
        Name target = Name.fromConstantString("t" + i + "." + parent);
        resp.addRecord(new SRVRecord(owner, DClass.IN, 300, i % 10, i % 7, 5061, target), Section.ANSWER);
      }
      return resp;
    });
  }

  /** Well-formed: the normal answer with every TTL set to 0. */
  public static DnsFault ttlZero() {
    return new DnsFault.Rewrite((query, normal) -> {
      List<Record> answers = List.copyOf(normal.getSection(Section.ANSWER));
      normal.removeAllRecords(Section.ANSWER);
      for (Record r : answers) {
        normal.addRecord(
            Record.newRecord(r.getName(), r.getType(), r.getDClass(), 0, r.rdataToWireCanonical()), Section.ANSWER);
      }
      return normal;
    });
  }

  /** Well-formed: the normal answer with every answer record sent twice. */
  public static DnsFault duplicateRecords() {
    return new DnsFault.Rewrite((query, normal) -> {
      for (Record r : List.copyOf(normal.getSection(Section.ANSWER))) {
        normal.addRecord(r, Section.ANSWER);
      }
      return normal;
    });
  }

  /** Well-formed: one SRV record with target {@code .} (RFC 2782: service not available). */
  public static DnsFault srvTargetRoot() {
    return new DnsFault.Rewrite((query, normal) -> singleSrv(query, 0, Name.root));
  }

  /** Well-formed: one SRV record with port 0 and a target inside the question's domain. */
  public static DnsFault srvPortZero() {
    return new DnsFault.Rewrite((query, normal) -> {
      Name owner = query.getQuestion().getName();
      Name parent = owner.labels() > 3 ? new Name(owner, 2) : owner;
      return singleSrv(query, 0, Name.fromConstantString("sip." + parent));
    });
  }

  private static Message singleSrv(Message query, int port, Name target) {
    Message resp = ZoneAnswerer.emptyResponse(query, 0);
    resp.getHeader().setFlag(Flags.AA);
    Name owner = query.getQuestion().getName();
    resp.addRecord(new SRVRecord(owner, DClass.IN, 300, 0, 0, port, target), Section.ANSWER);
    return resp;
  }

  private static java.net.InetAddress address() {
    try {
      return java.net.InetAddress.getByAddress(LOOPBACK);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A response header echoing the query's id with {@code answers} answers, then the question. */
  private static ByteArrayOutputStream headerAndQuestion(Message query, int answers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int id = query.getHeader().getID();
    out.write(id >>> 8);
    out.write(id);
    out.write(0x84); // QR, AA
    out.write(0x00);
    out.write(0);
    out.write(1); // QDCOUNT
    out.write(0);
    out.write(answers); // ANCOUNT
    out.write(0);
    out.write(0);
    out.write(0);
    out.write(0);
    Record q = query.getQuestion();
    out.writeBytes(q.getName().toWireCanonical());
    out.write(q.getType() >>> 8);
    out.write(q.getType());
    out.write(0);
    out.write(DClass.IN);
    return out;
  }

  private static void writeRecordTail(ByteArrayOutputStream out, int type, byte[] rdata) {
    out.write(type >>> 8);
    out.write(type);
    out.write(0);
    out.write(DClass.IN);
    out.writeBytes(new byte[] {0, 0, 0, 60}); // TTL
    out.write(rdata.length >>> 8);
    out.write(rdata.length);
    out.writeBytes(rdata);
  }
}
