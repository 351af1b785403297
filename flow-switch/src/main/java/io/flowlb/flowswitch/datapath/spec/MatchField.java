package io.flowlb.flowswitch.datapath.spec;

/**
 * The header fields a flow can match on, with their OpenFlow 1.3 OXM numbers (class
 * OPENFLOW_BASIC), their width, whether they take a mask, and their prerequisite.
 *
 * <p>Values are carried as one {@code long} for fields of up to 64 bits and as two for the
 * 128-bit IPv6 addresses (see {@link MatchEntry}). {@link #VLAN_VID} follows OpenFlow 1.3: the
 * value holds {@link #VLAN_PRESENT} ({@code 0x1000}) when the frame has an 802.1Q tag, so
 * {@code 0} matches untagged frames, {@code 0x1000/0x1000} any tagged frame and
 * {@code 0x1000|vid} one VLAN.
 *
 * <p>Thread safety: immutable.
 */
public enum MatchField {
    IN_PORT(0, 32, false),
    METADATA(2, 64, true),
    ETH_DST(3, 48, true),
    ETH_SRC(4, 48, true),
    ETH_TYPE(5, 16, false),
    VLAN_VID(6, 13, true),
    VLAN_PCP(7, 3, false),
    IP_DSCP(8, 6, false),
    IP_ECN(9, 2, false),
    IP_PROTO(10, 8, false),
    IPV4_SRC(11, 32, true),
    IPV4_DST(12, 32, true),
    TCP_SRC(13, 16, false),
    TCP_DST(14, 16, false),
    UDP_SRC(15, 16, false),
    UDP_DST(16, 16, false),
    ICMPV4_TYPE(19, 8, false),
    ICMPV4_CODE(20, 8, false),
    ARP_OP(21, 16, false),
    ARP_SPA(22, 32, true),
    ARP_TPA(23, 32, true),
    ARP_SHA(24, 48, true),
    ARP_THA(25, 48, true),
    IPV6_SRC(26, 128, true),
    IPV6_DST(27, 128, true),
    IPV6_FLABEL(28, 20, true),
    ICMPV6_TYPE(29, 8, false),
    ICMPV6_CODE(30, 8, false),
    IPV6_ND_TARGET(31, 128, false);

    /** OpenFlow 1.3 {@code OFPVID_PRESENT}: set in {@link #VLAN_VID} values of tagged frames. */
    public static final int VLAN_PRESENT = 0x1000;
    /** OpenFlow 1.3 {@code OFPVID_NONE}: the {@link #VLAN_VID} value of untagged frames. */
    public static final int VLAN_NONE = 0;

    public static final int ETH_TYPE_IPV4 = 0x0800;
    public static final int ETH_TYPE_ARP = 0x0806;
    public static final int ETH_TYPE_IPV6 = 0x86dd;
    public static final int ETH_TYPE_VLAN = 0x8100;
    public static final int ETH_TYPE_QINQ = 0x88a8;
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;

    private static final MatchField[] BY_OXM = new MatchField[64];

    static {
        for (MatchField f : values()) {
            BY_OXM[f.oxmField] = f;
        }
    }

    private final int oxmField;
    private final int bits;
    private final boolean maskable;

    MatchField(int oxmField, int bits, boolean maskable) {
        this.oxmField = oxmField;
        this.bits = bits;
        this.maskable = maskable;
    }

    /** The OXM field number of class {@code OFPXMC_OPENFLOW_BASIC}. */
    public int oxmField() {
        return oxmField;
    }

    /** The field's width in bits. */
    public int bits() {
        return bits;
    }

    /** Whether OpenFlow 1.3 allows a mask on this field. */
    public boolean maskable() {
        return maskable;
    }

    /** True for the 128-bit fields whose value needs two longs. */
    public boolean wide() {
        return bits > 64;
    }

    /** All ones over the field's low 64 bits (the low word of a full mask). */
    public long fullMaskLo() {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    /** All ones over the field's high word (0 for narrow fields). */
    public long fullMaskHi() {
        return bits > 64 ? -1L : 0L;
    }

    /** The field with this OXM number, or null when flow-switch does not support it. */
    public static MatchField ofOxm(int oxmField) {
        return oxmField >= 0 && oxmField < BY_OXM.length ? BY_OXM[oxmField] : null;
    }

    /**
     * The field that must be matched exactly for this one to be allowed (OpenFlow 1.3 section
     * 7.2.3.8), or null. {@link #prerequisiteValues()} lists the values it may take.
     */
    public MatchField prerequisite() {
        return switch (this) {
            case VLAN_PCP -> VLAN_VID;
            case IP_DSCP, IP_ECN, IP_PROTO, IPV4_SRC, IPV4_DST, IPV6_SRC, IPV6_DST, IPV6_FLABEL, ARP_OP,
                 ARP_SPA, ARP_TPA, ARP_SHA, ARP_THA -> ETH_TYPE;
            case TCP_SRC, TCP_DST, UDP_SRC, UDP_DST, ICMPV4_TYPE, ICMPV4_CODE, ICMPV6_TYPE, ICMPV6_CODE -> IP_PROTO;
            case IPV6_ND_TARGET -> ICMPV6_TYPE;
            default -> null;
        };
    }

    /** The values the prerequisite field may hold (empty when there is no prerequisite). */
    public long[] prerequisiteValues() {
        return switch (this) {
            case IP_DSCP, IP_ECN, IP_PROTO -> new long[] {ETH_TYPE_IPV4, ETH_TYPE_IPV6};
            case IPV4_SRC, IPV4_DST -> new long[] {ETH_TYPE_IPV4};
            case IPV6_SRC, IPV6_DST, IPV6_FLABEL -> new long[] {ETH_TYPE_IPV6};
            case ARP_OP, ARP_SPA, ARP_TPA, ARP_SHA, ARP_THA -> new long[] {ETH_TYPE_ARP};
            case TCP_SRC, TCP_DST -> new long[] {PROTO_TCP};
            case UDP_SRC, UDP_DST -> new long[] {PROTO_UDP};
            case ICMPV4_TYPE, ICMPV4_CODE -> new long[] {PROTO_ICMP};
            case ICMPV6_TYPE, ICMPV6_CODE -> new long[] {PROTO_ICMPV6};
            case IPV6_ND_TARGET -> new long[] {135, 136};
            default -> new long[0];
        };
    }

    /**
     * For {@link #ICMPV4_TYPE}.. whose prerequisite is {@link #IP_PROTO}: the Ethernet type the
     * protocol implies (ICMPv4 needs IPv4, ICMPv6 needs IPv6), checked one level further.
     */
    public int impliedEthType() {
        return switch (this) {
            case ICMPV4_TYPE, ICMPV4_CODE, IPV4_SRC, IPV4_DST -> ETH_TYPE_IPV4;
            case ICMPV6_TYPE, ICMPV6_CODE, IPV6_SRC, IPV6_DST, IPV6_FLABEL, IPV6_ND_TARGET -> ETH_TYPE_IPV6;
            default -> -1;
        };
    }
}
