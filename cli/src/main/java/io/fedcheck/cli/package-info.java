/**
 * The {@code fedcheck} command line. {@link io.fedcheck.cli.FedcheckCommand} is the entry point and
 * the one place that wires the real backends; each command family lives in its own package:
 * {@code check} (check and demo), {@code audit} (audit, diff and the audit's HTML report), {@code
 * explain}, {@code plan} and {@code cert}; {@code report} holds the writers every report-producing
 * command shares and {@code options} the options and plumbing every command shares.
 */
package io.fedcheck.cli;
