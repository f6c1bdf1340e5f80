package io.fedcheck.jdk;

import io.fedcheck.api.DomainResolver;
import io.fedcheck.testkit.contract.DomainResolverContract;
import java.net.InetSocketAddress;
import java.time.Duration;

/** JNDI's known limits are declared through the hooks; see {@link JndiDomainResolver}. */
class JndiDomainResolverContractTest extends DomainResolverContract {
  @Override
  protected DomainResolver newResolver(InetSocketAddress server, Duration queryTimeout, int retries) {
    return JndiDomainResolver.builder().server(server).queryTimeout(queryTimeout).retries(retries).build();
  }

  /** JNDI waits for an answer with the right id and ignores the rest: TIMEOUT. */
  @Override
  protected boolean detectsWrongId() {
    return false;
  }

  /** JNDI reports an answer to another name as NameNotFoundException, the same as NXDOMAIN. */
  @Override
  protected boolean detectsWrongQuestion() {
    return false;
  }

  /** JNDI reads some malformed RDATA (an A record cut short) as data. */
  @Override
  protected boolean detectsMalformedAnswers() {
    return false;
  }

  /** JNDI falls back to the empty truncated UDP answer when its TCP retry fails. */
  @Override
  protected boolean detectsFailedTcpFallback() {
    return false;
  }

  /** JNDI attributes carry no TTL. */
  @Override
  protected boolean reportsTtl() {
    return false;
  }
}
