package io.fedcheck.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/** A plain dnsjava and JSSE client for asserting what a lab really serves. */
final class LabClient {
  private LabClient() {}

  /** Sends one query over UDP to the lab's DNS server and returns the answer. */
  static Message query(FederationLab lab, String name, int type) throws IOException {
    SimpleResolver resolver = new SimpleResolver(lab.dnsServer());
    resolver.setTimeout(Duration.ofSeconds(5));
    Record question = Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN);
    return resolver.send(Message.newQuery(question));
  }

  /** The answer-section records of that type. */
  static List<Record> answers(Message response, int type) {
    List<Record> out = new ArrayList<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() == type) {
        out.add(r);
      }
    }
    return out;
  }

  /** A TLS socket to 127.0.0.1:port with SNI {@code host}, trusting only {@code anchors}; handshake done. */
  static SSLSocket handshake(List<X509Certificate> anchors, String host, int port)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < anchors.size(); i++) {
      store.setCertificateEntry("anchor" + i, anchors.get(i));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    plain.setSoTimeout(10_000);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(host)));
    socket.setSSLParameters(parameters);
    try {
      socket.startHandshake();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  /** The SAN dNSNames of the peer's leaf certificate. */
  static List<String> peerDnsNames(SSLSocket socket) throws IOException, CertificateParsingException {
    return dnsNames((X509Certificate) socket.getSession().getPeerCertificates()[0]);
  }

  static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        if ((Integer) san.get(0) == 2) {
          names.add((String) san.get(1));
        }
      }
    }
    return names;
  }
}
