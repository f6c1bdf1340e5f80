package io.fedcheck.core;

import io.fedcheck.api.FederationValidator;
import io.fedcheck.testkit.fake.FakeCertificateInspector;
import io.fedcheck.testkit.fake.FakeDomainResolver;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the validator tests that drive it through the test kit's in-memory fakes: one fake
 * resolver and inspector per test, and the validator the test builds, all closed after it.
 */
abstract class FakeBackendsTest {
  protected final FakeDomainResolver dns = new FakeDomainResolver();
  protected final FakeCertificateInspector tls = new FakeCertificateInspector();
  protected FederationValidator validator;

  @AfterEach
  void closeValidatorAndFakes() {
    if (validator != null) {
      validator.close();
    }
    dns.close();
    tls.close();
  }
}
