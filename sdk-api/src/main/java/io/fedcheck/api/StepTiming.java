package io.fedcheck.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one step of a validation took, such as {@code srv}, {@code a:vcse.example.com} or
 * {@code tls:vcse.example.com:5061}.
 */
public record StepTiming(String step, Duration duration) {
  public StepTiming {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(duration, "duration");
  }
}
