package io.fedcheck.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fedcheck.api.Verdict;
import io.fedcheck.cli.report.ColorMode;
import io.fedcheck.cli.report.ReportFormat;
import io.fedcheck.cli.report.VerdictTally;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ConvertersTest {

  @ParameterizedTest
  @CsvSource({
    "10s, PT10S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H", "PT10S, PT10S", "pt1m30s, PT1M30S",
    "' 15S ', PT15S", "1ms, PT0.001S"
  })
  void durations(String text, String iso) {
    assertEquals(Duration.parse(iso), new DurationConverter().convert(text));
  }

  @ParameterizedTest
  @CsvSource({"'127.0.0.1', 127.0.0.1, 53", "'127.0.0.1:5353', 127.0.0.1, 5353", "'[::1]:53', ::1, 53",
    "'::1', ::1, 53", "'[::1]', ::1, 53", "'[fe80::1]:8053', fe80::1, 8053"})
  void dnsServers(String text, String address, int port) throws Exception {
    assertEquals(new InetSocketAddress(InetAddress.getByName(address), port), new DnsServerConverter().convert(text));
  }

  @Test
  void choicesAcceptAnyCaseAndListSpellingsWhenWrong() {
    assertEquals(ProfileChoice.MICROSOFT_365, new ProfileChoice.Converter().convert("Microsoft365"));
    assertEquals(ColorMode.NEVER, new ColorMode.Converter().convert("NEVER"));
    CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class,
        () -> new ReportFormat.Converter().convert("xml"));
    assertEquals("'xml' is not one of text|json|jsonl|csv", e.getMessage());
  }

  @Test
  void tallyExitCodes() {
    VerdictTally t = new VerdictTally();
    assertEquals(0, t.exitCode(), "no domain, nothing wrong");
    t.add(Verdict.PASS);
    t.add(Verdict.WARN);
    assertEquals(0, t.exitCode());
    t.add(Verdict.UNKNOWN);
    assertEquals(3, t.exitCode());
    t.add(Verdict.FAIL);
    assertEquals(1, t.exitCode());
    assertEquals(4, t.total());
  }
}
