/** {@code fedcheck cert}: the rules over a certificate chain read from files, offline. */
package io.fedcheck.cli.cert;
