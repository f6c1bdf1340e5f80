package io.fedcheck.cli.audit;

import io.fedcheck.cli.options.UsageException;
import io.fedcheck.report.DomainListReader;
import io.fedcheck.report.DomainListReader.UnreadableInputException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * The audit input as the CLI reads it: {@link DomainListReader}'s rules (shared with the Flink job,
 * so line numbers agree), with an unreadable input turned into a usage error (exit 2). Not
 * thread-safe.
 */
final class AuditInput implements Iterator<DomainListReader.Entry> {
  /** The most characters kept of one line. */
  static final int MAX_LINE = DomainListReader.MAX_LINE;

  private final DomainListReader reader;

  AuditInput(InputStream in) {
    try {
      this.reader = new DomainListReader(in);
    } catch (UnreadableInputException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** Counts the entries of a stream (the same rules as iterating), reading it once. */
  static long count(InputStream in) {
    try {
      return DomainListReader.count(in);
    } catch (UnreadableInputException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  @Override
  public boolean hasNext() {
    try {
      return reader.hasNext();
    } catch (UnreadableInputException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  @Override
  public DomainListReader.Entry next() {
    try {
      return reader.next();
    } catch (UnreadableInputException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
