package io.fedcheck.core.hardening;

import static io.fedcheck.core.hardening.CatalogueChecks.DEADLINE;
import static io.fedcheck.core.hardening.CatalogueChecks.SLACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.ZoneFileLimits;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.dnsjava.InvalidZoneFileException;
import io.fedcheck.dnsjava.ZoneFileResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogue, zone files as untrusted input: the classes "small input, large expansion" ({@code
 * $GENERATE} ranges and steps, expansions through nested includes) and "zone-file file access"
 * (absolute paths, {@code ..}, symlinks out of the directory, devices, FIFOs, cycles, depth). Each
 * case is a few lines of zone file read by the SDK's one zone-file reader; every case must end in
 * a one-line {@link InvalidZoneFileException} (or a loaded zone) within the catalogue's deadline.
 */
class ZoneFileInputTest {
  private static final Duration BUDGET = DEADLINE.plus(SLACK);
  private static final String SOA = "$ORIGIN good.lab.\n$TTL 300\n"
      + "@ IN SOA ns hostmaster 1 3600 600 86400 300\n@ IN NS ns\nns IN A 127.0.0.1\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private static InvalidZoneFileException refused(Path file, UnaryOperator<ZoneFileResolver.Builder> setup) {
    return assertTimeoutPreemptively(BUDGET, () -> assertThrows(InvalidZoneFileException.class,
        () -> setup.apply(ZoneFileResolver.builder()).zoneFile(file).build()));
  }

  private static InvalidZoneFileException refused(Path file) {
    return refused(file, b -> b);
  }

  private static ZoneFileResolver loaded(Path file, UnaryOperator<ZoneFileResolver.Builder> setup) {
    return assertTimeoutPreemptively(BUDGET, () -> setup.apply(ZoneFileResolver.builder()).zoneFile(file).build());
  }

  private static DnsOutcome ask(ZoneFileResolver r, String name) throws Exception {
    return r.resolve(new DnsQuery(name, RecordType.A, Duration.ofSeconds(1))).toCompletableFuture()
        .get(5, TimeUnit.SECONDS).outcome();
  }

  private static void oneLine(InvalidZoneFileException e, Path named) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains(named.toString()), "names the user's file: " + e.getMessage());
  }

  // --- small input, large expansion ----------------------------------------------------------

  @Test
  void generateOfAHundredMillionIsRefusedBeforeExpansion() throws Exception {
    Path f = write("gen.zone", SOA + "$GENERATE 1-100000000 h$ A 127.0.0.1\n");
    InvalidZoneFileException e = refused(f);
    oneLine(e, f);
    assertTrue(e.getMessage().contains(f + ":6:"), e.getMessage());
    assertTrue(e.getMessage().contains("100000000") && e.getMessage().contains("1000000"), e.getMessage());
    assertTrue(e.getMessage().contains("--zone-max-records"), e.getMessage());
  }

  @Test
  void generateStepIsCountedNotTheSpan() throws Exception {
    Path small = write("step.zone", SOA + "$GENERATE 1-100000/200 h$ A 127.0.0.1\n"); // 500 records
    ZoneFileResolver r = loaded(small, b -> b.maxRecords(1000));
    assertEquals(DnsOutcome.ANSWER, ask(r, "h201.good.lab"));
    assertEquals(DnsOutcome.NXDOMAIN, ask(r, "h2.good.lab"));
    Path big = write("step2.zone", SOA + "$GENERATE 1-100000/50 h$ A 127.0.0.1\n"); // 2,000 records
    assertTrue(refused(big, b -> b.maxRecords(1000)).getMessage().contains("2000"));
  }

  @Test
  void manySmallGeneratesAddUpAgainstTheCap() throws Exception {
    Path f = write("many.zone", SOA + "$GENERATE 1-400 a$ A 127.0.0.1\n$GENERATE 1-400 b$ A 127.0.0.1\n"
        + "$GENERATE 1-400 c$ A 127.0.0.1\n");
    InvalidZoneFileException e = refused(f, b -> b.maxRecords(1000));
    assertTrue(e.getMessage().contains(f + ":8:"), "the line that passes the cap: " + e.getMessage());
  }

  @Test
  void plainRecordsCountWithGeneratedOnes() throws Exception {
    Path f = write("mixed.zone", SOA + "$GENERATE 1-8 h$ A 127.0.0.1\nx A 127.0.0.1\ny A 127.0.0.1\n");
    assertTrue(refused(f, b -> b.maxRecords(10)).getMessage().contains("more than 10 records"));
    assertEquals(DnsOutcome.ANSWER, ask(loaded(f, b -> b.maxRecords(20)), "h8.good.lab"));
  }

  @Test
  void nestedIncludesMultiplyingGeneratesAreCounted() throws Exception {
    write("leaf.zone", "$GENERATE 1-300 g$ A 127.0.0.1\n");
    write("mid.zone", "$INCLUDE leaf.zone\n$INCLUDE leaf.zone\n");
    Path top = write("top.zone", SOA + "$INCLUDE mid.zone\n$INCLUDE mid.zone\n");
    InvalidZoneFileException e = refused(top, b -> b.includes(true).maxRecords(1000));
    oneLine(e, top);
    assertTrue(e.getMessage().contains("top.zone:7"), e.getMessage());
  }

  @Test
  void theOfflineResolverOfTheValidatorUsesTheSameLimits() throws Exception {
    Path f = write("gen2.zone", SOA + "$GENERATE 1-100000000 h$ A 127.0.0.1\n");
    RuntimeException e = assertTimeoutPreemptively(BUDGET, () -> assertThrows(RuntimeException.class,
        () -> FederationValidators.builder().resolverName("zonefile")
            .resolverOptions(ResolverOptions.ofDefaults().withZoneFiles(List.of(f))).skipTls(true).build()));
    assertTrue(causeChainHas(e, InvalidZoneFileException.class), String.valueOf(e));
  }

  // --- zone-file file access -----------------------------------------------------------------

  @Test
  void includeIsOffByDefaultAndNamesTheOptIn() throws Exception {
    Path f = write("inc.zone", SOA + "$INCLUDE /etc/passwd\n");
    InvalidZoneFileException e = refused(f);
    oneLine(e, f);
    assertTrue(e.getMessage().contains("$INCLUDE is off") && e.getMessage().contains("--zone-include"),
        e.getMessage());
    assertFalse(e.getMessage().contains("root"), "nothing of /etc/passwd is quoted: " + e.getMessage());
  }

  @Test
  void absolutePathOutsideTheDirectoryIsRefused() throws Exception {
    Path f = write("abs.zone", SOA + "$INCLUDE /etc/passwd\n");
    InvalidZoneFileException e = refused(f, b -> b.includes(true));
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
    assertFalse(e.getMessage().contains("root:"), e.getMessage());
  }

  @Test
  void dotDotOutOfTheDirectoryIsRefused() throws Exception {
    write("outside.zone", "x A 127.0.0.1\n");
    Path f = write("zones/up.zone", SOA + "$INCLUDE ../outside.zone\n");
    assertTrue(refused(f, b -> b.includes(true)).getMessage().contains("outside"));
  }

  @Test
  void symlinkOutOfTheDirectoryIsRefused() throws Exception {
    Path secret = write("secret.txt", "token-do-not-print A 127.0.0.1\n");
    Path f = write("zones/link.zone", SOA + "$INCLUDE ln.zone\n");
    Files.createSymbolicLink(dir.resolve("zones/ln.zone"), secret);
    InvalidZoneFileException e = refused(f, b -> b.includes(true));
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
    assertFalse(e.getMessage().contains("token-do-not-print"), e.getMessage());
  }

  @Test
  void devicesAreRefusedWithoutBeingRead() throws Exception {
    Path f = write("dev.zone", SOA + "$INCLUDE /dev/zero\n");
    assertTrue(refused(f, b -> b.includes(true)).getMessage().contains(f + ":6:"));
    assertTrue(refused(f).getMessage().contains("$INCLUDE is off"));
  }

  @Test
  void aFifoInsideTheDirectoryIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("pipe.zone");
    assumeTrue(mkfifo(fifo), "mkfifo is not available");
    Path f = write("fifo.zone", SOA + "$INCLUDE pipe.zone\n");
    assertTrue(refused(f, b -> b.includes(true)).getMessage().contains("not a regular file"));
  }

  @Test
  void theZoneFileItselfIsReadWithTheCap() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "/dev/zero is not available");
    assertTrue(refused(zero).getMessage().contains("larger than"));
  }

  @Test
  void aCycleIsReportedWithItsChain() throws Exception {
    Path a = write("a.zone", SOA + "$INCLUDE b.zone\n");
    write("b.zone", "$INCLUDE a.zone\n");
    InvalidZoneFileException e = refused(a, b -> b.includes(true));
    oneLine(e, a);
    assertTrue(e.getMessage().contains("cycle: a.zone -> b.zone -> a.zone"), e.getMessage());
  }

  @Test
  void nestingDeeperThanEightIsRefused() throws Exception {
    for (int i = 1; i <= 10; i++) {
      write("n" + i + ".zone", "$INCLUDE n" + (i + 1) + ".zone\n");
    }
    write("n11.zone", "x A 127.0.0.1\n");
    Path top = write("n0.zone", SOA + "$INCLUDE n1.zone\n");
    assertTrue(refused(top, b -> b.includes(true)).getMessage().contains("deeper than 8"));
  }

  @Test
  void anIncludeInsideTheDirectoryIsServedWhenTurnedOn() throws Exception {
    write("sub/hosts.inc", "sip A 127.0.0.2\n");
    Path top = write("ok.zone", SOA + "$INCLUDE sub/hosts.inc\nafter A 127.0.0.3\n");
    ZoneFileResolver r = loaded(top, b -> b.includes(true));
    assertEquals(DnsOutcome.ANSWER, ask(r, "sip.good.lab"));
    assertEquals(DnsOutcome.ANSWER, ask(r, "after.good.lab"));
  }

  @Test
  void errorsInsideAnIncludedFileNameItButDoNotQuoteIt() throws Exception {
    write("bad.inc", "ok A 127.0.0.1\nsecret-value A not-an-address-xyz\n");
    Path top = write("top2.zone", SOA + "$INCLUDE bad.inc\n");
    InvalidZoneFileException e = refused(top, b -> b.includes(true));
    oneLine(e, top);
    assertTrue(e.getMessage().contains("top2.zone:6") && e.getMessage().contains("bad.inc"), e.getMessage());
    assertFalse(e.getMessage().contains("xyz") || e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void garbageInTheNamedFileGivesItsLine() throws Exception {
    Path f = write("garbage.zone", SOA + "this is not a record at all\n");
    InvalidZoneFileException e = refused(f);
    assertTrue(e.getMessage().contains(f + ":6:"), e.getMessage());
  }

  @Test
  void defaultLimitsAreTheDocumentedOnes() {
    assertEquals(1_000_000, ZoneFileLimits.ofDefaults().maxRecords());
    assertFalse(ZoneFileLimits.ofDefaults().includes());
    assertEquals(8, ZoneFileLimits.ofDefaults().maxIncludeDepth());
  }

  private static boolean mkfifo(Path p) {
    try {
      return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0 && Files.exists(p);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean causeChainHas(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
