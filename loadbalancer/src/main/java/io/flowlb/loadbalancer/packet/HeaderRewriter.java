package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.i32;
import static io.flowlb.loadbalancer.packet.BigEndian.i64;
import static io.flowlb.loadbalancer.packet.BigEndian.putI32;
import static io.flowlb.loadbalancer.packet.BigEndian.putI64;
import static io.flowlb.loadbalancer.packet.BigEndian.putU16;
import static io.flowlb.loadbalancer.packet.BigEndian.putU48;
import static io.flowlb.loadbalancer.packet.BigEndian.putU8;
import static io.flowlb.loadbalancer.packet.BigEndian.u16;

import java.lang.foreign.MemorySegment;

/**
 * The bodies of {@link PacketView}'s setters: write a field in place and repair each checksum
 * that covers it with RFC 1624's incremental update, so a rewrite costs the same for a 64-byte
 * and a 64 KiB packet.
 *
 * <p>Which checksums cover what: the IPv4 header checksum covers the IPv4 header only; the
 * TCP, UDP and ICMPv6 checksums cover the pseudo-header (addresses) and their own header
 * (ports); the ICMPv4 checksum covers neither addresses nor anything outside ICMP. An IPv4 UDP
 * checksum of 0 means "none" and stays 0; an updated UDP checksum of 0 is written as 0xffff.
 *
 * <p>Thread safety: stateless; it writes only the frame of the view it is given.
 */
final class HeaderRewriter {

    private HeaderRewriter() {
    }

    static void ethAddress(PacketView v, int field, long mac) {
        if (v.l3 >= 0) {
            putU48(v.seg, v.base + field, mac);
        }
    }

    static void vlanTci(PacketView v, int tci) {
        if (v.vlanTci >= 0) {
            v.vlanTci = tci & 0xffff;
            putU16(v.seg, v.base + PacketView.ETH_HEADER, tci);
        }
    }

    /**
     * Sets the IPv4 address at {@code field} and, when {@code port >= 0} and the packet has ports,
     * the port at {@code portField} of the L4 header: NAT's rewrite, with one update of the IPv4
     * header checksum and one of the L4 checksum for both fields.
     */
    static void ipv4Address(PacketView v, int field, int addr, int portField, int port) {
        if (v.ipVersion != 4) {
            return;
        }
        long p = v.base + v.l3 + field;
        int old = i32(v.seg, p);
        putI32(v.seg, p, addr);
        long delta = Checksums.delta32(old, addr);
        adjustIpv4HeaderChecksum(v, delta);
        adjustL4Checksum(v, delta + portDelta(v, portField, port));
    }

    /** As {@link #ipv4Address} for an IPv6 address (IPv6 has no header checksum). */
    static void ipv6Address(PacketView v, int field, long hi, long lo, int portField, int port) {
        if (v.ipVersion != 6) {
            return;
        }
        MemorySegment s = v.seg;
        long p = v.base + v.l3 + field;
        long oldHi = i64(s, p);
        long oldLo = i64(s, p + 8);
        putI64(s, p, hi);
        putI64(s, p + 8, lo);
        adjustL4Checksum(v, Checksums.delta128(oldHi, oldLo, hi, lo) + portDelta(v, portField, port));
    }

    static void port(PacketView v, int field, int port) {
        long delta = portDelta(v, field, port);
        if (delta != 0) {
            adjustL4Checksum(v, delta);
        }
    }

    /** Writes a TCP / UDP port (nothing for other protocols or {@code port < 0}); returns the checksum change. */
    private static long portDelta(PacketView v, int field, int port) {
        if (port < 0 || !v.hasPorts()) {
            return 0;
        }
        long p = v.base + v.l4 + field;
        int old = u16(v.seg, p);
        putU16(v.seg, p, port);
        return Checksums.delta16(old, port);
    }

    private static void adjustIpv4HeaderChecksum(PacketView v, long delta) {
        long hc = v.base + v.l3 + 10;
        putU16(v.seg, hc, Checksums.adjust(u16(v.seg, hc), delta));
    }

    /**
     * Applies a change to the L4 checksum that covers the pseudo-header, if there is one. An
     * IPv4 UDP checksum of 0 ("none") stays 0; a UDP checksum that becomes 0 is written 0xffff.
     */
    private static void adjustL4Checksum(PacketView v, long delta) {
        if (v.pseudoChecksum < 0) {
            return;
        }
        long p = v.base + v.pseudoChecksum;
        int old = u16(v.seg, p);
        boolean udp = v.l4Type == PacketView.L4_UDP;
        if (udp && old == 0 && v.ipVersion == 4) {
            return;
        }
        int updated = Checksums.adjust(old, delta);
        putU16(v.seg, p, udp && updated == 0 ? 0xffff : updated);
    }

    static void ttl(PacketView v, int ttl) {
        if (v.ipVersion == 4) {
            ipv4Word(v, 8, 0x00ff, (ttl & 0xff) << 8);
        } else if (v.ipVersion == 6) {
            putU8(v.seg, v.base + v.l3 + 7, ttl);
        }
    }

    /** Replaces the traffic-class bits outside {@code keep} with {@code bits}. */
    static void trafficClass(PacketView v, int keep, int bits) {
        if (v.ipVersion == 4) {
            ipv4Word(v, 0, 0xff00 | keep, bits);
        } else if (v.ipVersion == 6) {
            // The IPv6 traffic class sits in bits 4..11 of the first 16-bit word.
            long p = v.base + v.l3;
            int word = u16(v.seg, p);
            putU16(v.seg, p, (word & (0xf00f | (keep << 4))) | (bits << 4));
        }
    }

    /** Replaces the bits outside {@code keep} of the 16-bit IPv4 header word at {@code field}. */
    private static void ipv4Word(PacketView v, int field, int keep, int bits) {
        long p = v.base + v.l3 + field;
        int old = u16(v.seg, p);
        int now = (old & keep) | bits;
        putU16(v.seg, p, now);
        adjustIpv4HeaderChecksum(v, Checksums.delta16(old, now));
    }
}
