/**
 * The test kit's federation lab: {@link io.fedcheck.testkit.FederationLab} declares SIP domains,
 * their SRV targets and the edge servers behind them, and runs them on loopback (an authoritative
 * DNS server from {@code io.fedcheck.testkit.dns} and TLS endpoints from {@code
 * io.fedcheck.testkit.tls}); {@link io.fedcheck.testkit.SeedLab} is the ready-made lab of the seed
 * document's scenarios, each with its {@link io.fedcheck.testkit.ExpectedOutcome}.
 */
package io.fedcheck.testkit;
