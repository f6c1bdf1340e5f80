package io.fedcheck.testkit.tls;

import java.security.KeyPair;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Key pairs shared in-process, one per (key type, slot). Key generation dominates the cost of a lab
 * with many certificates; sharing keys is harmless for tests. The slot is the certificate's depth in
 * its chain, so a root, an intermediate and a leaf never share a key (some path builders get
 * confused when issuer and subject keys are equal). Thread-safe.
 */
final class KeyPairCache {
  private record Slot(KeyType type, int depth) {}

  private static final ConcurrentMap<Slot, KeyPair> PAIRS = new ConcurrentHashMap<>();

  private KeyPairCache() {}

  static KeyPair get(KeyType type, int depth) {
    return PAIRS.computeIfAbsent(new Slot(type, depth), slot -> slot.type().generate());
  }
}
