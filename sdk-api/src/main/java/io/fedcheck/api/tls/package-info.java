/**
 * What every TLS backend of {@link io.fedcheck.api.CertificateInspector} needs from the JDK's TLS
 * API and would otherwise write again: a trust manager that records the presented chain instead of
 * judging it, and a key manager that notes a CertificateRequest and presents the configured {@link
 * io.fedcheck.api.ClientIdentity}. Backends move bytes; what they see is decided once, here.
 */
package io.fedcheck.api.tls;
