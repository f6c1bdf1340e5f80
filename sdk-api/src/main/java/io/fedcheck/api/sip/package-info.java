/** The SIP codec that inspectors share to speak SIP on an inspected connection. */
package io.fedcheck.api.sip;
