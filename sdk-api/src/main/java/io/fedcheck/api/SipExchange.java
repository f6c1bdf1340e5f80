package io.fedcheck.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when an inspector spoke SIP on an inspected connection: the request it sent and
 * the answer it read, parsed by {@link io.fedcheck.api.sip.SipOptionsExchange}.
 *
 * @param outcome how the exchange ended
 * @param statusCode the SIP status code (100..699) when {@link SipOutcome#RESPONDED}, else 0
 * @param reason the reason phrase, or empty
 * @param headers the headers kept from the answer, by lower-case full name ({@code server},
 *     {@code user-agent}, {@code allow}, {@code supported}, {@code ms-diagnostics}, {@code
 *     ms-diagnostics-public}), each with its values in order
 * @param request the request as sent (text), or empty when none was sent
 * @param excerpt the first bytes of what came back, printable, for the report (at most 512 characters)
 * @param detail a short explanation in words (why NOT_SIP, what closed, ...), or empty
 * @param elapsed from sending the request to the end of reading
 */
public record SipExchange(
    SipOutcome outcome,
    int statusCode,
    String reason,
    Map<String, List<String>> headers,
    String request,
    String excerpt,
    String detail,
    Duration elapsed) {
  /**
   * Checks the exchange and copies the headers; {@code null} texts and headers become empty.
   *
   * @param outcome how the exchange ended
   * @param statusCode the SIP status code (100..699) when {@link SipOutcome#RESPONDED}, else 0
   * @param reason the reason phrase, or empty or {@code null}
   * @param headers the headers kept from the answer, by lower-case full name, or {@code null}
   * @param request the request as sent, or empty or {@code null}
   * @param excerpt the first bytes of what came back, printable, or empty or {@code null}
   * @param detail a short explanation in words, or empty or {@code null}
   * @param elapsed from sending the request to the end of reading
   * @throws IllegalArgumentException when {@code statusCode} does not fit {@code outcome}
   */
  public SipExchange {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome == SipOutcome.RESPONDED ? statusCode < 100 || statusCode > 699 : statusCode != 0) {
      throw new IllegalArgumentException("status code " + statusCode + " does not fit " + outcome);
    }
    reason = reason == null ? "" : reason;
    headers = headers == null ? Map.of() : headers.entrySet().stream().collect(
        java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    request = request == null ? "" : request;
    excerpt = excerpt == null ? "" : excerpt;
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * No request was sent.
   *
   * @param detail why none was sent, or empty
   * @return an exchange with outcome {@link SipOutcome#NOT_ATTEMPTED}
   */
  public static SipExchange notAttempted(String detail) {
    return new SipExchange(SipOutcome.NOT_ATTEMPTED, 0, "", Map.of(), "", "", detail, Duration.ZERO);
  }

  /**
   * The first value of a kept header (lower-case name), if present.
   *
   * @param lowerCaseName the header's lower-case full name, such as {@code server}
   * @return the header's first value, or empty when the answer did not carry it
   */
  public Optional<String> header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
