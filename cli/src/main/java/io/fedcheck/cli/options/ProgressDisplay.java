package io.fedcheck.cli.options;

import io.fedcheck.api.AuditProgress;
import io.fedcheck.api.Verdict;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Shows an audit's progress on stderr. On a terminal: one bar redrawn in place with {@code \r} at
 * most {@link #REDRAW_NANOS every 200 ms} (done/total, percent, rate, ETA, FAIL count). Elsewhere
 * (a log file, CI): a plain line every {@link #LINE_NANOS 5 s} or each time another 10 % is done.
 * The final event is always shown. Called from one thread at a time (the validator's contract).
 */
public final class ProgressDisplay implements Consumer<AuditProgress> {
  static final long REDRAW_NANOS = 200_000_000L;
  static final long LINE_NANOS = 5_000_000_000L;
  private static final int BAR = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private long lastShown = Long.MIN_VALUE;
  private long lastTenth;
  private int lastWidth;

  /**
   * @param terminal whether stderr is an interactive terminal (redraw in place)
   * @param nanoClock the time source for throttling ({@link System#nanoTime} outside tests)
   */
  public ProgressDisplay(PrintWriter err, boolean terminal, LongSupplier nanoClock) {
    this.err = err;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  @Override
  public void accept(AuditProgress p) {
    long now = nanoClock.getAsLong();
    if (terminal) {
      if (p.finished() || lastShown == Long.MIN_VALUE || now - lastShown >= REDRAW_NANOS) {
        lastShown = now;
        String text = bar(p);
        // Pad over the remains of a longer previous bar instead of relying on ANSI erase codes.
        String pad = " ".repeat(Math.max(0, lastWidth - text.length()));
        lastWidth = text.length();
        err.print("\r" + text + pad + (p.finished() ? "\n" : ""));
        err.flush();
      }
      return;
    }
    long tenth = p.total() > 0 ? p.done() * 10 / p.total() : 0;
    if (lastShown == Long.MIN_VALUE) {
      lastShown = now; // the clock starts at the first result; nothing to say yet
    }
    if (p.finished() || now - lastShown >= LINE_NANOS || tenth > lastTenth) {
      lastShown = now;
      lastTenth = tenth;
      err.println("audit: " + line(p));
      err.flush();
    }
  }

  /** The terminal bar: {@code [#####.....] 1234/5000  24.7%  812/s  ETA 0:05  FAIL 12}. */
  static String bar(AuditProgress p) {
    StringBuilder b = new StringBuilder();
    if (p.total() > 0) {
      int filled = (int) Math.min(BAR, p.done() * BAR / p.total());
      b.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
    }
    return b.append(line(p)).toString();
  }

  /** The words of a progress line, without decoration. */
  public static String line(AuditProgress p) {
    StringBuilder b = new StringBuilder();
    double rate = p.ratePerSecond();
    if (p.total() >= 0) {
      double pct = p.total() == 0 ? 100 : 100.0 * p.done() / p.total();
      b.append(String.format(Locale.ROOT, "%d/%d %5.1f%%", p.done(), p.total(), pct));
    } else {
      b.append(p.done()).append(" done");
    }
    b.append(String.format(Locale.ROOT, "  %.1f/s", rate));
    if (p.total() >= 0 && !p.finished()) {
      long left = Math.max(0, p.total() - p.done());
      b.append("  ETA ").append(rate > 0 ? clock(Duration.ofSeconds((long) Math.ceil(left / rate))) : "?");
    }
    if (p.finished()) {
      b.append("  in ").append(clock(p.elapsed()));
    }
    b.append("  FAIL ").append(p.count(Verdict.FAIL));
    return b.toString();
  }

  /** {@code m:ss} or {@code h:mm:ss}. */
  public static String clock(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
