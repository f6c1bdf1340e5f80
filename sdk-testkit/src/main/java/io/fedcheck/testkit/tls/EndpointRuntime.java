package io.fedcheck.testkit.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads shared by all open {@link TlsEndpoint}s: one selector thread accepts on every endpoint's
 * listening socket, and a cached pool runs one task per live connection. So a lab with thousands
 * of endpoints has one acceptor thread, and threads only for connections actually in progress.
 * Reference-counted: started by the first endpoint, stopped when the last one closes.
 */
final class EndpointRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointRuntime.class);
  private static final AtomicInteger GENERATION = new AtomicInteger();
  private static EndpointRuntime shared;
  private static int users;

  private final Selector selector;
  private final Thread acceptor;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  final ExecutorService workers;

  private EndpointRuntime() {
    int generation = GENERATION.incrementAndGet();
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "fedcheck-tls-endpoint-" + generation + "-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    workers = Executors.newCachedThreadPool(factory);
    acceptor = new Thread(this::loop, "fedcheck-tls-acceptor-" + generation);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static synchronized EndpointRuntime acquire() {
    if (shared == null) {
      shared = new EndpointRuntime();
    }
    users++;
    return shared;
  }

  static synchronized void release(EndpointRuntime runtime) {
    if (--users == 0 && shared == runtime) {
      shared = null;
      runtime.shutdown();
    }
  }

  /** Starts accepting on {@code channel}, handing each accepted connection to {@code onAccept}. */
  void register(ServerSocketChannel channel, Consumer<SocketChannel> onAccept) {
    onSelector(() -> channel.register(selector, SelectionKey.OP_ACCEPT, onAccept));
  }

  /** Stops accepting and closes {@code channel}; the port is free when this returns. */
  void deregister(ServerSocketChannel channel) {
    onSelector(
        () -> {
          SelectionKey key = channel.keyFor(selector);
          if (key != null) {
            key.cancel();
          }
          channel.close();
          // A cancelled key is only dropped (and its socket really closed) by a select operation.
          selector.selectNow();
          return null;
        });
  }

  private interface SelectorTask {
    Object run() throws IOException;
  }

  private void onSelector(SelectorTask task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    tasks.add(
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    selector.wakeup();
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("endpoint acceptor did not respond", e);
    }
  }

  @SuppressWarnings("unchecked")
  private void loop() {
    while (running) {
      try {
        selector.select();
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid() || !key.isAcceptable()) {
            continue;
          }
          ServerSocketChannel server = (ServerSocketChannel) key.channel();
          Consumer<SocketChannel> onAccept = (Consumer<SocketChannel>) key.attachment();
          for (SocketChannel accepted; (accepted = server.accept()) != null; ) {
            onAccept.accept(accepted);
          }
        }
      } catch (IOException | RuntimeException e) {
        if (running) {
          LOG.debug("endpoint acceptor: {}", e.toString());
        }
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("closing selector: {}", e.toString());
    }
  }

  private void shutdown() {
    running = false;
    selector.wakeup();
    workers.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
