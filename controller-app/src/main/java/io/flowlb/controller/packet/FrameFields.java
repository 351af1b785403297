package io.flowlb.controller.packet;

/**
 * The header fields of one PACKET_IN frame that the controller's applications read: Ethernet,
 * one VLAN tag, ARP, IPv4, IPv6 (skipping extension headers) and the first L4 bytes.
 *
 * <p><b>Temporary</b>: this parser stands in until the core's flyweight
 * {@code io.flowlb.loadbalancer.packet.PacketView} is available; its accessors carry the same
 * names and meanings, so the switch is a change of type. Frames reach the controller at most a
 * few thousand times a second, so this class parses a {@code byte[]} eagerly and simply.
 *
 * <p>Accessors of a layer the frame does not have return 0 (or -1 where 0 is legal).
 *
 * <p>Thread safety: immutable after {@link #parse}.
 */
public final class FrameFields {
    public static final int NONE = -1;
    public static final int ETH_ARP = 0x0806;
    public static final int ETH_IPV4 = 0x0800;
    public static final int ETH_IPV6 = 0x86dd;
    public static final int ETH_LLDP = 0x88cc;
    public static final int ETH_VLAN = 0x8100;
    public static final int ETH_QINQ = 0x88a8;
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;

    private final byte[] data;
    private boolean valid;
    private int etherType;
    private int vlanTci = NONE;
    private int l3 = NONE;
    private int l4 = NONE;
    private int ipVersion;
    private int ipProtocol = NONE;

    private FrameFields(byte[] data) {
        this.data = data;
    }

    /** Parses a frame; never throws (a short or odd frame yields fewer layers). */
    public static FrameFields parse(byte[] frame) {
        FrameFields f = new FrameFields(frame);
        f.parseL2();
        return f;
    }

    private void parseL2() {
        if (data.length < 14) {
            return;
        }
        valid = true;
        int at = 12;
        int type = u16(at);
        if ((type == ETH_VLAN || type == ETH_QINQ) && data.length >= 18) {
            vlanTci = u16(at + 2);
            at += 4;
            type = u16(at);
        }
        etherType = type;
        l3 = at + 2;
        if (type == ETH_IPV4) {
            parseIpv4();
        } else if (type == ETH_IPV6) {
            parseIpv6();
        }
    }

    private void parseIpv4() {
        if (data.length < l3 + 20 || (data[l3] & 0xf0) != 0x40) {
            return;
        }
        int ihl = (data[l3] & 0x0f) * 4;
        if (ihl < 20 || data.length < l3 + ihl) {
            return;
        }
        ipVersion = 4;
        ipProtocol = data[l3 + 9] & 0xff;
        boolean firstFragment = (u16(l3 + 6) & 0x1fff) == 0;
        if (firstFragment) {
            l4 = l3 + ihl;
        }
    }

    private void parseIpv6() {
        if (data.length < l3 + 40 || (data[l3] & 0xf0) != 0x60) {
            return;
        }
        ipVersion = 6;
        int next = data[l3 + 6] & 0xff;
        int at = l3 + 40;
        for (int hops = 0; hops < 8; hops++) {
            if (next == 0 || next == 43 || next == 60) {
                if (data.length < at + 8) {
                    return;
                }
                next = data[at] & 0xff;
                at += ((data[at + 1] & 0xff) + 1) * 8;
            } else if (next == 44) {
                if (data.length < at + 8 || (u16(at + 2) & 0xfff8) != 0) {
                    ipProtocol = data.length >= at + 8 ? data[at] & 0xff : NONE;
                    return;
                }
                next = data[at] & 0xff;
                at += 8;
            } else {
                break;
            }
        }
        ipProtocol = next;
        if (at <= data.length) {
            l4 = at;
        }
    }

    public byte[] data() {
        return data;
    }

    /** False when the frame is shorter than an Ethernet header. */
    public boolean isValid() {
        return valid;
    }

    public int length() {
        return data.length;
    }

    public int l3Offset() {
        return l3;
    }

    public int l4Offset() {
        return l4;
    }

    public long ethDst() {
        return valid ? u48(0) : 0;
    }

    public long ethSrc() {
        return valid ? u48(6) : 0;
    }

    public int etherType() {
        return etherType;
    }

    public int vlanId() {
        return vlanTci < 0 ? NONE : vlanTci & 0x0fff;
    }

    public boolean isLldp() {
        return etherType == ETH_LLDP;
    }

    public boolean isArp() {
        return etherType == ETH_ARP && data.length >= l3 + 28 && u16(l3) == 1 && u16(l3 + 2) == ETH_IPV4
                && data[l3 + 4] == 6 && data[l3 + 5] == 4;
    }

    public int arpOp() {
        return isArp() ? u16(l3 + 6) : 0;
    }

    public long arpSha() {
        return isArp() ? u48(l3 + 8) : 0;
    }

    public int arpSpa() {
        return isArp() ? i32(l3 + 14) : 0;
    }

    public long arpTha() {
        return isArp() ? u48(l3 + 18) : 0;
    }

    public int arpTpa() {
        return isArp() ? i32(l3 + 24) : 0;
    }

    /** 4, 6, or 0 when the frame carries no (complete) IP header. */
    public int ipVersion() {
        return ipVersion;
    }

    public int ipProtocol() {
        return ipProtocol;
    }

    public int ipv4Src() {
        return ipVersion == 4 ? i32(l3 + 12) : 0;
    }

    public int ipv4Dst() {
        return ipVersion == 4 ? i32(l3 + 16) : 0;
    }

    public long ipv6SrcHi() {
        return ipVersion == 6 ? i64(l3 + 8) : 0;
    }

    public long ipv6SrcLo() {
        return ipVersion == 6 ? i64(l3 + 16) : 0;
    }

    public long ipv6DstHi() {
        return ipVersion == 6 ? i64(l3 + 24) : 0;
    }

    public long ipv6DstLo() {
        return ipVersion == 6 ? i64(l3 + 32) : 0;
    }

    /** ICMP or ICMPv6 type, or -1. */
    public int icmpType() {
        boolean icmp = (ipVersion == 4 && ipProtocol == PROTO_ICMP) || (ipVersion == 6 && ipProtocol == PROTO_ICMPV6);
        return icmp && l4 >= 0 && data.length > l4 ? data[l4] & 0xff : NONE;
    }

    // ---------------------------------------------------------------- big-endian reads

    int u8(int at) {
        return data[at] & 0xff;
    }

    int u16(int at) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    int i32(int at) {
        return ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8)
                | (data[at + 3] & 0xff);
    }

    long u48(int at) {
        return ((long) u16(at) << 32) | (i32(at + 2) & 0xffff_ffffL);
    }

    long i64(int at) {
        return ((long) i32(at) << 32) | (i32(at + 4) & 0xffff_ffffL);
    }
}
