/** {@code fedcheck explain}: a Microsoft diagnostic or SIP response, explained as the rule it matches. */
package io.fedcheck.cli.explain;
