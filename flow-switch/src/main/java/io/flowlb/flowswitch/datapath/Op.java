package io.flowlb.flowswitch.datapath;

/**
 * Opcodes of compiled action programs ({@link Program}). Each instruction carries two long
 * operands {@code a} and {@code b}.
 *
 * <p>Thread safety: constants only.
 */
final class Op {
    static final int NOP = 0;
    /** a = port number (physical or application), b = unused. */
    static final int OUTPUT = 1;
    static final int OUTPUT_IN_PORT = 2;
    static final int FLOOD = 3;
    static final int ALL = 4;
    /** a = max_len, b = packet-in reason ordinal. */
    static final int CONTROLLER = 5;
    /** Packet-out only: run the frame through the tables from table 0. */
    static final int TABLE = 6;
    /** flow-switch has no local port: counted and dropped. */
    static final int LOCAL = 7;

    static final int SET_ETH_DST = 10;
    static final int SET_ETH_SRC = 11;
    static final int SET_VLAN_VID = 12;
    static final int SET_VLAN_PCP = 13;
    static final int SET_IP_DSCP = 14;
    static final int SET_IP_ECN = 15;
    static final int SET_IPV4_SRC = 16;
    static final int SET_IPV4_DST = 17;
    /** a = high 64 bits, b = low 64 bits. */
    static final int SET_IPV6_SRC = 18;
    static final int SET_IPV6_DST = 19;
    static final int SET_TCP_SRC = 20;
    static final int SET_TCP_DST = 21;
    static final int SET_UDP_SRC = 22;
    static final int SET_UDP_DST = 23;

    /** a = TPID. */
    static final int PUSH_VLAN = 30;
    static final int POP_VLAN = 31;
    static final int DEC_TTL = 32;
    /** a = group slot. */
    static final int GROUP = 33;

    private Op() {
    }

    static String name(int op) {
        return switch (op) {
            case OUTPUT -> "output";
            case OUTPUT_IN_PORT -> "output:IN_PORT";
            case FLOOD -> "output:FLOOD";
            case ALL -> "output:ALL";
            case CONTROLLER -> "output:CONTROLLER";
            case TABLE -> "output:TABLE";
            case LOCAL -> "output:LOCAL";
            case SET_ETH_DST -> "set_field:eth_dst";
            case SET_ETH_SRC -> "set_field:eth_src";
            case SET_VLAN_VID -> "set_field:vlan_vid";
            case SET_VLAN_PCP -> "set_field:vlan_pcp";
            case SET_IP_DSCP -> "set_field:ip_dscp";
            case SET_IP_ECN -> "set_field:ip_ecn";
            case SET_IPV4_SRC -> "set_field:ipv4_src";
            case SET_IPV4_DST -> "set_field:ipv4_dst";
            case SET_IPV6_SRC -> "set_field:ipv6_src";
            case SET_IPV6_DST -> "set_field:ipv6_dst";
            case SET_TCP_SRC -> "set_field:tcp_src";
            case SET_TCP_DST -> "set_field:tcp_dst";
            case SET_UDP_SRC -> "set_field:udp_src";
            case SET_UDP_DST -> "set_field:udp_dst";
            case PUSH_VLAN -> "push_vlan";
            case POP_VLAN -> "pop_vlan";
            case DEC_TTL -> "dec_nw_ttl";
            case GROUP -> "group";
            default -> "nop";
        };
    }
}
