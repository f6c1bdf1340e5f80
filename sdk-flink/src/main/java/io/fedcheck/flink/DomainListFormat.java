package io.fedcheck.flink;

import io.fedcheck.report.DomainListReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * The job's input format: a domain list read by {@link DomainListReader}, the reader of {@code
 * fedcheck audit --input}, so entries, comments, byte-order marks and line numbers are the same.
 * Not splittable (line numbers count from the file's start); on restore, Flink re-reads the file
 * and skips the entries already emitted.
 */
final class DomainListFormat extends SimpleStreamFormat<AuditInput> {
  private static final long serialVersionUID = 1L;

  @Override
  public Reader<AuditInput> createReader(Configuration config, FSDataInputStream stream) throws IOException {
    DomainListReader entries;
    try {
      entries = new DomainListReader(stream);
    } catch (DomainListReader.UnreadableInputException | UncheckedIOException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new Reader<>() {
      @Override
      public AuditInput read() throws IOException {
        try {
          if (!entries.hasNext()) {
            return null;
          }
          DomainListReader.Entry e = entries.next();
          return new AuditInput(e.line(), e.domain());
        } catch (DomainListReader.UnreadableInputException | UncheckedIOException e) {
          throw new IOException(e.getMessage(), e);
        }
      }

      @Override
      public void close() throws IOException {
        stream.close();
      }
    };
  }

  @Override
  public TypeInformation<AuditInput> getProducedType() {
    return TypeInformation.of(AuditInput.class);
  }
}
