package io.flowlb.controller.pseudo;

import io.flowlb.loadbalancer.model.IpAddress;

/**
 * An address an interface holds, with its prefix length: {@code 10.0.0.254/24},
 * {@code fd00::fe/64}. As with {@code ip addr add}, a missing prefix means a host route
 * ({@code /32}, {@code /128}); the prefix decides which destinations the controller host routes
 * through the interface.
 *
 * @param address the unicast address
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 *
 * <p>Thread safety: immutable.
 */
public record InterfaceAddress(IpAddress address, int prefixLength) {

    public InterfaceAddress {
        if (!address.isUnicastHost()) {
            throw new IllegalArgumentException(address + " is not a unicast host address");
        }
        int max = address.isV4() ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " is out of range for " + address);
        }
        if (address.isV4() && prefixLength <= 30) {
            int host = address.v4() & ~netmask(prefixLength);
            if (host == 0 || host == ~netmask(prefixLength)) {
                throw new IllegalArgumentException(address + " is the network or broadcast address of /" + prefixLength);
            }
        }
    }

    /** Parses {@code a.b.c.d/len} or {@code v6/len}; the prefix is optional. */
    public static InterfaceAddress parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        IpAddress ip;
        try {
            ip = IpAddress.parse(addr);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address with an optional /prefix");
        }
        int prefix = ip.isV4() ? 32 : 128;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/'");
            }
            prefix = Integer.parseInt(p);
        }
        return new InterfaceAddress(ip, prefix);
    }

    public boolean isV4() {
        return address.isV4();
    }

    /** The IPv4 netmask as an int ({@code /24} is {@code 0xffffff00}). */
    public int netmask() {
        return netmask(prefixLength);
    }

    private static int netmask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
