package io.fedcheck.cli.audit;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * An external merge sort of text lines: at most {@code runLines} lines are held in memory, sorted
 * and written to a run file under a temporary directory, and the runs are merged back in one pass
 * with a heap. Memory stays bounded by the run size, whatever the input's size; the directory is
 * deleted on {@link #close()}. Not thread-safe.
 */
final class SortedRuns implements AutoCloseable {
  /** Lines per run by default: about 30 MB of the diff's encoded snapshots. */
  static final int DEFAULT_RUN_LINES = 100_000;

  private final Path dir;
  private final int runLines;
  private final List<Path> runs = new ArrayList<>();
  private final List<BufferedReader> open = new ArrayList<>();

  SortedRuns(Path tmpParent, int runLines) throws IOException {
    if (runLines < 1) {
      throw new IllegalArgumentException("runLines must be at least 1");
    }
    this.dir = tmpParent == null ? Files.createTempDirectory("fedcheck-sort-")
        : Files.createTempDirectory(tmpParent, "fedcheck-sort-");
    this.runLines = runLines;
  }

  private final List<String> buffer = new ArrayList<>();
  private boolean sorted;

  /** Sorts {@code lines} (no line may hold a line break) and returns them in order. */
  Iterator<String> sort(Iterator<String> lines) throws IOException {
    while (lines.hasNext()) {
      add(lines.next());
    }
    return sorted();
  }

  /**
   * Adds one line (no line break in it) to sort. For producers that push their lines, such as an
   * audit's results as they arrive; {@link #sort} is the same for an iterator.
   */
  void add(String line) throws IOException {
    if (sorted) {
      throw new IllegalStateException("lines were already handed out sorted");
    }
    buffer.add(line);
    if (buffer.size() >= runLines) {
      spill(buffer);
    }
  }

  /** Every line added, in order; call once, after the last {@link #add}. */
  Iterator<String> sorted() throws IOException {
    if (sorted) {
      throw new IllegalStateException("sorted() is called once");
    }
    sorted = true;
    if (runs.isEmpty()) {
      buffer.sort(Comparator.naturalOrder());
      return buffer.iterator();
    }
    if (!buffer.isEmpty()) {
      spill(buffer);
    }
    return merge();
  }

  /** How many runs were written to disk; 0 when everything fit in one run. For tests. */
  int runCount() {
    return runs.size();
  }

  private void spill(List<String> buffer) throws IOException {
    buffer.sort(Comparator.naturalOrder());
    Path run = dir.resolve("run-" + runs.size());
    try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
      for (String s : buffer) {
        w.write(s);
        w.write('\n');
      }
    }
    runs.add(run);
    buffer.clear();
  }

  private Iterator<String> merge() throws IOException {
    record Head(String line, BufferedReader from) {}
    PriorityQueue<Head> heap = new PriorityQueue<>(Comparator.comparing(Head::line));
    for (Path run : runs) {
      BufferedReader r = Files.newBufferedReader(run, StandardCharsets.UTF_8);
      open.add(r);
      String first = r.readLine();
      if (first != null) {
        heap.add(new Head(first, r));
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heap.isEmpty();
      }

      @Override
      public String next() {
        Head h = heap.poll();
        if (h == null) {
          throw new NoSuchElementException();
        }
        try {
          String following = h.from().readLine();
          if (following != null) {
            heap.add(new Head(following, h.from()));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return h.line();
      }
    };
  }

  @Override
  public void close() throws IOException {
    for (BufferedReader r : open) {
      r.close();
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }
}
