package io.fedcheck.netty;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.api.sip.SipOptionsExchange;
import io.fedcheck.api.tls.PlaintextAnswer;
import io.fedcheck.api.sip.SipOptionsExchange.ReadEnd;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * One probe on the event loop: TCP connect, a BoringSSL client handshake with SNI and, when asked,
 * a SIP OPTIONS exchange on the same connection, under one hard wall-clock deadline scheduled on
 * the channel's event loop (so a silent or dripping server ends on time without a thread waiting
 * for it). Every failure becomes an observation with a detail in words, worded as the JSSE backend
 * words it; nothing is thrown. All state is touched on the channel's event loop only.
 */
final class NettyProbe {
  private final TlsProbe probe;
  private final NettyClientContext client;
  private final long start;
  private final Consumer<CertificateObservation> onDone;
  private final NettyProbeRecorder recorder = new NettyProbeRecorder();

  private Channel channel;
  private SSLEngine engine;
  private ScheduledFuture<?> deadline;
  private boolean connected;
  private boolean deadlinePassed;
  private boolean done;
  private int received;
  private byte[] firstBytes = new byte[0];
  private Throwable firstFailure;
  private CertificateObservation handshakeResult;
  private SipOptionsExchange sip;
  private long sipStart;

  NettyProbe(TlsProbe probe, NettyClientContext client, long start, Consumer<CertificateObservation> onDone) {
    this.probe = probe;
    this.client = client;
    this.start = start;
    this.onDone = onDone;
  }

