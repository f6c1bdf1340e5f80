package io.fedcheck.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.fedcheck.api.FederationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code json} format: one JSON array of reports, written element by element as reports arrive
 * (the array is never held in memory). Not thread-safe.
 */
final class JsonArrayReportWriter implements ReportWriter {
  private final PrintWriter out;
  private final JsonGenerator json;

  JsonArrayReportWriter(PrintWriter out) {
    this.out = out;
    try {
      this.json = ReportJson.MAPPER.getFactory().createGenerator(out);
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setPrettyPrinter(new DefaultPrettyPrinter());
      json.writeStartArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void write(FederationReport report) {
    try {
      ReportJson.MAPPER.writeTree(json, ReportJson.toJson(report));
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finish() {
    try {
      json.writeEndArray();
      json.close();
      out.println();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
