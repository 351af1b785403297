package io.flowlb.loadbalancer.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Packet fixtures shared by the tests of every module (it ships in the loadbalancer test-jar):
 * well-known addresses, ready-made {@link FrameBuilder}s for the common frames, address and hex
 * conversions, a parsed-view shortcut, a whole-frame checksum check and a random valid frame
 * generator for property and fuzz tests.
 *
 * <p>Addresses come from the documentation ranges (RFC 5737, RFC 3849) and locally administered
 * MACs, so a fixture never looks like a real host.
 */
public final class Frames {
    public static final long CLIENT_MAC = mac("02:00:00:00:00:01");
    public static final long SWITCH_MAC = mac("02:00:00:00:00:fe");
    public static final long MEMBER_MAC = mac("02:00:00:00:01:01");
    public static final int CLIENT_V4 = ipv4("192.0.2.10");
    public static final int VIP_V4 = ipv4("198.51.100.1");
    public static final int MEMBER_V4 = ipv4("203.0.113.11");
    public static final long CLIENT_V6_HI = ipv6Hi("2001:db8:c::10");
    public static final long CLIENT_V6_LO = ipv6Lo("2001:db8:c::10");
    public static final long VIP_V6_HI = ipv6Hi("2001:db8:f::1");
    public static final long VIP_V6_LO = ipv6Lo("2001:db8:f::1");
    public static final long MEMBER_V6_HI = ipv6Hi("2001:db8:b::11");
    public static final long MEMBER_V6_LO = ipv6Lo("2001:db8:b::11");
    public static final int CLIENT_PORT = 40000;
    public static final int VIP_PORT = 80;

    private Frames() {
    }

    // ---------------------------------------------------------------- ready-made frames

    /** Client -> VIP TCP over IPv4, the given flags, seq 1000, ack 2000. */
    public static FrameBuilder tcp4(int flags) {
        return FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv4(CLIENT_V4, VIP_V4)
                .tcp(CLIENT_PORT, VIP_PORT, 1000, 2000, flags);
    }

    /** Client -> VIP TCP over IPv6, the given flags, seq 1000, ack 2000. */
    public static FrameBuilder tcp6(int flags) {
        return FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv6(CLIENT_V6_HI, CLIENT_V6_LO, VIP_V6_HI, VIP_V6_LO)
                .tcp(CLIENT_PORT, VIP_PORT, 1000, 2000, flags);
    }

    public static FrameBuilder udp4() {
        return FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv4(CLIENT_V4, VIP_V4).udp(CLIENT_PORT, 53);
    }

    public static FrameBuilder udp6() {
        return FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv6(CLIENT_V6_HI, CLIENT_V6_LO, VIP_V6_HI, VIP_V6_LO)
                .udp(CLIENT_PORT, 53);
    }

    public static FrameBuilder ping4(int id, int seq) {
        return FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv4(CLIENT_V4, VIP_V4).icmpEcho(true, id, seq);
    }

    public static FrameBuilder ping6(int id, int seq) {
        return FrameBuilder.ethernet(SWITCH_MAC, CLIENT_MAC).ipv6(CLIENT_V6_HI, CLIENT_V6_LO, VIP_V6_HI, VIP_V6_LO)
                .icmpEcho(true, id, seq);
    }

    /** A broadcast ARP request from the client asking for {@code targetIp}. */
    public static FrameBuilder arpRequest(int targetIp) {
        return FrameBuilder.ethernet(0xffff_ffff_ffffL, CLIENT_MAC).arp(1, CLIENT_MAC, CLIENT_V4, 0, targetIp);
    }

    /**
     * A neighbor solicitation from the client for {@code target}, sent to its solicited-node
     * multicast address with a source link-layer address option, hop limit 255.
     */
    public static FrameBuilder neighborSolicitation(long targetHi, long targetLo) {
        long groupLo = 0x0000_0001_ff00_0000L | (targetLo & 0xff_ffffL);
        long groupMac = 0x3333_ff00_0000L | (targetLo & 0xff_ffffL);
        ByteBuffer body = ByteBuffer.allocate(24);
        body.putLong(targetHi).putLong(targetLo);
        body.put((byte) 1).put((byte) 1).putShort((short) (CLIENT_MAC >>> 32)).putInt((int) CLIENT_MAC);
        return FrameBuilder.ethernet(groupMac, CLIENT_MAC)
                .ipv6(CLIENT_V6_HI, CLIENT_V6_LO, 0xff02_0000_0000_0000L, groupLo).ttl(255)
                .icmp(135, 0, 0).payload(body.array());
    }

    // ---------------------------------------------------------------- conversions

    public static long mac(String text) {
        return Long.parseLong(text.replace(":", ""), 16);
    }

    public static int ipv4(String dotted) {
        return ByteBuffer.wrap(address(dotted, 4)).getInt();
    }

