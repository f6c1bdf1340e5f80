package io.fedcheck.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one bounded reader: caps hold while reading, for regular files, devices and FIFOs alike. */
class BoundedInputTest {
  @TempDir Path tmp;

  @Test
  void aFileAtTheCapIsReadAndOneByteMoreIsRefused() throws IOException {
    Path f = Files.write(tmp.resolve("f"), new byte[100]);
    assertEquals(100, BoundedInput.readFile(f, 100).length);
    InputTooLargeException e = assertThrows(InputTooLargeException.class, () -> BoundedInput.readFile(f, 99));
    assertEquals(99, e.limit());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void anEndlessDeviceIsCappedWhileRead() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "/dev/zero is not available");
    assertThrows(InputTooLargeException.class, () -> BoundedInput.readFile(zero, 1 << 20));
    assertThrows(IOException.class, () -> BoundedInput.readRegularFile(zero, 1 << 20));
  }

  @Test
  void aFifoIsReadWithTheCap() throws Exception {
    Path fifo = tmp.resolve("fifo");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available");
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(new byte[4096]);
      } catch (IOException e) {
        // the reader stopped at its cap and closed its end: expected
      }
    });
    writer.start();
    assertThrows(InputTooLargeException.class, () -> BoundedInput.readFile(fifo, 1000));
    writer.join(5_000);
    assertFalse(writer.isAlive());
  }

  @Test
  void directoriesAreRefused() {
    assertThrows(IOException.class, () -> BoundedInput.readFile(tmp, 10));
  }

  @Test
  void aPrefixSaysWhetherTheInputWentOn() throws IOException {
    BoundedInput.Prefix p = BoundedInput.readPrefix(new ByteArrayInputStream(new byte[10]), 4, 10);
    assertTrue(p.truncated());
    assertEquals(4, p.bytes().length);
    assertEquals(10, p.totalBytes());
    assertFalse(BoundedInput.readPrefix(new ByteArrayInputStream(new byte[4]), 4, 4).truncated());
  }

  @Test
  void aLimitedStreamFailsAsSoonAsItPassesTheCap() throws IOException {
    InputStream in = BoundedInput.limit(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), "stdin", 3);
    assertArrayEquals(new byte[] {1, 2, 3}, in.readNBytes(3));
    assertThrows(InputTooLargeException.class, in::read);
  }

  @Test
  void sizesReadWell() {
    assertEquals("4 MiB", BoundedInput.describeSize(4L << 20));
    assertEquals("512 KiB", BoundedInput.describeSize(512 << 10));
    assertEquals("100 bytes", BoundedInput.describeSize(100));
  }
}