  /** Starts the probe from {@code template}; {@code onDone} is called exactly once, on the event loop. */
  void start(Bootstrap template) {
    long left = remainingNanos();
    Bootstrap bootstrap = template.clone()
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)))
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            engine = client.newEngine(ch.alloc(), probe.serverName(), probe.port(), recorder);
            SslHandler tls = new SslHandler(engine);
            tls.setHandshakeTimeoutMillis(0); // the probe's own deadline bounds it
            ch.pipeline().addLast("bytes", new RawBytes()).addLast("tls", tls).addLast("probe", new Events());
          }
        });
    ChannelFuture connect = bootstrap.connect(new InetSocketAddress(probe.address(), probe.port()));
    channel = connect.channel();
    channel.eventLoop().execute(() -> {
      if (!done) {
        deadline = channel.eventLoop().schedule(this::deadlinePassed, remainingNanos(), TimeUnit.NANOSECONDS);
      }
    });
    connect.addListener(f -> {
      if (f.isSuccess()) {
        connected = true;
      } else {
        finish(failed(TlsOutcome.CONNECT_FAILED, connectFailure(f.cause())));
      }
    });
  }

  /** Ends the probe now: the inspector is closing. */
  void abort() {
    Channel ch = channel;
    if (ch != null) {
      ch.eventLoop().execute(() -> finish(CertificateObservation.failed(
          probe, TlsOutcome.NOT_ATTEMPTED, "the inspector was closed", elapsed())));
    }
  }

  private void deadlinePassed() {
    deadlinePassed = true;
    if (done) {
      return;
    }
    if (!connected) {
      finish(failed(TlsOutcome.CONNECT_FAILED, "no TCP connection to " + where() + " within " + probe.timeout()));
    } else if (handshakeResult == null) {
      finish(failed(TlsOutcome.HANDSHAKE_FAILED, handshakeFailure(null)));
    } else {
      finishSip(ReadEnd.DEADLINE, "");
    }
  }

  /** Counts and keeps the first bytes the server sends, before TLS sees them. */
  private final class RawBytes extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf b) {
        if (firstBytes.length == 0 && b.isReadable()) {
          firstBytes = new byte[Math.min(16, b.readableBytes())];
          b.getBytes(b.readerIndex(), firstBytes);
        }
        received += b.readableBytes();
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** The handshake's end, the SIP answer, and every way the connection fails. */
  private final class Events extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof SslHandshakeCompletionEvent e && !done && handshakeResult == null) {
        if (e.isSuccess()) {
          handshakeCompleted(ctx.channel());
        } else {
          handshakeFailed(firstFailure != null ? firstFailure : e.cause());
        }
      }
      ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (!done && sip != null && msg instanceof ByteBuf b) {
          if (sip.received(b.nioBuffer())) {
            finishSip(ReadEnd.ANSWER_COMPLETE, "");
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (done) {
        return;
      }
      if (handshakeResult == null) {
        handshakeFailed(firstFailure != null ? firstFailure : new ClosedChannelException());
      } else {
        finishSip(ReadEnd.PEER_CLOSED, "");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (firstFailure == null) {
        firstFailure = cause;
      }
      if (done || handshakeResult == null) {
        return; // during the handshake, the completion event carries the failure
      }
      if (deadlinePassed) {
        finishSip(ReadEnd.DEADLINE, "");
        return;
      }
      String message = describe(cause);
      String lower = message.toLowerCase(Locale.ROOT);
      boolean closed = lower.contains("connection reset") || lower.contains("broken pipe")
          || cause instanceof ClosedChannelException;
      finishSip(closed ? ReadEnd.PEER_CLOSED : ReadEnd.TRANSPORT_ERROR, message);
    }
  }

  private void handshakeCompleted(Channel ch) {
    List<X509Certificate> chain = recorder.chain();
    if (chain.isEmpty()) {
      finish(failed(TlsOutcome.HANDSHAKE_FAILED, "handshake completed but no certificate was presented"));
      return;
    }
    SSLSession session = engine.getSession();
    handshakeResult = observation(chain, session.getProtocol(), session.getCipherSuite(), "");
    if (probe.sipIfSet().isEmpty()) {
      finish(handshakeResult.withSip(SipExchange.notAttempted("")));
      return;
    }
    sipStart = System.nanoTime();
    sip = SipOptionsExchange.start(probe, (InetSocketAddress) ch.localAddress());
    ch.writeAndFlush(Unpooled.wrappedBuffer(sip.request())).addListener(f -> {
      if (!f.isSuccess() && !done) {
        finishSip(ReadEnd.TRANSPORT_ERROR, describe(f.cause()));
      }
    });
  }

  private void handshakeFailed(Throwable cause) {
    List<X509Certificate> chain = recorder.chain();
    if (!chain.isEmpty() && !deadlinePassed) {
      // The server showed its chain, then the handshake broke (typically: it required a client
      // certificate, which an inspector without an identity never presents). The chain is what we
      // came for.
      String why = recorder.clientCertificateRequested()
          ? "server required a client certificate and ended the handshake: "
          : "handshake ended after the server presented its certificate: ";
      String protocol = engine == null ? "" : engine.getHandshakeSession() == null ? ""
          : engine.getHandshakeSession().getProtocol();
      finish(observation(chain, protocol == null ? "" : protocol, "", why + describe(cause))
          .withSip(SipExchange.notAttempted(probe.sipIfSet().isPresent()
              ? "the handshake did not complete, so no SIP request was sent" : "")));
      return;
    }
    finish(failed(TlsOutcome.HANDSHAKE_FAILED, handshakeFailure(cause)));
  }

  private void finishSip(ReadEnd end, String detail) {
    if (done) {
      return;
    }
    finish(handshakeResult.withSip(sip.finish(end, detail, Duration.ofNanos(System.nanoTime() - sipStart))));
  }

  private void finish(CertificateObservation seen) {
    if (done) {
      return;
    }
    done = true;
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (engine != null) {
      client.finished(engine);
    }
    if (channel != null) {
      channel.close(); // after a completed handshake, SslHandler sends close_notify first
    }
    onDone.accept(seen);
  }

  private String connectFailure(Throwable e) {
    if (deadlinePassed || e instanceof ConnectTimeoutException) {
      return "no TCP connection to " + where() + " within " + probe.timeout();
    }
    if (e instanceof ConnectException && describe(e).toLowerCase(Locale.ROOT).contains("refused")) {
      return "connection refused by " + where();
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to " + where() + ": " + describe(e);
    }
    return "cannot connect to " + where() + ": " + describe(e);
  }

  /** The same words as the JSSE backend for the same server behaviour; {@code e} may be null. */
  private String handshakeFailure(Throwable e) {
    if (deadlinePassed) {
      return received == 0
          ? "no TLS handshake within the " + probe.timeout() + " deadline: the server accepted the"
              + " connection but sent nothing"
          : "no TLS handshake within the " + probe.timeout() + " deadline: the server sent only "
              + received + " bytes (a stalled or dripping server)";
    }
    if (PlaintextAnswer.isNotTls(firstBytes)) {
      return PlaintextAnswer.describe(firstBytes);
    }
    String message = e == null ? "" : describe(e);
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("connection reset")) {
      return "connection reset by the server during the TLS handshake";
    }
    if (lower.contains("protocol_version") || lower.contains("unsupported_protocol")
        || lower.contains("wrong_version_number")) {
      return "server offers only an old protocol version (TLS 1.2 or newer is required): " + message;
    }
    if (lower.contains("alert")) {
      return "server sent TLS alert " + alertName(message) + " during the handshake";
    }
    if (e instanceof NotSslRecordException) {
      return "server answered with something that is not TLS (unrecognized record)";
    }
    if (e instanceof ClosedChannelException || lower.contains("closed") || e instanceof IOException) {
      return "server closed the connection during the TLS handshake (" + message + ")";
    }
    if (lower.contains("excessive_message_size") || lower.contains("too long")) {
      return "server's handshake exceeds a BoringSSL limit: " + message;
    }
    return "TLS handshake failed: " + message;
  }

  /** {@code SSLV3_ALERT_HANDSHAKE_FAILURE} from BoringSSL's error string, as JSSE would name it. */
  private static String alertName(String message) {
    int at = message.toUpperCase(Locale.ROOT).indexOf("ALERT_");
    if (at < 0) {
      return message;
    }
    String rest = message.substring(at + "ALERT_".length());
    int end = 0;
    while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
      end++;
    }
    return rest.substring(0, end).toLowerCase(Locale.ROOT);
  }

  private CertificateObservation failed(TlsOutcome outcome, String detail) {
    return CertificateObservation.failed(probe, outcome, detail, elapsed());
  }

  private CertificateObservation observation(
      List<X509Certificate> chain, String protocol, String cipherSuite, String detail) {
    return new CertificateObservation(probe.serverName(), probe.address().getHostAddress(),
        probe.port(), TlsOutcome.HANDSHAKE_COMPLETED, chain, protocol, cipherSuite,
        recorder.clientCertificateRequested(), detail, elapsed());
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private long remainingNanos() {
    return Math.max(1, probe.timeout().toNanos() - (System.nanoTime() - start));
  }

  private String where() {
    return probe.address().getHostAddress() + ":" + probe.port();
  }

  static String describe(Throwable e) {
    if (e == null) {
      return "";
    }
    String message = e.getMessage();
    if ((message == null || message.isBlank()) && e.getCause() != null) {
      return describe(e.getCause());
    }
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
