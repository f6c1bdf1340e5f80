package io.fedcheck.core.plan;

import java.util.List;

/**
 * The plan's input cannot give a working federation edge (an invalid domain, a target outside its
 * domain, no IPv4 address...). The message lists every problem; {@link #problems()} has them one by
 * one.
 */
public final class InvalidPlanException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** An exception listing {@code problems} (at least one). */
  public InvalidPlanException(List<String> problems) {
    super(String.join("; ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid plan has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Each problem, in plain language. */
  public List<String> problems() {
    return problems;
  }
}
