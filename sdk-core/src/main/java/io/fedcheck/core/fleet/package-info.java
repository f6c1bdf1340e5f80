/**
 * Pure functions over many {@link io.fedcheck.api.FederationReport}s, for an auditor of many
 * tenants: {@link io.fedcheck.core.fleet.EdgeGrouping} (which edge serves whom, and the fixes ranked
 * by failing tenants), {@link io.fedcheck.core.fleet.CertificateExpiry} (the renewal calendar) and
 * {@link io.fedcheck.core.fleet.AuditDiff} over {@link io.fedcheck.core.fleet.DomainSnapshot}s (what
 * changed between two audits). Nothing here looks anything up or reads the clock.
 */
package io.fedcheck.core.fleet;
