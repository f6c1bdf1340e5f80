/**
 * {@code fedcheck audit} and {@code fedcheck diff}: the streaming run with resume and progress, the
 * fleet views ({@code --by-edge}, {@code --expiring-within}), the comparison with a baseline, the
 * on-disk sort that keeps {@code diff} bounded in memory, and the audit's HTML report.
 */
package io.fedcheck.cli.audit;
