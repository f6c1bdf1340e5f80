package io.fedcheck.dnsjava;

import io.fedcheck.api.DomainResolver;
import io.fedcheck.testkit.contract.DomainResolverContract;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The contract on the default transport, {@link DnsjavaResolver.Transport#MULTIPLEXED}. */
class DnsjavaResolverContractTest extends DomainResolverContract {
  @Override
  protected DomainResolver newResolver(InetSocketAddress server, Duration queryTimeout, int retries) {
    return DnsjavaResolver.builder().server(server).queryTimeout(queryTimeout).retries(retries).build();
  }
}
