package io.flowlb.controller.pseudo;

import io.flowlb.loadbalancer.model.MacAddress;

/**
 * How a {@link TapDevice} is set up.
 *
 * @param name the interface name (1 to 15 characters, no {@code /}, {@code %}, {@code :} or
 *             white space; e.g. {@code flowlb0})
 * @param mac the interface's Ethernet address (unicast)
 * @param mtu the interface MTU, 576 to 9000 (the frames the kernel hands over are at most
 *            this plus the Ethernet header: no offloads are enabled)
 * @param ipv4 the IPv4 address and prefix the interface holds, or null
 * @param ipv6 the IPv6 address and prefix, or null; without one, IPv6 is disabled on the
 *             interface so the kernel sends no router solicitations or MLD reports through it
 *
 * <p>Thread safety: immutable.
 */
public record TapSettings(String name, MacAddress mac, int mtu, InterfaceAddress ipv4, InterfaceAddress ipv6) {
    /** {@code IFNAMSIZ} less the terminating NUL. */
    public static final int MAX_NAME = 15;
    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 9000;

    public TapSettings {
        checkName(name);
        if (!mac.isUnicastHost()) {
            throw new IllegalArgumentException("the TAP device's MAC must be a unicast address, not " + mac);
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("the TAP device's MTU must be between " + MIN_MTU + " and " + MAX_MTU
                    + ", not " + mtu);
        }
        if (ipv4 != null && !ipv4.isV4()) {
            throw new IllegalArgumentException(ipv4 + " is not an IPv4 address");
        }
        if (ipv6 != null && ipv6.isV4()) {
            throw new IllegalArgumentException(ipv6 + " is not an IPv6 address");
        }
    }

    /** Rejects names the kernel would refuse or turn into a pattern ({@code %d}). */
    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("an interface name has 1 to " + MAX_NAME + " characters, not '" + name
                    + "'");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid interface name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '/' || c == '%' || c == ':') {
                throw new IllegalArgumentException("the interface name '" + name
                        + "' may not contain white space, control characters, '/', '%' or ':'");
            }
        }
    }
}
