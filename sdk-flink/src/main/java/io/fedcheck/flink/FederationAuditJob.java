package io.fedcheck.flink;

import io.fedcheck.api.Verdict;
import io.fedcheck.core.IncompleteReports;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import picocli.CommandLine;

/**
 * The bulk audit as a Flink job: a domain list from any Flink file system, one {@link
 * FederationAuditFunction} call per domain through Flink's async I/O (a bounded number in flight
 * per task, a timeout per record), and the results as JSON Lines through the file sink, each line
 * exactly as {@code fedcheck audit --format jsonl} writes it.
 *
 * <p>Run it with {@code flink run -c io.fedcheck.flink.FederationAuditJob sdk-flink-…-job.jar
 * --input … --output …} on a cluster, or with plain {@code java} (Flink on the class path) for a
 * local environment in one JVM: {@link StreamExecutionEnvironment#getExecutionEnvironment()} picks
 * whichever applies. The steps are public so an embedder can put its own stages between them.
 */
public final class FederationAuditJob {
  private FederationAuditJob() {}

  /**
   * Runs the job; exits 0 when it finished, 1 when it failed, 2 on a usage error.
   *
   * @param args the options of {@link JobOptions}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the job from command-line arguments in the current environment.
   *
   * @param args the options of {@link JobOptions}
   * @param out where the summary goes
   * @param err where errors go
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    JobOptions options = new JobOptions();
    try {
      CommandLine command = new CommandLine(options);
      if (CommandLine.printHelpIfRequested(command.parseArgs(args))) {
        return 0;
      }
      options.check();
    } catch (CommandLine.ParameterException e) {
      err.println("fedcheck-flink: " + e.getMessage());
      err.println("Try --help for the options.");
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("fedcheck-flink: " + e.getMessage());
      return 2;
    }
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      JobExecutionResult result = execute(env, options);
      out.println(summary(result));
      return 0;
    } catch (Exception e) {
      err.println("fedcheck-flink: the job failed: " + IncompleteReports.describe(e));
      return 1;
    }
  }

  /** Builds the whole job on {@code env} and executes it. */
  static JobExecutionResult execute(StreamExecutionEnvironment env, JobOptions options) throws Exception {
    configure(env, options);
    sink(audit(source(env, options), options, env.getParallelism()), options);
    return env.execute("fedcheck audit " + options.input);
  }

  /**
   * Applies the options' execution mode, parallelism and checkpointing to {@code env}.
   *
   * @param env the environment
   * @param options the job's options
   */
  static void configure(StreamExecutionEnvironment env, JobOptions options) {
    if (options.parallelism != null) {
      env.setParallelism(options.parallelism);
    }
    if (options.streaming()) {
      env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
      env.enableCheckpointing(options.checkpointInterval.toMillis());
    } else {
      env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    }
  }

  /**
   * The input: one {@link AuditInput} per domain-list entry, read by one reader per file (line
   * numbers count from a file's start, so entries of a directory carry their file), then spread
   * over the audit tasks.
   *
   * @param env the environment
   * @param options the job's options
   * @return the entries
   */
  public static DataStream<AuditInput> source(StreamExecutionEnvironment env, JobOptions options) {
    Path input = new Path(options.input);
    FileSource<AuditInput> files = directory(input)
        ? FileSource.forBulkFileFormat(new DomainListFiles(qualified(input)), input).build()
        : FileSource.forRecordStreamFormat(new DomainListFormat(), input).build();
    return env.fromSource(files, WatermarkStrategy.noWatermarks(), "domain list " + options.input)
        .rebalance();
  }

  /**
   * The audit: each entry through {@link FederationAuditFunction}, unordered, with the options'
   * capacity per task and per-record timeout; {@code --qps} split across {@code parallelism} tasks.
   *
   * @param inputs the entries
   * @param options the job's options
   * @param parallelism how many audit tasks share {@code --qps}
   * @return one record per entry
   */
  public static DataStream<AuditRecord> audit(DataStream<AuditInput> inputs, JobOptions options, int parallelism) {
    ValidatorSpec spec = options.spec().withDnsQueriesPerSecond(JobOptions.perTask(options.qps, parallelism));
    return AsyncDataStream.unorderedWait(inputs,
            new FederationAuditFunction(spec, options.recordTimeout()),
            options.recordTimeout().toMillis(), TimeUnit.MILLISECONDS, options.capacity)
        .name("federation audit");
  }

  /**
   * The output: each record's JSON line into part files under {@code --output}, exactly once.
   *
   * @param records the results
   * @param options the job's options
   */
  public static void sink(DataStream<AuditRecord> records, JobOptions options) {
    FileSink<String> files = FileSink.forRowFormat(new Path(options.output),
            new SimpleStringEncoder<String>("UTF-8"))
        // Straight into --output, not into hourly bucket directories: one audit, one directory.
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".jsonl").build())
        .build();
    records.map(new JsonLineFunction()).name("JSON line").sinkTo(files).name("results " + options.output);
  }

  /**
   * Whether {@code input} is a directory. An input that cannot be looked at here (a remote file
   * system not reachable from the client) is read as one file, as before.
   */
  private static boolean directory(Path input) {
    try {
      return input.getFileSystem().getFileStatus(input).isDir();
    } catch (IOException e) {
      return false;
    }
  }

  private static Path qualified(Path input) {
    try {
      return input.makeQualified(input.getFileSystem());
    } catch (IOException e) {
      return input;
    }
  }

  private static String summary(JobExecutionResult result) {
    Map<String, Object> acc = result.getAllAccumulatorResults();
    StringBuilder b = new StringBuilder("fedcheck-flink: done in ")
        .append(result.getNetRuntime(TimeUnit.MILLISECONDS)).append(" ms:");
    long total = 0;
    for (Verdict v : Verdict.values()) {
      Object n = acc.get(JsonLineFunction.VERDICT_ACCUMULATOR + v.name());
      long count = n instanceof Number num ? num.longValue() : 0;
      total += count;
      b.append(' ').append(count).append(' ').append(v.name());
    }
    return b.append(" (").append(total).append(" results counted, replays after a restart included)").toString();
  }
}
