package io.fedcheck.dnsjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.RecordType;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.dns.ReceivedQuery;
import io.fedcheck.testkit.dns.TcpBehaviour;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * The TCP fallback after a truncated UDP answer: one hostile exchange must not poison later ones
 * (dnsjava's own TCP client shares one connection per server across the JVM), the deadline closes
 * the connection even against a server that drips its answer, and the answer's id is checked.
 */
class TcpFallbackTest {
  private static final String ZONE = "tcp.lab";
  private static final Duration LOOKUP = Duration.ofSeconds(2);

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @ParameterizedTest
  @EnumSource(DnsjavaResolver.Transport.class)
  void aHungTcpExchangeDoesNotPoisonLaterFallbacksToTheSameServer(DnsjavaResolver.Transport transport)
      throws Exception {
    // The server keeps the hung connection open far longer than the test runs.
    AuthoritativeDnsServer dns = keep(AuthoritativeDnsServer.builder()
        .zone(DnsZone.builder(ZONE).a("hang", "192.0.2.1").a("fine", "192.0.2.2").build())
        .tcpIdleTimeout(Duration.ofSeconds(60)).start());
    dns.fault("hang." + ZONE, DnsFault.truncate(TcpBehaviour.HANG));
    dns.fault("fine." + ZONE, DnsFault.truncate(TcpBehaviour.NORMAL));
    DnsjavaResolver resolver = keep(DnsjavaResolver.builder().server(dns.address())
        .queryTimeout(LOOKUP).retries(0).transport(transport).build());

    long start = System.nanoTime();
    DnsResult hung = resolve(resolver, "hang." + ZONE);
    assertEquals(DnsOutcome.TIMEOUT, hung.outcome(), hung.detail());
    assertTrue(System.nanoTime() - start < LOOKUP.plusSeconds(1).toNanos(), "the hang ended within the deadline");

    for (int i = 0; i < 3; i++) {
      DnsResult fine = resolve(resolver, "fine." + ZONE);
      assertEquals(DnsOutcome.ANSWER, fine.outcome(), "lookup " + i + " after the hang: " + fine.detail());
      assertEquals(List.of(InetAddress.getByName("192.0.2.2")), fine.addresses());
    }
    assertEquals(3, dns.queries("fine." + ZONE).stream()
        .filter(q -> q.transport() == ReceivedQuery.Transport.TCP).count(), "each answer came over TCP");
  }

  @Test
  void theDeadlineClosesTheConnectionOfAServerThatDrips() throws Exception {
    CompletableFuture<Boolean> closedByClient = new CompletableFuture<>();
    ScriptedTcpServer server = keep(new ScriptedTcpServer((in, out) -> {
      readQuery(in);
      out.write(new byte[] {(byte) 0xFF, (byte) 0xFF}); // a 65,535-byte answer, one byte every 100 ms
      out.flush();
      try {
        for (int i = 0; i < 600; i++) {
          Thread.sleep(100);
          out.write(0);
          out.flush();
        }
        closedByClient.complete(false);
      } catch (SocketException e) {
        closedByClient.complete(true); // reset: the client closed the connection
      }
    }));
    TcpQueryClient client = keep(new TcpQueryClient("test-tcp"));

    long start = System.nanoTime();
    CompletableFuture<Message> answer =
        client.send(server.address(), query("drip." + ZONE), start + TimeUnit.SECONDS.toNanos(1));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> answer.get(30, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "failed at the deadline");
    assertTrue(closedByClient.get(30, TimeUnit.SECONDS), "the client closed the connection at the deadline");
    assertEquals(0, client.openExchanges());
  }

  @Test
  void anAnswerWithAnotherIdIsRejected() throws Exception {
    ScriptedTcpServer server = keep(new ScriptedTcpServer((in, out) -> {
      Message q = new Message(readQuery(in));
      Message a = new Message(q.getHeader().getID() ^ 1);
      a.addRecord(q.getQuestion(), org.xbill.DNS.Section.QUESTION);
      writeFramed(out, a.toWire());
    }));
    TcpQueryClient client = keep(new TcpQueryClient("test-tcp"));

    CompletableFuture<Message> answer =
        client.send(server.address(), query("id." + ZONE), System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> answer.get(30, TimeUnit.SECONDS));
    assertInstanceOf(WireParseException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("id"), e.getCause().getMessage());
  }

  @Test
  void eachQueryUsesAConnectionOfItsOwnClosedAfterTheAnswer() throws Exception {
    List<Boolean> sawEof = java.util.Collections.synchronizedList(new ArrayList<>());
    ScriptedTcpServer server = keep(new ScriptedTcpServer((in, out) -> {
      Message q = new Message(readQuery(in));
      Message a = new Message(q.getHeader().getID());
      a.addRecord(q.getQuestion(), org.xbill.DNS.Section.QUESTION);
      writeFramed(out, a.toWire());
      sawEof.add(in.read() < 0); // the client closes rather than keeping the connection
    }));
    TcpQueryClient client = keep(new TcpQueryClient("test-tcp"));

    for (int i = 0; i < 3; i++) {
      Message m = client.send(server.address(), query("n" + i + "." + ZONE),
          System.nanoTime() + TimeUnit.SECONDS.toNanos(10)).get(30, TimeUnit.SECONDS);
      assertEquals(Name.fromString("n" + i + "." + ZONE + "."), m.getQuestion().getName());
    }
    server.awaitConnections(3);
    assertEquals(List.of(true, true, true), sawEof);
    assertEquals(0, client.openExchanges());
  }

  private static DnsResult resolve(DnsjavaResolver resolver, String name) throws Exception {
    return resolver.resolve(new DnsQuery(name, RecordType.A, LOOKUP)).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static Message query(String name) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
  }

  private static byte[] readQuery(DataInputStream in) throws IOException {
    byte[] q = new byte[in.readUnsignedShort()];
    in.readFully(q);
    return q;
  }

  private static void writeFramed(OutputStream out, byte[] wire) throws IOException {
    out.write(new byte[] {(byte) (wire.length >>> 8), (byte) wire.length});
    out.write(wire);
    out.flush();
  }

  private <T extends AutoCloseable> T keep(T c) {
    toClose.add(0, c);
    return c;
  }

  /** What a scripted server does on one connection. */
  @FunctionalInterface
  private interface Script {
    void run(DataInputStream in, OutputStream out) throws Exception;
  }

  /** A TCP server on loopback that runs a script on each connection, one at a time. */
  private static final class ScriptedTcpServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    private final Thread thread;
    private final java.util.concurrent.Semaphore served = new java.util.concurrent.Semaphore(0);

    ScriptedTcpServer(Script script) throws IOException {
      thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            script.run(new DataInputStream(s.getInputStream()), s.getOutputStream());
          } catch (Exception e) {
            // the connection failed or the server closed: the test's assertions tell
          } finally {
            served.release();
          }
        }
      }, "scripted-tcp");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    }

    void awaitConnections(int n) throws InterruptedException {
      assertTrue(served.tryAcquire(n, 30, TimeUnit.SECONDS), n + " connections served");
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(5_000);
    }
  }
}
