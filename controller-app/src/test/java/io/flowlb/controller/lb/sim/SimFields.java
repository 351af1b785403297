package io.flowlb.controller.lb.sim;

import io.flowlb.loadbalancer.packet.PacketView;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U8;

/**
 * How the simulated switch reads match fields from a frame and writes set-field actions into it,
 * for every field the controller's applications use. A field the frame does not have (ports of
 * an ARP frame) never matches.
 */
final class SimFields {

    private SimFields() {
    }

    static PacketView view(byte[] frame) {
        PacketView v = new PacketView().wrap(MemorySegment.ofArray(frame), 0, frame.length);
        v.parse();
        return v;
    }

    static boolean matches(Match m, int inPort, byte[] frame) {
        PacketView v = view(frame);
        for (MatchField<?> f : m.getMatchFields()) {
            if (f.id == org.projectfloodlight.openflow.protocol.match.MatchFields.OVS_TCP_FLAGS) {
                var want = m.getMasked(MatchField.OVS_TCP_FLAGS);
                if (!v.isTcp() || (v.tcpFlags() & want.getMask().getValue()) != want.getValue().getValue()) {
                    return false;
                }
                continue;
            }
            Object have = value(f, inPort, v, frame);
            if (have == null || !have.equals(m.get(f))) {
                return false;
            }
        }
        return true;
    }

    private static Object value(MatchField<?> f, int inPort, PacketView v, byte[] frame) {
        boolean ip = v.ipVersion() != 0;
        return switch (f.id) {
            case IN_PORT -> OFPort.of(inPort);
            case ETH_DST -> MacAddress.of(v.ethDst());
            case ETH_SRC -> MacAddress.of(v.ethSrc());
            case ETH_TYPE -> EthType.of(v.etherType());
            case IP_PROTO -> ip ? IpProtocol.of((short) v.ipProtocol()) : null;
            case IPV4_SRC -> v.ipVersion() == 4 ? IPv4Address.of(v.ipv4Src()) : null;
            case IPV4_DST -> v.ipVersion() == 4 ? IPv4Address.of(v.ipv4Dst()) : null;
            case IPV6_SRC -> v.ipVersion() == 6 ? IPv6Address.of(v.ipv6SrcHi(), v.ipv6SrcLo()) : null;
            case IPV6_DST -> v.ipVersion() == 6 ? IPv6Address.of(v.ipv6DstHi(), v.ipv6DstLo()) : null;
            case TCP_SRC -> v.isTcp() ? TransportPort.of(v.srcPort()) : null;
            case TCP_DST -> v.isTcp() ? TransportPort.of(v.dstPort()) : null;
            case UDP_SRC -> v.isUdp() ? TransportPort.of(v.srcPort()) : null;
            case UDP_DST -> v.isUdp() ? TransportPort.of(v.dstPort()) : null;
            case ARP_OP -> v.isArp() ? ArpOpcode.of(v.arpOp()) : null;
            case ARP_SPA -> v.isArp() ? IPv4Address.of(v.arpSpa()) : null;
            case ARP_TPA -> v.isArp() ? IPv4Address.of(v.arpTpa()) : null;
            case ICMPV4_TYPE -> v.ipVersion() == 4 && v.ipProtocol() == 1 ? ICMPv4Type.of((short) v.icmpType()) : null;
            case ICMPV6_TYPE -> v.ipVersion() == 6 && v.ipProtocol() == 58 ? U8.of((short) v.icmpType()) : null;
            case IPV6_ND_TARGET -> v.ipVersion() == 6 && v.ipProtocol() == 58 && v.l4Length() >= 24
                    ? IPv6Address.of(ByteBuffer.wrap(frame, v.l4Offset() + 8, 8).getLong(),
                    ByteBuffer.wrap(frame, v.l4Offset() + 16, 8).getLong()) : null;
            default -> throw new AssertionError("the simulated switch does not match on " + f.getName());
        };
    }

    /** Applies a set-field action to the frame in place. */
    static void set(OFOxm<?> oxm, byte[] frame) {
        PacketView v = view(frame);
        Object value = oxm.getValue();
        switch (oxm.getMatchField().id) {
            case ETH_DST -> v.setEthDst(((MacAddress) value).getLong());
            case ETH_SRC -> v.setEthSrc(((MacAddress) value).getLong());
            case IPV4_SRC -> v.setIpv4Src(((IPv4Address) value).getInt());
            case IPV4_DST -> v.setIpv4Dst(((IPv4Address) value).getInt());
            case IPV6_SRC -> {
                ByteBuffer b = ByteBuffer.wrap(((IPv6Address) value).getBytes());
                v.setIpv6Src(b.getLong(), b.getLong());
            }
            case IPV6_DST -> {
                ByteBuffer b = ByteBuffer.wrap(((IPv6Address) value).getBytes());
                v.setIpv6Dst(b.getLong(), b.getLong());
            }
            case TCP_SRC, UDP_SRC -> v.setSrcPort(((TransportPort) value).getPort());
            case TCP_DST, UDP_DST -> v.setDstPort(((TransportPort) value).getPort());
            default -> throw new AssertionError("the simulated switch does not set " + oxm.getMatchField().getName());
        }
    }

    /** The connection a frame belongs to, as text (protocol, addresses, ports). */
    static String connection(byte[] frame) {
        PacketView v = view(frame);
        if (v.ipVersion() == 4) {
            return v.ipProtocol() + " " + IPv4Address.of(v.ipv4Src()) + ":" + (v.hasPorts() ? v.srcPort() : 0) + " > "
                    + IPv4Address.of(v.ipv4Dst()) + ":" + (v.hasPorts() ? v.dstPort() : 0);
        }
        if (v.ipVersion() == 6) {
            return v.ipProtocol() + " " + IPv6Address.of(v.ipv6SrcHi(), v.ipv6SrcLo()) + ":" + v.srcPort() + " > "
                    + IPv6Address.of(v.ipv6DstHi(), v.ipv6DstLo()) + ":" + v.dstPort();
        }
        return Long.toHexString(v.ethSrc()) + " > " + Long.toHexString(v.ethDst());
    }
}
