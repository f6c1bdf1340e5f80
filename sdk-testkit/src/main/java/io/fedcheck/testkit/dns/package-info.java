/**
 * An in-process authoritative DNS server on loopback for tests and benchmarks: {@link
 * io.fedcheck.testkit.dns.AuthoritativeDnsServer} serves {@link io.fedcheck.testkit.dns.DnsZone}s
 * over UDP and TCP, injects {@link io.fedcheck.testkit.dns.DnsFault}s and records the {@link
 * io.fedcheck.testkit.dns.ReceivedQuery queries} it received.
 */
package io.fedcheck.testkit.dns;
