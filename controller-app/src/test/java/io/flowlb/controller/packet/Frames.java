package io.flowlb.controller.packet;

import java.nio.ByteBuffer;

/** Builds test frames byte by byte (Ethernet, ARP, IPv4/UDP, IPv6 ND, LLDP-free). */
public final class Frames {
    public static final long BROADCAST = 0xffff_ffff_ffffL;

    private Frames() {
    }

    private static void putMac(ByteBuffer b, long mac) {
        b.putShort((short) (mac >>> 32)).putInt((int) mac);
    }

    private static ByteBuffer eth(int size, long dst, long src, int etherType) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(size + 14, 60));
        putMac(b, dst);
        putMac(b, src);
        b.putShort((short) etherType);
        return b;
    }

    public static byte[] arp(int op, long sha, int spa, long tha, int tpa) {
        long dst = op == 1 ? BROADCAST : tha;
        ByteBuffer b = eth(28, dst, sha, 0x0806);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op);
        putMac(b, sha);
        b.putInt(spa);
        putMac(b, op == 1 ? 0 : tha);
        b.putInt(tpa);
        return b.array();
    }

    public static byte[] ipv4Udp(long dstMac, long srcMac, int srcIp, int dstIp) {
        ByteBuffer b = eth(28, dstMac, srcMac, 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 28).putInt(0).put((byte) 64).put((byte) 17)
                .putShort((short) 0).putInt(srcIp).putInt(dstIp);
        b.putShort((short) 1234).putShort((short) 80).putShort((short) 8).putShort((short) 0);
        return b.array();
    }

    public static byte[] vlanTagged(byte[] untagged, int vid) {
        ByteBuffer b = ByteBuffer.allocate(untagged.length + 4);
        b.put(untagged, 0, 12).putShort((short) 0x8100).putShort((short) vid).put(untagged, 12, untagged.length - 12);
        return b.array();
    }

    /** A neighbor solicitation (135) or advertisement (136) with a link-layer address option. */
    public static byte[] ndp(int type, long srcMac, long dstMac, long srcHi, long srcLo, long targetHi, long targetLo) {
        ByteBuffer b = eth(40 + 32, dstMac, srcMac, 0x86dd);
        b.putInt(0x6000_0000).putShort((short) 32).put((byte) 58).put((byte) 255);
        b.putLong(srcHi).putLong(srcLo).putLong(0xff02_0000_0000_0000L).putLong(0x1_ff00_0001L);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putInt(type == 136 ? 0x6000_0000 : 0);
        b.putLong(targetHi).putLong(targetLo);
        b.put((byte) (type == 136 ? 2 : 1)).put((byte) 1);
        putMac(b, srcMac);
        return b.array();
    }

    public static byte[] ipv6Udp(long dstMac, long srcMac, long srcHi, long srcLo) {
        ByteBuffer b = eth(48, dstMac, srcMac, 0x86dd);
        b.putInt(0x6000_0000).putShort((short) 8).put((byte) 17).put((byte) 64);
        b.putLong(srcHi).putLong(srcLo).putLong(0x2001_0db8_0000_0000L).putLong(2);
        b.putShort((short) 1).putShort((short) 2).putShort((short) 8).putShort((short) 0);
        return b.array();
    }

    public static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
