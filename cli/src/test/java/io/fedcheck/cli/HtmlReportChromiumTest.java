package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium and reads the DOM after its script ran: the counts the
 * script fills in must be there, and no hostile input may have run.
 */
class HtmlReportChromiumTest {
  @TempDir Path tmp;

  private String dumpDom(Path html) throws IOException, InterruptedException {
    Optional<Path> browser = Optional.of(io.fedcheck.testkit.ExternalProgram.require("chromium", "chromium",
        "chromium-browser"));
    Path profile = Files.createDirectory(tmp.resolve("profile"));
    Path dom = tmp.resolve("dom.html");
    Process p = new ProcessBuilder(List.of(browser.get().toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString()))
        .redirectOutput(dom.toFile())
        .redirectError(tmp.resolve("chromium.log").toFile())
        .start();
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finishes");
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    String text = Files.readString(dom, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "chromium: " + Files.readString(tmp.resolve("chromium.log")));
    return text;
  }

  @Test
  void theScriptFillsInTheTableAndHostileInputStaysText() throws Exception {
    Path html = HtmlReportTest.auditWithReport(tmp);
    String dom = dumpDom(html);
    assertTrue(dom.contains("data-rendered=\"true\""), "the page's script ran: " + dom);
    assertTrue(dom.contains("<span id=\"row-total\">11</span>"), dom);
    assertTrue(dom.contains("<span id=\"match-count\">11</span>"), dom);
    assertTrue(dom.contains("<span id=\"shown-count\">11</span>"), dom);
    assertEquals(11, HtmlReportTest.count(dom, "<td class=\"v-"), "one row per result");
    assertTrue(dom.contains("<dd id=\"summary-fail\">7</dd>"));
    assertTrue(dom.contains("<td class=\"v-FAIL\">FAIL</td>"));
    assertFalse(dom.contains("data-pwned=\""), "no hostile input ran (it would set a data-pwned attribute)");
    assertTrue(dom.contains("<td>&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;</td>"),
        "the hostile domain is shown as text");
    assertTrue(dom.contains("<td>\"&gt;&lt;img src=x onerror=\"document.body"), "shown as text");
    assertFalse(dom.contains("<img"), "no element from the input");
  }
}
