/**
 * fedcheck's public API: the {@link io.fedcheck.api.FederationValidator}, the two service provider
 * interfaces {@link io.fedcheck.api.DomainResolver} and {@link io.fedcheck.api.CertificateInspector}
 * with their discovery providers, and the immutable value types they exchange. No third-party type
 * appears here.
 */
package io.fedcheck.api;
