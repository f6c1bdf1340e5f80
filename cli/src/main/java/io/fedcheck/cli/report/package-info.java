/**
 * The report writers {@code check}, {@code demo}, {@code cert} and {@code audit} share (text, JSON,
 * JSON Lines, CSV), the one JSON shape they all write ({@link io.fedcheck.cli.report.ReportJson}),
 * the output options and the run of a command that produces reports ({@link
 * io.fedcheck.cli.report.ReportRun}).
 */
package io.fedcheck.cli.report;
