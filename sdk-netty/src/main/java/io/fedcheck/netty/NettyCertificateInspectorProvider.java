package io.fedcheck.netty;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateInspectorProvider;
import io.fedcheck.api.InspectorOptions;
import io.netty.handler.ssl.OpenSsl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@link NettyCertificateInspector} for discovery as {@code netty}. It ranks above JSSE
 * where the native BoringSSL library loads, and below every other backend where it does not (the
 * reason is logged at debug), so discovery falls back to JSSE on such a platform.
 */
public final class NettyCertificateInspectorProvider implements CertificateInspectorProvider {
  /** The backend name. */
  public static final String NAME = "netty";
  /** The priority where BoringSSL loads: above JSSE's 100. */
  public static final int PRIORITY = 200;

  private static final Logger LOG = LoggerFactory.getLogger(NettyCertificateInspectorProvider.class);

  /** Public no-argument constructor, for {@link java.util.ServiceLoader}. */
  public NettyCertificateInspectorProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    if (OpenSsl.isAvailable()) {
      return PRIORITY;
    }
    LOG.debug("netty inspector unavailable: the native BoringSSL library does not load here ({})",
        String.valueOf(OpenSsl.unavailabilityCause()));
    return Integer.MIN_VALUE;
  }

  @Override
  public CertificateInspector create(InspectorOptions options) {
    return NettyCertificateInspector.create(options);
  }
}
