package io.fedcheck.testkit.dns;

import java.time.Instant;
import java.util.Objects;

/**
 * One query the {@link AuthoritativeDnsServer} received, recorded before any fault was applied.
 *
 * @param name the question name, lower-case without trailing dot ({@code "."} for the root)
 * @param type the question type mnemonic, such as {@code SRV} or {@code A}
 * @param id the query's message id
 * @param transport how the query arrived
 * @param receivedAt when it arrived
 */
public record ReceivedQuery(String name, String type, int id, Transport transport, Instant receivedAt) {
  public ReceivedQuery {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The transport a query arrived over. */
  public enum Transport {
    UDP,
    TCP
  }
}
