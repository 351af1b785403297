package io.flowlb.loadbalancer.filter;

import static io.flowlb.loadbalancer.packet.BigEndian.i64;
import static io.flowlb.loadbalancer.packet.BigEndian.putI64;
import static io.flowlb.loadbalancer.packet.BigEndian.putU16;

import io.flowlb.loadbalancer.packet.Checksums;
import io.flowlb.loadbalancer.packet.EtherType;
import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.packet.IpProtocol;

import java.lang.foreign.MemorySegment;

/**
 * The packet filter's fast path for the frame it sees most: untagged IPv4 without options, not
 * fragmented, carrying TCP or UDP with a sound header. Anything else, and any frame that fails a
 * check here, takes the general path ({@link io.flowlb.loadbalancer.packet.PacketView}), which
 * classifies it fully; both paths accept exactly the same frames of this kind and write the same
 * bytes (the tests run every fixture through both).
 *
 * <p>Why: each access to frame memory through {@code java.lang.foreign} is a bounds and liveness
 * check plus the access, and a few hundred of the JIT's nodes; a store may also force the checks
 * of later accesses to be redone. The general path reads and writes field by field (about twenty
 * accesses for a NAT rewrite); this one reads the headers with five 8-byte loads before anything
 * is written, keeps them in fields, derives the flow key and the old checksums from them, and
 * writes a NAT rewrite with four stores (destination MAC; destination address and ports; IPv4
 * header checksum; L4 checksum), a DSR rewrite with one. That keeps the whole per-packet path
 * within what the JIT compiles as one unit.
 *
 * <pre>
 *   w6   bytes  6-13  source MAC, EtherType
 *   w14  bytes 14-21  version/IHL, TOS, total length, identification, flags/fragment offset
 *   w22  bytes 22-29  TTL, protocol, header checksum, source address
 *   w30  bytes 30-37  destination address, source port, destination port
 *   l4   TCP: bytes 46-53 (data offset, flags, window, checksum, urgent pointer)
 *        UDP: bytes 38-45 (length, checksum, first payload bytes)
 * </pre>
 *
 * <p>Thread safety: none; part of its filter, owned by the filter's thread.
 */
final class FastFrame {
    /** Ethernet 14 + IPv4 20 + TCP 20: the shortest frame of this path (UDP frames are padded to 60). */
    static final int MIN_LENGTH = 54;

    private MemorySegment seg;
    private long base;
    private int length;
    private long w6;
    private long w22;
    private long w30;
    private long l4;
    private boolean tcp;

    /**
     * Reads the frame at {@code base} and fills {@code key}; false (and nothing filled) when the
     * frame is not one of this path, or not sound enough for it.
     */
    boolean read(MemorySegment segment, long offset, int length, FlowKey key) {
        if (length < MIN_LENGTH || offset < 0 || segment.byteSize() - offset < length) {
            return false;
        }
        long ethernet = i64(segment, offset + 6);
        if (((int) ethernet & 0xffff) != EtherType.IPV4) {
            return false;
        }
        long ip = i64(segment, offset + 14);
        int total = (int) (ip >>> 32) & 0xffff;
        // Version 4, no options; neither more-fragments nor an offset (don't-fragment is fine).
        if ((ip >>> 56) != 0x45 || (ip & 0x3fff) != 0 || total > length - 14) {
            return false;
        }
        long ttlToSource = i64(segment, offset + 22);
        int protocol = (int) (ttlToSource >>> 48) & 0xff;
        boolean isTcp = protocol == IpProtocol.TCP;
        if (!isTcp && protocol != IpProtocol.UDP) {
            return false;
        }
        long transport = i64(segment, offset + (isTcp ? 46 : 38));
        if (!soundTransport(isTcp, transport, total - 20)) {
            return false;
        }
        long addresses = i64(segment, offset + 30);
        if (seg != segment) { // a poller reads one ring: skip the store's garbage-collector barriers
            seg = segment;
        }
        base = offset;
        this.length = length;
        w6 = ethernet;
        w22 = ttlToSource;
        w30 = addresses;
        l4 = transport;
        tcp = isTcp;
        key.setV4((int) ttlToSource, (int) (addresses >>> 32), protocol, (int) (addresses >>> 16) & 0xffff,
                (int) addresses & 0xffff);
        return true;
    }

    /** A TCP data offset, or a UDP length, that fits the IP payload of {@code ipPayload} bytes. */
    private static boolean soundTransport(boolean isTcp, long transport, int ipPayload) {
        if (isTcp) {
            int dataOffset = (int) (transport >>> 60) << 2;
            return dataOffset >= 20 && dataOffset <= ipPayload;
        }
        int udpLength = (int) (transport >>> 48);
        return udpLength >= 8 && udpLength <= ipPayload;
    }

    MemorySegment segment() {
        return seg;
    }

    long base() {
        return base;
    }

    int length() {
        return length;
    }

    /** The TCP flags of the frame read (0 for UDP). */
    int tcpFlags() {
        return tcp ? (int) (l4 >>> 48) & 0xff : 0;
    }

    /** DSR: the destination MAC only (one store; the source MAC's first two bytes are written back unchanged). */
    void setEthDst(long mac) {
        putI64(seg, base, (mac << 16) | (w6 >>> 48));
    }

    /**
     * NAT towards a member: destination MAC, IPv4 destination and, when {@code port >= 0}, the
     * destination port, with the IPv4 header and L4 checksums updated incrementally (RFC 1624).
     */
    void natDestination(long mac, int address, int port) {
        int oldAddress = (int) (w30 >>> 32);
        int oldPort = (int) w30 & 0xffff;
        int newPort = port < 0 ? oldPort : port;
        long ipDelta = Checksums.delta32(oldAddress, address);
        setEthDst(mac);
        putI64(seg, base + 30, ((long) address << 32) | (w30 & 0xffff_0000L) | newPort);
        putU16(seg, base + 24, Checksums.adjustSmall((int) (w22 >>> 32) & 0xffff, ipDelta));
        long l4Delta = ipDelta + Checksums.delta16(oldPort, newPort);
        if (tcp) {
            putU16(seg, base + 50, Checksums.adjustSmall((int) (l4 >>> 16) & 0xffff, l4Delta));
            return;
        }
        int udpChecksum = (int) (l4 >>> 32) & 0xffff;
        if (udpChecksum != 0) { // 0: the sender computed none, and none it stays
            int updated = Checksums.adjustSmall(udpChecksum, l4Delta);
            putU16(seg, base + 40, updated == 0 ? 0xffff : updated);
        }
    }
}
