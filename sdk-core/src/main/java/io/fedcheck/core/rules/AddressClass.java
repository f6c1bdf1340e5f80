package io.fedcheck.core.rules;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * What kind of address a DNS answer pointed at. Only {@link #PUBLIC} addresses are reachable from
 * the internet, and only they are connected to unless the policy allows private addresses: SRV
 * targets come from untrusted DNS data, and a hostile answer must not make fedcheck probe the
 * caller's own network or a cloud metadata service.
 */
public enum AddressClass {
  /** Reachable from the internet. */
  PUBLIC,
  /** 127/8 and ::1. */
  LOOPBACK,
  /** RFC 1918 (10/8, 172.16/12, 192.168/16) and the deprecated IPv6 site-local fec0::/10. */
  PRIVATE,
  /** 169.254/16 and fe80::/10. */
  LINK_LOCAL,
  /** A cloud metadata service address (169.254.169.254, fd00:ec2::254). */
  METADATA,
  /** RFC 6598 carrier-grade NAT, 100.64/10. */
  CGNAT,
  /** IPv6 unique-local fc00::/7. */
  UNIQUE_LOCAL,
  /** 224/4 and ff00::/8. */
  MULTICAST,
  /** 0.0.0.0/8, :: and the IPv4 broadcast address. */
  UNSPECIFIED;

  /** Whether an internet peer could reach this address. */
  public boolean isPublic() {
    return this == PUBLIC;
  }

  /**
   * Whether fedcheck connects to an address of this class under a policy that does or does not
   * allow private addresses. Public addresses always; loopback, private, link-local, CGNAT and
   * unique-local ones only with the opt-in (labs, internal tests); metadata, multicast and
   * unspecified addresses never, since they are never a federation peer and probing a metadata
   * service is exactly what the guard is for. The validator's address guard and the {@code
   * TARGET_ADDRESS_NOT_PUBLIC} rule both use this, so a report never claims a check that was not
   * made.
   */
  public boolean isConnectable(boolean allowPrivate) {
    return switch (this) {
      case PUBLIC -> true;
      case METADATA, MULTICAST, UNSPECIFIED -> false;
      case LOOPBACK, PRIVATE, LINK_LOCAL, CGNAT, UNIQUE_LOCAL -> allowPrivate;
    };
  }

  /** Classifies an address. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry. */
  public static AddressClass of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && isIpv4Mapped(b)) {
      return ofIpv4(new byte[] {b[12], b[13], b[14], b[15]});
    }
    return address instanceof Inet4Address ? ofIpv4(b) : ofIpv6(b);
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static AddressClass ofIpv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    if (a0 == 0 || (a0 == 255 && a1 == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255)) {
      return UNSPECIFIED;
    }
    if (a0 == 127) {
      return LOOPBACK;
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return PRIVATE;
    }
    if (a0 == 169 && a1 == 254) {
      return (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254 ? METADATA : LINK_LOCAL;
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return CGNAT;
    }
    if (a0 >= 224 && a0 <= 239) {
      return MULTICAST;
    }
    return PUBLIC;
  }

  private static AddressClass ofIpv6(byte[] b) {
    boolean allZeroButLast = true;
    for (int i = 0; i < 15; i++) {
      if (b[i] != 0) {
        allZeroButLast = false;
        break;
      }
    }
    if (allZeroButLast && b[15] == 0) {
      return UNSPECIFIED;
    }
    if (allZeroButLast && b[15] == 1) {
      return LOOPBACK;
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 0xff) {
      return MULTICAST;
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return PRIVATE;
    }
    if ((b0 & 0xfe) == 0xfc) {
      // fd00:ec2::254 is AWS's IPv6 metadata endpoint.
      if (b0 == 0xfd && b1 == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2 && b[15] == 0x54
          && java.util.stream.IntStream.range(4, 14).allMatch(i -> b[i] == 0) && (b[14] & 0xff) == 0x02) {
        return METADATA;
      }
      return UNIQUE_LOCAL;
    }
    return PUBLIC;
  }
}
