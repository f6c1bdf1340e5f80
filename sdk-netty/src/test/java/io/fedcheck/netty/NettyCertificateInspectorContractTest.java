package io.fedcheck.netty;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.testkit.contract.CertificateInspectorContract;

class NettyCertificateInspectorContractTest extends CertificateInspectorContract {
  @Override
  protected CertificateInspector newInspector() {
    return NettyCertificateInspector.create(new InspectorOptions(null, 8), 2);
  }

  @Override
  protected CertificateInspector newInspector(ClientIdentity identity) {
    return NettyCertificateInspector.create(new InspectorOptions(null, 8, identity), 2);
  }
}
