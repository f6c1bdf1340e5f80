/** {@code fedcheck check} and {@code fedcheck demo}, with the seed lab the demo starts. */
package io.fedcheck.cli.check;
