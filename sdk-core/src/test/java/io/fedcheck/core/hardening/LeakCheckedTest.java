package io.fedcheck.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.testkit.ResourceSnapshot;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of every hardening test class: a {@link ResourceSnapshot} is taken before the class's own
 * {@code @BeforeAll} and, after its {@code @AfterAll} has closed the labs and servers, the
 * {@code fedcheck-} threads and the process's open file descriptors must come back to that baseline
 * (JUnit runs a superclass's {@code @BeforeAll} first and its {@code @AfterAll} last).
 *
 * <p>The descriptor slack allows for jars the class loader opens lazily while the class runs; a
 * leaked socket per case would exceed it by far, since every class runs dozens of cases.
 */
abstract class LeakCheckedTest {
  static final String THREAD_PREFIX = "fedcheck-";
  private static final int DESCRIPTOR_SLACK = 8;
  private static ResourceSnapshot baseline;

  @BeforeAll
  static void takeBaseline() {
    baseline = ResourceSnapshot.take(THREAD_PREFIX);
  }

  @AfterAll
  static void resourcesAreBackToBaseline() {
    Set<String> leftThreads = baseline.awaitThreadsBackTo(Duration.ofSeconds(5), THREAD_PREFIX);
    assertEquals(Set.of(), leftThreads, "threads started by the test class are still alive");
    if (baseline.openDescriptors() >= 0) {
      int now = baseline.awaitDescriptorsBackTo(Duration.ofSeconds(5), DESCRIPTOR_SLACK);
      assertTrue(now <= baseline.openDescriptors() + DESCRIPTOR_SLACK,
          "open file descriptors: " + now + " now, " + baseline.openDescriptors() + " before the class");
    }
  }
}
