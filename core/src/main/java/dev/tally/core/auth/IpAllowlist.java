package dev.tally.core.auth;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.List;

/**
 * Matches a caller's address against an allowlist of addresses and CIDR ranges ({@code
 * 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 203.0.113.7}). Literal addresses only: nothing is
 * looked up in DNS.
 */
final class IpAllowlist {
  private IpAllowlist() {}

  /** Refuses an entry that is not an address or a CIDR range. */
  static void checkEntry(String entry) {
    String[] parts = entry.split("/", -1);
    checkArgument(
        parts.length <= 2 && InetAddresses.isInetAddress(parts[0]),
        "allowed IP '%s' is not an address or CIDR range",
        entry);
    if (parts.length == 2) {
      int bits = InetAddresses.forString(parts[0]).getAddress().length * 8;
      checkArgument(
          parts[1].matches("\\d{1,3}") && Integer.parseInt(parts[1]) <= bits,
          "allowed IP '%s' has a bad prefix length",
          entry);
    }
  }

  /** True when {@code address} is in the list, or the list is empty (no restriction). */
  static boolean allows(List<String> allowlist, String address) {
    if (allowlist.isEmpty()) {
      return true;
    }
    if (!InetAddresses.isInetAddress(address)) {
      return false;
    }
    byte[] caller = InetAddresses.forString(address).getAddress();
    return allowlist.stream().anyMatch(entry -> matches(entry, caller));
  }

  private static boolean matches(String entry, byte[] caller) {
    String[] parts = entry.split("/", -1);
    InetAddress network = InetAddresses.forString(parts[0]);
    byte[] prefix = network.getAddress();
    if (prefix.length != caller.length) {
      return false;
    }
    int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : prefix.length * 8;
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((prefix[i / 8] & mask) != (caller[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
