package io.fedcheck.flink;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordMapperWrapperRecordIterator;
import org.apache.flink.core.fs.Path;

/**
 * The input format for a directory of domain lists: each file read by {@link DomainListFormat},
 * and each entry tagged with its file, relative to the directory. Line numbers count from each
 * file's start, so without the file they would not say where an entry came from.
 */
final class DomainListFiles implements BulkFormat<AuditInput, FileSourceSplit> {
  private static final long serialVersionUID = 1L;

  private final String directory;
  private final StreamFormatAdapter<AuditInput> lists = new StreamFormatAdapter<>(new DomainListFormat());

  /** @param directory the input directory, qualified (as the source enumerates its files) */
  DomainListFiles(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory").toUri().getPath();
  }

  @Override
  public Reader<AuditInput> createReader(Configuration config, FileSourceSplit split) throws IOException {
    return tagged(lists.createReader(config, split), split);
  }

  @Override
  public Reader<AuditInput> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
    return tagged(lists.restoreReader(config, split), split);
  }

  private Reader<AuditInput> tagged(Reader<AuditInput> reader, FileSourceSplit split) {
    String file = relative(split.path());
    return RecordMapperWrapperRecordIterator.wrapReader(reader, entry -> entry.inFile(file));
  }

  /** {@code path} relative to the input directory (or as it is, outside it). */
  String relative(Path path) {
    String p = path.toUri().getPath();
    String root = directory.endsWith("/") ? directory : directory + "/";
    return p.startsWith(root) ? p.substring(root.length()) : p;
  }

  @Override
  public boolean isSplittable() {
    return lists.isSplittable();
  }

  @Override
  public TypeInformation<AuditInput> getProducedType() {
    return lists.getProducedType();
  }
}
