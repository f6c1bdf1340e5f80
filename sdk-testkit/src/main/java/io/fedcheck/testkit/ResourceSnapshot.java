package io.fedcheck.testkit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The live threads and open file descriptors of this JVM at one moment, for leak checks: take one
 * before a test, run it, and {@link #awaitThreadsBackTo} / {@link #awaitDescriptorsBackTo} after.
 * Waiting is bounded and polls, because a closed pool reports termination a moment before its last
 * worker thread has died, and the kernel frees a socket's descriptor as the close completes.
 *
 * @param threads names of the live threads matching the snapshot's filter
 * @param openDescriptors open file descriptors of the process, or -1 where the platform does not
 *     tell ({@code /proc/self/fd} is absent)
 */
public record ResourceSnapshot(Set<String> threads, int openDescriptors) {
  private static final Path FD_DIR = Path.of("/proc/self/fd");

  public ResourceSnapshot {
    threads = Set.copyOf(threads);
  }

  /** A snapshot of the threads whose names start with one of {@code prefixes} (all when none). */
  public static ResourceSnapshot take(String... prefixes) {
    return new ResourceSnapshot(liveThreads(filter(prefixes)), openDescriptorCount());
  }

  /** Thread names alive now (among those matching the prefixes) that were not in {@code before}. */
  public static Set<String> newThreadsSince(ResourceSnapshot before, String... prefixes) {
    Set<String> now = liveThreads(filter(prefixes));
    now.removeAll(before.threads());
    return now;
  }

  /**
   * Waits up to {@code timeout} until no thread matching the prefixes is alive that was not in this
   * snapshot; returns the names still alive (empty when back to the baseline).
   */
  public Set<String> awaitThreadsBackTo(Duration timeout, String... prefixes) {
    long end = System.nanoTime() + timeout.toNanos();
    Set<String> extra = newThreadsSince(this, prefixes);
    while (!extra.isEmpty() && System.nanoTime() < end) {
      pause();
      extra = newThreadsSince(this, prefixes);
    }
    return extra;
  }

  /**
   * Waits up to {@code timeout} until the open descriptors are no more than this snapshot's plus
   * {@code slack} (class loading and JIT may open a file or two); returns the count seen last.
   */
  public int awaitDescriptorsBackTo(Duration timeout, int slack) {
    long end = System.nanoTime() + timeout.toNanos();
    int now = openDescriptorCount();
    while (openDescriptors >= 0 && now > openDescriptors + slack && System.nanoTime() < end) {
      pause();
      now = openDescriptorCount();
    }
    return now;
  }

  /** The process's open file descriptors, or -1 where {@code /proc/self/fd} is absent. */
  public static int openDescriptorCount() {
    if (!Files.isDirectory(FD_DIR)) {
      return -1;
    }
    int n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
      for (Path ignored : fds) {
        n++;
      }
    } catch (IOException e) {
      return -1;
    }
    return n - 1; // the directory stream itself holds one
  }

  private static Predicate<String> filter(String... prefixes) {
    return name -> prefixes.length == 0 || java.util.Arrays.stream(prefixes).anyMatch(name::startsWith);
  }

  private static Set<String> liveThreads(Predicate<String> filter) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(filter)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
