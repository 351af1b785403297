package io.flowlb.loadbalancer.packet;

/** EtherType values the packet views know. Thread safety: constants only. */
public final class EtherType {
    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    /** IEEE 802.1Q customer tag. */
    public static final int VLAN = 0x8100;
    /** IEEE 802.1ad service tag: read as one tag like 802.1Q. */
    public static final int QINQ = 0x88a8;
    public static final int IPV6 = 0x86dd;
    /** Values below this are 802.3 length fields, not EtherTypes. */
    public static final int MIN_ETHERTYPE = 0x0600;

    private EtherType() {
    }
}
