/** {@code fedcheck plan}: the DNS records, certificate request and checklist for a new edge. */
package io.fedcheck.cli.plan;
