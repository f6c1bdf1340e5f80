package io.fedcheck.dnsjava;

import io.fedcheck.api.BoundedInput;
import io.fedcheck.api.InputTooLargeException;
import io.fedcheck.api.ZoneFileLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Reads one zone file as untrusted input, for {@link ZoneFileResolver}. dnsjava's {@link Master}
 * parses the records, but it follows {@code $INCLUDE} to any path with no depth or cycle check and
 * expands {@code $GENERATE} with no limit; its only knobs are {@link Master#disableIncludes(boolean)}
 * and {@link Master#expandGenerate(boolean)}. So this class does the directive work itself first:
 *
 * <ol>
 *   <li>the file is read with {@link BoundedInput} (capped while reading, devices and FIFOs too);
 *   <li>a line scan finds {@code $INCLUDE} and {@code $GENERATE} (directives start a line): an
 *       include is refused unless {@link ZoneFileLimits#includes()}, else confined to the zone
 *       file's directory after symlinks, to regular files, to the depth limit, and checked for
 *       cycles; then spliced in, bracketed by {@code $ORIGIN} lines. A {@code $GENERATE} range is
 *       counted before anything is expanded;
 *   <li>dnsjava parses the spliced text with includes disabled (an include the scan missed fails
 *       rather than opens a file), and every record it returns, generated ones included, counts
 *       against the cap, so the scan is a fast error and the count is the guarantee.
 * </ol>
 *
 * <p>Errors name the zone file given and its line; for a problem inside an included file they give
 * the chain of file names, never the included file's content. Not thread-safe; one per file.
 */
final class ZoneFileReader {
  /** A directive at the start of a line, its first argument and the rest. */
  private static final Pattern DIRECTIVE =
      Pattern.compile("^\\$(INCLUDE|GENERATE|ORIGIN)[ \\t]+(\\S+)([ \\t]+[^;\\s]\\S*)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern RANGE = Pattern.compile("(\\d{1,18})-(\\d{1,18})(?:/(\\d{1,18}))?");
  /** Master's own name for a stream without a file; its messages start with it. */
  private static final Pattern PARSER_LINE = Pattern.compile("^.*?:(\\d+): (.*)$", Pattern.DOTALL);

  /** A run of lines of the spliced text that came from one file. */
  private record Segment(int firstLine, String file, int fileLine, boolean named, int topLine) {}

  private final ZoneFileLimits limits;
  private final Path top;
  private final String topName;
  private final Path topDirectory;
  private final StringBuilder text = new StringBuilder();
  private final List<Segment> segments = new ArrayList<>();
  private int lines;
  private long generated;

  ZoneFileReader(Path top, ZoneFileLimits limits) {
    this.top = top;
    this.topName = top.toString();
    this.limits = limits;
    Path parent = top.toAbsolutePath().getParent();
    Path dir;
    try {
      dir = parent == null ? null : parent.toRealPath();
    } catch (IOException e) {
      dir = parent;
    }
    this.topDirectory = dir;
  }

  /** The records of the file, with {@code origin} for relative names (may be null). */
  List<Record> read(Name origin) {
    byte[] bytes;
    try {
      bytes = BoundedInput.readFile(top, BoundedInput.ZONE_FILE_MAX_BYTES);
    } catch (InputTooLargeException e) {
      throw new InvalidZoneFileException("zone file " + topName + " is larger than "
          + BoundedInput.describeSize(e.limit()) + ", the most fedcheck reads of a zone file");
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read zone file " + topName, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read zone file " + topName, e);
    }
    List<Path> chain = new ArrayList<>();
    chain.add(realOrSelf(top));
    splice(decode(bytes), topName, true, 0, chain, origin == null ? null : origin.toString());
    return parse(origin);
  }

  private void splice(String content, String file, boolean named, int topLine, List<Path> chain, String origin) {
    String currentOrigin = origin;
    String[] fileLines = content.split("\r\n|\r|\n", -1);
    segments.add(new Segment(lines + 1, file, 1, named, topLine));
    for (int i = 0; i < fileLines.length; i++) {
      String line = fileLines[i];
      int at = named ? i + 1 : topLine;
      Matcher m = DIRECTIVE.matcher(line);
      if (m.find()) {
        String kind = m.group(1).toUpperCase(Locale.ROOT);
        if (kind.equals("ORIGIN")) {
          currentOrigin = absoluteOrigin(m.group(2), currentOrigin);
        } else if (kind.equals("GENERATE")) {
          count(m.group(2), at, named, chain);
        } else {
          String target = unquote(m.group(2));
          String includeOrigin = m.group(3) == null ? null : m.group(3).strip();
          String included = include(target, at, named, chain);
          Path real = chain.get(chain.size() - 1);
          appendLine(includeOrigin != null ? "$ORIGIN " + includeOrigin
              : currentOrigin != null ? "$ORIGIN " + currentOrigin : "");
          splice(included, real.getFileName().toString(), false, at, chain,
              includeOrigin != null ? absoluteOrigin(includeOrigin, currentOrigin) : currentOrigin);
          chain.remove(chain.size() - 1);
          appendLine(currentOrigin != null ? "$ORIGIN " + currentOrigin : "");
          segments.add(new Segment(lines + 1, file, i + 2, named, topLine));
          continue;
        }
      }
      appendLine(line);
    }
  }

  private void appendLine(String line) {
    text.append(line).append('\n');
    lines++;
    if (text.length() > BoundedInput.ZONE_FILE_MAX_BYTES) {
      throw new InvalidZoneFileException("zone file " + topName + " with the files it includes is larger than "
          + BoundedInput.describeSize(BoundedInput.ZONE_FILE_MAX_BYTES) + ", the most fedcheck reads of a zone");
    }
  }

  /** Counts a {@code $GENERATE} range before dnsjava expands anything. */
  private void count(String range, int at, boolean named, List<Path> chain) {
    Matcher r = RANGE.matcher(range);
    if (!r.matches()) {
      return; // not a range fedcheck can count: dnsjava rejects it, or the record count stops it
    }
    long start = Long.parseLong(r.group(1));
    long end = Long.parseLong(r.group(2));
    long step = r.group(3) == null ? 1 : Long.parseLong(r.group(3));
    if (step < 1 || end < start) {
      return;
    }
    long n = (end - start) / step + 1;
    generated += n;
    if (n > limits.maxRecords() || generated > limits.maxRecords()) {
      throw refuse(at, named, chain, "$GENERATE " + (named ? range + " " : "") + "would make " + n
          + " records; the zone may hold at most " + limits.maxRecords()
          + " (raise the cap with ZoneFileLimits.maxRecords, or the CLI's --zone-max-records)");
    }
  }

  /** Checks and reads an included file; pushes its real path on {@code chain}. */
  private String include(String target, int at, boolean named, List<Path> chain) {
    if (!limits.includes()) {
      throw refuse(at, named, chain, "$INCLUDE is off: fedcheck reads only the zone files it is given"
          + " (turn includes on with ZoneFileLimits.includes, or the CLI's --zone-include)");
    }
    if (chain.size() > limits.maxIncludeDepth()) {
      throw refuse(at, named, chain, "$INCLUDE nested deeper than " + limits.maxIncludeDepth() + " files: "
          + names(chain));
    }
    Path including = chain.get(chain.size() - 1).getParent();
    Path asked = Path.of(target);
    Path resolved = asked.isAbsolute() || including == null ? asked : including.resolve(asked);
    Path real;
    try {
      real = resolved.toRealPath();
    } catch (IOException e) {
      throw refuse(at, named, chain, "$INCLUDE names a file that cannot be read" + (named ? ": " + target : ""));
    }
    if (topDirectory == null || !real.startsWith(topDirectory)) {
      throw refuse(at, named, chain, "$INCLUDE " + (named ? target + " " : "") + "leads outside " + topDirectory
          + " (after symlinks); included files must lie in the zone file's directory");
    }
    if (chain.contains(real)) {
      List<Path> cycle = new ArrayList<>(chain);
      cycle.add(real);
      throw refuse(at, named, chain, "$INCLUDE cycle: " + names(cycle));
    }
    if (!Files.isRegularFile(real)) {
      throw refuse(at, named, chain, "$INCLUDE " + (named ? target + " " : "") + "is not a regular file");
    }
    try {
      byte[] bytes = BoundedInput.readRegularFile(real, BoundedInput.ZONE_FILE_MAX_BYTES - text.length());
      chain.add(real);
      return decode(bytes);
    } catch (IOException e) {
      throw refuse(at, named, chain, e instanceof InputTooLargeException
          ? "the zone with its included files is larger than "
              + BoundedInput.describeSize(BoundedInput.ZONE_FILE_MAX_BYTES)
          : "$INCLUDE names a file that cannot be read");
    }
  }

  private List<Record> parse(Name origin) {
    List<Record> records = new ArrayList<>();
    byte[] spliced = text.toString().getBytes(StandardCharsets.UTF_8);
    try (Master master = origin == null
        ? new Master(new ByteArrayInputStream(spliced))
        : new Master(new ByteArrayInputStream(spliced), origin)) {
      master.disableIncludes(true); // includes were spliced in above; any other is refused
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        if (records.size() >= limits.maxRecords()) {
          throw new InvalidZoneFileException("zone file " + topName + " holds more than " + limits.maxRecords()
              + " records (raise the cap with ZoneFileLimits.maxRecords, or the CLI's --zone-max-records)");
        }
        records.add(r);
      }
    } catch (TextParseException e) {
      throw parserError(e);
    } catch (IOException e) {
      throw parserError(e);
    }
    return records;
  }

  /** Maps a parser message on the spliced text back to the user's file and line. */
  private InvalidZoneFileException parserError(IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = PARSER_LINE.matcher(message);
    if (!m.matches()) {
      return new InvalidZoneFileException("invalid zone file " + topName + ": " + firstLine(message), e);
    }
    int line = Integer.parseInt(m.group(1));
    Segment s = segments.get(0);
    for (Segment candidate : segments) {
      if (candidate.firstLine() <= line) {
        s = candidate;
      }
    }
    if (s.named()) {
      return new InvalidZoneFileException("invalid zone file " + topName + ":"
          + (s.fileLine() + line - s.firstLine()) + ": " + firstLine(m.group(2)), e);
    }
    // The included file's text is not the caller's: say where, not what.
    return new InvalidZoneFileException("invalid zone file " + topName + ":" + s.topLine()
        + ": the included file " + s.file() + " is not valid zone-file text (near its line "
        + Math.max(1, s.fileLine() + line - s.firstLine()) + ")", e);
  }

  private InvalidZoneFileException refuse(int topLine, boolean named, List<Path> chain, String why) {
    String where = named ? "" : " (in " + names(chain) + ")";
    return new InvalidZoneFileException("invalid zone file " + topName + ":" + topLine + where + ": " + why);
  }

  private static String names(List<Path> chain) {
    List<String> n = new ArrayList<>();
    for (Path p : chain) {
      n.add(p.getFileName() == null ? p.toString() : p.getFileName().toString());
    }
    return String.join(" -> ", n);
  }

  private static String absoluteOrigin(String name, String current) {
    if (name.endsWith(".") || current == null) {
      return name;
    }
    return name + "." + (current.equals(".") ? "" : current);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static Path realOrSelf(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath();
    }
  }

  private static String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
