package io.flowlb.controller.lb.sim;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.TcpFlags;

/** Frames the tests' hosts send. */
public final class Frames {
    public static final long BROADCAST = 0xffff_ffff_ffffL;

    private Frames() {
    }

    public static int ip(String dotted) {
        return IpAddress.parse(dotted).v4();
    }

    public static byte[] arpRequest(SimHost from, int target) {
        return FrameBuilder.ethernet(BROADCAST, from.mac).arp(1, from.mac, from.ip, 0, target).build();
    }

    /** An ARP reply claiming {@code ip} at the sender's MAC, sent to everyone (gratuitous). */
    public static byte[] arpClaim(SimHost from, int ip) {
        return FrameBuilder.ethernet(BROADCAST, from.mac).arp(2, from.mac, ip, BROADCAST, ip).build();
    }

    public static byte[] syn(SimHost from, long dstMac, int dstIp, int sport, int dport) {
        return tcp(from.mac, dstMac, from.ip, dstIp, sport, dport, TcpFlags.SYN);
    }

    public static byte[] tcp(long srcMac, long dstMac, int srcIp, int dstIp, int sport, int dport, int flags) {
        return FrameBuilder.ethernet(dstMac, srcMac).ipv4(srcIp, dstIp).tcp(sport, dport, 1000, flags == TcpFlags.SYN
                ? 0 : 1, flags).build();
    }

    public static byte[] udp(SimHost from, long dstMac, int dstIp, int sport, int dport) {
        return FrameBuilder.ethernet(dstMac, from.mac).ipv4(from.ip, dstIp).udp(sport, dport).payload(8).build();
    }

    public static byte[] ping(SimHost from, long dstMac, int dstIp) {
        return FrameBuilder.ethernet(dstMac, from.mac).ipv4(from.ip, dstIp).icmpEcho(true, 7, 1).payload(8).build();
    }

    /** An IP packet of a protocol without ports (ESP is 50). */
    public static byte[] raw(SimHost from, long dstMac, int dstIp, int protocol) {
        return FrameBuilder.ethernet(dstMac, from.mac).ipv4(from.ip, dstIp).protocol(protocol).payload(16).build();
    }
}
