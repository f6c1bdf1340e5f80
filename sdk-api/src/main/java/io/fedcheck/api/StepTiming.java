package io.fedcheck.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one step of a validation took, such as {@code srv}, {@code a:vcse.example.com} or
 * {@code tls:vcse.example.com:5061}.
 *
 * @param step the step's name
 * @param duration how long the step took
 */
public record StepTiming(String step, Duration duration) {
  /**
   * Checks that both components are set.
   *
   * @param step the step's name
   * @param duration how long the step took
   */
  public StepTiming {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(duration, "duration");
  }
}
