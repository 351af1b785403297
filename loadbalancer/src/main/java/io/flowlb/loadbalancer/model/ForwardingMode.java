package io.flowlb.loadbalancer.model;

/**
 * How a VIP reaches its members.
 *
 * <p>Text form: the constant's name in any case, with {@code -} or {@code _}.
 */
public enum ForwardingMode {
    /** The switch rewrites destination MAC, IP and port on the way in and the source on the way back. */
    NAT,
    /**
     * Direct server return: the switch rewrites only the destination MAC; members hold the VIP on
     * a loopback interface (ARP for it suppressed) and answer clients directly.
     */
    DSR;

    public static ForwardingMode parse(String text) {
        return Fields.parseEnum(ForwardingMode.class, "mode", text);
    }

    public static ForwardingMode parse(String field, String text) {
        return Fields.parseEnum(ForwardingMode.class, field, text);
    }
}
