package io.flowlb.loadbalancer.packet;

/**
 * The classification {@link PacketView#parse()} returns: {@link #OK} or the first reason the
 * frame could not be read further. Codes are small dense ints so that a caller can keep one drop
 * counter per code in a {@code long[COUNT]}.
 *
 * <p>A frame that is not IP (ARP, LLDP, an unknown EtherType) is {@link #OK}: its EtherType tells
 * what it is. An IP packet of a protocol without a header the view decodes (ESP, GRE, SCTP...)
 * is OK too, with no L4 offset and ports 0.
 *
 * <p>Thread safety: constants only.
 */
public final class ParseResult {
    /** Every header present was read; the accessors of those layers are valid. */
    public static final int OK = 0;
    /** Shorter than an Ethernet header (or than its 802.1Q tag). */
    public static final int TRUNCATED_L2 = 1;
    /** The frame ends inside the fixed IPv4 / IPv6 / ARP header. */
    public static final int TRUNCATED_L3 = 2;
    /** The IP version nibble does not match the EtherType. */
    public static final int BAD_IP_VERSION = 3;
    /** IPv4 header length below 20 bytes or beyond the datagram's total length. */
    public static final int BAD_IHL = 4;
    /** IP total / payload length below the header or beyond the frame. */
    public static final int BAD_IP_LENGTH = 5;
    /** An IPv6 extension header runs past the packet, is misplaced, or the chain is too long. */
    public static final int BAD_IPV6_EXT = 6;
    /** The IP payload is shorter than its TCP / UDP / ICMP header. */
    public static final int TRUNCATED_L4 = 7;
    /** TCP data offset below 5 words, or a UDP length outside 8..IP payload. */
    public static final int BAD_L4_HEADER = 8;
    /** 802.3 length-field frames (LLC/SNAP) and ARP for other than IPv4 over Ethernet. */
    public static final int UNSUPPORTED = 9;
    /** Number of codes: the size of a per-code counter array. */
    public static final int COUNT = 10;

    private static final String[] NAMES = {
        "ok", "truncated_l2", "truncated_l3", "bad_ip_version", "bad_ihl", "bad_ip_length",
        "bad_ipv6_ext", "truncated_l4", "bad_l4_header", "unsupported"
    };

    private ParseResult() {
    }

    /** A stable lower-case name for metrics and logs (not for the per-packet path). */
    public static String name(int code) {
        return code >= 0 && code < COUNT ? NAMES[code] : "unknown_" + code;
    }
}
