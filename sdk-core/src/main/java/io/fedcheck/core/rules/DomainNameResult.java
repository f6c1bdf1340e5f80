package io.fedcheck.core.rules;

import io.fedcheck.api.Finding;
import java.util.Objects;
import java.util.Optional;

/**
 * A domain as the user typed it, and either its normalized ASCII form or the {@code DOMAIN_INVALID}
 * finding that says why it is not a domain.
 *
 * @param input the input exactly as given
 * @param ascii the lower-case ASCII (punycode) form without trailing dot, or {@code null}
 * @param problem the {@code DOMAIN_INVALID} finding, or {@code null} when the input is valid
 */
public record DomainNameResult(String input, String ascii, Finding problem) {
  public DomainNameResult {
    Objects.requireNonNull(input, "input");
    if ((ascii == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of ascii and problem must be set");
    }
  }

  /** Whether the input is a valid domain (then {@link #ascii()} is set). */
  public boolean isValid() {
    return ascii != null;
  }

  /** The {@code DOMAIN_INVALID} finding, when the input is not a valid domain. */
  public Optional<Finding> problemIfAny() {
    return Optional.ofNullable(problem);
  }
}
