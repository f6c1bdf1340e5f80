/**
 * In-memory fakes of fedcheck's two backends, {@link io.fedcheck.testkit.fake.FakeDomainResolver}
 * and {@link io.fedcheck.testkit.fake.FakeCertificateInspector}, for fast unit tests of code that
 * uses a {@link io.fedcheck.api.FederationValidator}. For end-to-end tests use the test kit's real
 * DNS server and TLS endpoints on loopback instead.
 */
package io.fedcheck.testkit.fake;
