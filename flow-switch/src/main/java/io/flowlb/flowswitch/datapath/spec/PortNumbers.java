package io.flowlb.flowswitch.datapath.spec;

/**
 * OpenFlow 1.3 port numbers ({@code ofp_port_no}) as {@code int}s, and the logical ports
 * flow-switch reserves for its in-switch applications.
 *
 * <p>Application ports are ordinary port numbers to any controller: they appear in PORT_DESC
 * under their names ({@code app-arp}, {@code app-icmp}, {@code app-rst}) and a flow hands a frame
 * to an application with a plain {@code output:<port>} action. They lie in 0xfe00..0xfeff, the
 * top of the range Open vSwitch's tools accept for OpenFlow 1.1+ port numbers (0..0xfeff), so
 * {@code ovs-ofctl} can show, add and dump flows that use them; physical ports stay below.
 *
 * <p>Thread safety: constants only.
 */
public final class PortNumbers {
    /** The highest number of a physical or logical port. */
    public static final int MAX = 0xffffff00;
    public static final int IN_PORT = 0xfffffff8;
    public static final int TABLE = 0xfffffff9;
    public static final int NORMAL = 0xfffffffa;
    public static final int FLOOD = 0xfffffffb;
    public static final int ALL = 0xfffffffc;
    public static final int CONTROLLER = 0xfffffffd;
    public static final int LOCAL = 0xfffffffe;
    /** Wildcard in out_port filters and requests. */
    public static final int ANY = 0xffffffff;

    /** The ARP (and IPv6 neighbour solicitation) responder: {@code app-arp}. */
    public static final int APP_ARP = 0xfe01;
    /** The ICMP and ICMPv6 echo responder: {@code app-icmp}. */
    public static final int APP_ICMP = 0xfe02;
    /** The TCP reset sender for invalid service entries: {@code app-rst}. */
    public static final int APP_RST = 0xfe03;
    /** The first number of the range reserved for applications (inclusive). */
    public static final int APP_FIRST = 0xfe00;
    /** The end of the range reserved for applications (inclusive). */
    public static final int APP_LAST = 0xfeff;

    /** {@code ofp_controller_max_len} value asking for the whole frame. */
    public static final int CONTROLLER_MAX_LEN_NO_BUFFER = 0xffff;

    private PortNumbers() {
    }

    /** True for a number that names a port (physical or application) rather than a reserved one. */
    public static boolean isPortNumber(int port) {
        return port != 0 && Integer.compareUnsigned(port, MAX) <= 0;
    }

    /** True inside the application range. */
    public static boolean isAppPort(int port) {
        return Integer.compareUnsigned(port, APP_FIRST) >= 0 && Integer.compareUnsigned(port, APP_LAST) <= 0;
    }

    /** A readable name: the number for ports, the OpenFlow name for reserved ones. */
    public static String describe(int port) {
        return switch (port) {
            case IN_PORT -> "IN_PORT";
            case TABLE -> "TABLE";
            case NORMAL -> "NORMAL";
            case FLOOD -> "FLOOD";
            case ALL -> "ALL";
            case CONTROLLER -> "CONTROLLER";
            case LOCAL -> "LOCAL";
            case ANY -> "ANY";
            case APP_ARP -> "app-arp";
            case APP_ICMP -> "app-icmp";
            case APP_RST -> "app-rst";
            default -> Integer.toUnsignedString(port);
        };
    }
}