    public static long ipv6Hi(String text) {
        return ByteBuffer.wrap(address(text, 16)).getLong(0);
    }

    public static long ipv6Lo(String text) {
        return ByteBuffer.wrap(address(text, 16)).getLong(8);
    }

    private static byte[] address(String literal, int length) {
        try {
            byte[] a = InetAddress.getByName(literal).getAddress();
            if (a.length != length) {
                throw new IllegalArgumentException("not an IPv" + (length == 4 ? 4 : 6) + " literal: " + literal);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }

    /** Bytes from hex, ignoring spaces and newlines (as tcpdump -xx or scapy's hexdump print). */
    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    // ---------------------------------------------------------------- views and checks

    /** A heap segment over (not a copy of) {@code frame}. */
    public static MemorySegment segment(byte[] frame) {
        return MemorySegment.ofArray(frame);
    }

    /** A new view over {@code frame}, already parsed. */
    public static PacketView parsed(byte[] frame) {
        PacketView v = new PacketView().wrap(segment(frame), 0, frame.length);
        v.parse();
        return v;
    }

    /** The bytes of a frame written into a segment. */
    public static byte[] bytes(MemorySegment s, long offset, int length) {
        return s.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * True when every checksum the frame carries verifies: the IPv4 header checksum, and the
     * TCP / UDP / ICMP / ICMPv6 checksum of an unfragmented packet. Frames without them pass.
     */
    public static boolean checksumsValid(byte[] frame) {
        PacketView v = parsed(frame);
        if (v.ipVersion() == 4 && !Checksums.ipv4HeaderChecksumValid(v)) {
            return false;
        }
        return v.l4Offset() < 0 || v.isFragment() || Checksums.l4ChecksumValid(v);
    }

    // ---------------------------------------------------------------- random valid frames

    /**
     * A random well-formed frame: IPv4 (with options sometimes) or IPv6 (with extension headers
     * sometimes), tagged or not, carrying TCP (with options sometimes), UDP (checksum 0 sometimes
     * over IPv4), ICMP / ICMPv6 echo or ESP, with 0..300 payload bytes and correct checksums.
     */
    public static byte[] random(Random rnd) {
        FrameBuilder b = FrameBuilder.ethernet(rnd.nextLong() & 0xffff_ffff_ffffL, rnd.nextLong() & 0xfeff_ffff_ffffL);
        if (rnd.nextInt(4) == 0) {
            b.vlan(rnd.nextInt(4095) + 1, rnd.nextInt(8));
        }
        boolean v6 = rnd.nextBoolean();
        if (v6) {
            b.ipv6(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()).flowLabel(rnd.nextInt());
            randomExtensions(rnd, b);
        } else {
            b.ipv4(rnd.nextInt(), rnd.nextInt()).identification(rnd.nextInt(65536));
            if (rnd.nextInt(4) == 0) {
                b.ipv4Options(nops(4 * (1 + rnd.nextInt(10))));
            }
        }
        b.ttl(1 + rnd.nextInt(255)).trafficClass(rnd.nextInt(256));
        switch (rnd.nextInt(5)) {
            case 0, 1 -> {
                b.tcp(rnd.nextInt(65536), rnd.nextInt(65536), rnd.nextInt() & 0xffff_ffffL, rnd.nextInt() & 0xffff_ffffL,
                        rnd.nextInt(256)).tcpWindow(rnd.nextInt(65536));
                if (rnd.nextInt(3) == 0) {
                    b.tcpOptions(nops(4 * (1 + rnd.nextInt(10))));
                }
            }
            case 2 -> {
                b.udp(rnd.nextInt(65536), rnd.nextInt(65536));
                if (!v6 && rnd.nextInt(4) == 0) {
                    b.noUdpChecksum();
                }
            }
            case 3 -> b.icmpEcho(rnd.nextBoolean(), rnd.nextInt(65536), rnd.nextInt(65536));
            default -> b.protocol(IpProtocol.ESP);
        }
        byte[] payload = new byte[rnd.nextInt(301)];
        rnd.nextBytes(payload);
        return b.payload(payload).build();
    }

    private static void randomExtensions(Random rnd, FrameBuilder b) {
        if (rnd.nextInt(3) != 0) {
            return;
        }
        if (rnd.nextBoolean()) {
            b.ipv6Extension(IpProtocol.HOP_BY_HOP, 8 * (1 + rnd.nextInt(3)));
        }
        if (rnd.nextBoolean()) {
            b.ipv6Extension(IpProtocol.DESTINATION_OPTIONS, 8);
        }
        if (rnd.nextBoolean()) {
            b.ipv6Extension(IpProtocol.ROUTING, 8);
        }
    }

    /** {@code n} TCP / IPv4 NOP option bytes (type 1). */
    public static byte[] nops(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 1);
        return b;
    }
}
