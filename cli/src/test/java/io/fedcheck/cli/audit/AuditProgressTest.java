package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.AuditProgress;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.ProgressDisplay;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditProgressTest {
  private final StringWriter text = new StringWriter();
  private long now;

  private ProgressDisplay display(boolean terminal) {
    return new ProgressDisplay(new PrintWriter(text, true), terminal, () -> now);
  }

  private static AuditProgress event(long done, long total, long fails, long elapsedMs, boolean finished) {
    return new AuditProgress(done, total, 0, Map.of(Verdict.FAIL, fails, Verdict.PASS, done - fails),
        Duration.ofMillis(elapsedMs), finished);
  }

  @Test
  void offATerminalALineEveryFiveSecondsOrTenPercent() {
    ProgressDisplay d = display(false);
    now = 0;
    d.accept(event(1, 1000, 0, 10, false)); // the first result: nothing to say yet
    now = 1_000_000_000L;
    d.accept(event(50, 1000, 1, 1000, false)); // 5 %, 1 s: nothing
    assertEquals("", text.toString());
    now = 2_000_000_000L;
    d.accept(event(100, 1000, 2, 2000, false)); // 10 %: a line
    now = 6_000_000_000L;
    d.accept(event(150, 1000, 3, 6000, false)); // 15 %, 4 s later: nothing
    now = 7_100_000_000L;
    d.accept(event(160, 1000, 3, 7100, false)); // 5.1 s since the last line: a line
    now = 7_200_000_000L;
    d.accept(event(1000, 1000, 9, 20_000, true)); // the end: always
    List<String> lines = text.toString().lines().toList();
    assertEquals(3, lines.size(), text.toString());
    assertEquals("audit: 100/1000  10.0%  50.0/s  ETA 0:18  FAIL 2", lines.get(0));
    assertTrue(lines.get(1).startsWith("audit: 160/1000  16.0%"), lines.get(1));
    assertEquals("audit: 1000/1000 100.0%  50.0/s  in 0:20  FAIL 9", lines.get(2));
    assertFalse(text.toString().contains("\r"));
  }

  @Test
  void unknownTotalShowsCountAndRate() {
    assertEquals("12 done  6.0/s  FAIL 1", ProgressDisplay.line(event(12, -1, 1, 2000, false)));
  }

  @Test
  void onATerminalTheBarIsRedrawnInPlaceAtMostFiveTimesASecond() {
    ProgressDisplay d = display(true);
    for (int i = 1; i <= 100; i++) {
      now = i * 10_000_000L; // an event every 10 ms, for 1 s
      d.accept(event(i, 100, i / 10, i * 10L, false));
    }
    now += 1;
    d.accept(event(100, 100, 10, 1000, true));
    String out = text.toString();
    long redraws = out.chars().filter(c -> c == '\r').count();
    assertTrue(redraws >= 5 && redraws <= 7, redraws + " redraws: " + out);
    assertTrue(out.endsWith("FAIL 10\n"), out);
    assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line, redrawn");
    assertTrue(out.contains("[########################] 100/100 100.0%"), out);
    assertTrue(out.contains("[#"), out);
  }

  @Test
  void clockFormat() {
    assertEquals("0:07", ProgressDisplay.clock(Duration.ofSeconds(7)));
    assertEquals("2:05", ProgressDisplay.clock(Duration.ofSeconds(125)));
    assertEquals("1:01:01", ProgressDisplay.clock(Duration.ofSeconds(3661)));
  }
}
