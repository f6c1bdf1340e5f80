package io.fedcheck.dnsjava;

import io.fedcheck.api.DomainResolver;
import io.fedcheck.testkit.contract.DomainResolverContract;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The contract on {@link DnsjavaResolver.Transport#PER_QUERY}. */
class PerQueryDnsjavaResolverContractTest extends DomainResolverContract {
  @Override
  protected DomainResolver newResolver(InetSocketAddress server, Duration queryTimeout, int retries) {
    return DnsjavaResolver.builder()
        .server(server)
        .queryTimeout(queryTimeout)
        .retries(retries)
        .transport(DnsjavaResolver.Transport.PER_QUERY)
        .build();
  }
}
