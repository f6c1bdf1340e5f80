package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit input reader's handling of invisible characters that editors and concatenation leave. */
class AuditInputTest {

  private static List<String> domains(byte[] bytes) {
    List<String> out = new ArrayList<>();
    new AuditInput(new ByteArrayInputStream(bytes)).forEachRemaining(e -> out.add(e.domain()));
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
}
