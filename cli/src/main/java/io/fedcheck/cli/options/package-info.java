/**
 * What every command shares: the option groups ({@link io.fedcheck.cli.options.CheckOptions} and
 * the SIP, trust and zone-file options it is made of) and the settings they parse into, the
 * converters, the seam to the SDK ({@link io.fedcheck.cli.options.ValidatorFactory}, {@link
 * io.fedcheck.cli.options.CliContext}), exit codes, usage errors and their messages, the terminal
 * and its styles.
 */
package io.fedcheck.cli.options;
