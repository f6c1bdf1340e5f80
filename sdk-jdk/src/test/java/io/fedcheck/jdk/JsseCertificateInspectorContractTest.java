package io.fedcheck.jdk;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.testkit.contract.CertificateInspectorContract;

class JsseCertificateInspectorContractTest extends CertificateInspectorContract {
  @Override
  protected CertificateInspector newInspector() {
    return JsseCertificateInspector.create(new InspectorOptions(null, 8));
  }

  @Override
  protected CertificateInspector newInspector(ClientIdentity identity) {
    return JsseCertificateInspector.create(new InspectorOptions(null, 8, identity));
  }
}
