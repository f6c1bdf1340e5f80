package io.fedcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The domain-list reader: line numbers, comments, line ends, and what editors and concatenation leave. */
class DomainListReaderTest {

  private static List<String> domains(byte[] bytes) {
    List<String> out = new ArrayList<>();
    new DomainListReader(new ByteArrayInputStream(bytes)).forEachRemaining(e -> out.add(e.domain()));
    return out;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void stackedByteOrderMarksAreAllDropped() {
    byte[] bom = bytes(0xEF, 0xBB, 0xBF);
    byte[] body = "a.example\nb.example\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] input = new byte[bom.length * 3 + body.length];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(bom, 0, input, i * 3, 3);
    }
    System.arraycopy(body, 0, input, 9, body.length);
    assertEquals(List.of("a.example", "b.example"), domains(input));
  }

  @Test
  void byteOrderMarksAroundADomainAreStripped() {
    assertEquals(List.of("a.example", "b.example"),
        domains(" \uFEFFa.example\uFEFF \n\uFEFFb.example\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void aByteOrderMarkAloneIsABlankLine() {
    assertEquals(List.of("c.example"),
        domains("\uFEFF\n\uFEFF\nc.example".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void entriesKeepTheirPhysicalLineNumbersAcrossCommentsBlanksAndLineEnds() {
    String text = "# header\r\na.example  # HQ\r\n\n  b.example\rc#d\n\t\n#x\ne.example";
    List<DomainListReader.Entry> entries = new ArrayList<>();
    new DomainListReader(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .forEachRemaining(entries::add);
    assertEquals(List.of(new DomainListReader.Entry(2, "a.example"), new DomainListReader.Entry(4, "b.example"),
        new DomainListReader.Entry(5, "c#d"), new DomainListReader.Entry(8, "e.example")), entries);
    assertEquals(4, DomainListReader.count(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Test
  void aLongLineIsCutAndUtf16IsRefusedWithAMessage() {
    assertEquals(List.of("x".repeat(DomainListReader.MAX_LINE)),
        domains(("x".repeat(5000) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    DomainListReader.UnreadableInputException e = assertThrows(DomainListReader.UnreadableInputException.class,
        () -> new DomainListReader(new ByteArrayInputStream(bytes(0xFF, 0xFE, 'a', 0))));
    assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
  }
}
