package io.flowlb.controller.lb.reactive;

import io.flowlb.controller.lb.arp.FrameWriter;
import io.flowlb.controller.lb.arp.LbAddresses;
import io.flowlb.controller.lb.arp.LbPacketSink;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.packet.PacketProcessor;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.packet.IcmpEchoReplies;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.TcpResets;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The load balancer's director ({@code PacketPriority.LOAD_BALANCER}, before L2 forwarding): IP
 * packets sent to a VIP's virtual MAC that reached the controller.
 *
 * <ul>
 *   <li>For a service some VIP serves: handed to the LB control thread, where the reactive
 *       installer picks the member and installs the connection's flows.</li>
 *   <li>An echo request to a VIP address that no ICMP VIP balances: answered from the VIP.</li>
 *   <li>Anything else is an invalid service entry: a TCP segment gets a reset (from the VIP, out
 *       of the port it came in on), the rest is dropped.</li>
 * </ul>
 * Frames to the controller's probe MAC (answers to its ARP probes, already learned from by the
 * advisors) end here too.
 *
 * <p>These are what switches without in-switch applications ({@code app-icmp}, {@code app-rst})
 * send up; flow-switch answers them itself.
 *
 * <p>Thread safety: runs on the event thread; reads the published {@link LbAddresses}.
 */
public final class VipDirector implements PacketProcessor {
    private final Supplier<LbAddresses> addresses;
    private final PacketService packets;
    private final LbPacketSink sink;
    private final LongAdder resets = new LongAdder();
    private final LongAdder echoes = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public VipDirector(Supplier<LbAddresses> addresses, PacketService packets, LbPacketSink sink) {
        this.addresses = addresses;
        this.packets = packets;
        this.sink = sink;
    }

    @Override
    public String name() {
        return "lb-vip";
    }

    public long resets() {
        return resets.sum();
    }

    public long echoes() {
        return echoes.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void process(PacketContext ctx) {
        PacketView v = ctx.view();
        LbAddresses a = addresses.get();
        if (!ctx.hasEthernet()) {
            return;
        }
        if (a.probeMac() != 0 && v.ethDst() == a.probeMac()) {
            ctx.block(); // an answer to the controller's ARP probe: learned from, not forwarded
            return;
        }
        if (v.ipVersion() == 0 || !a.isVirtualMac(v.ethDst())) {
            return;
        }
        IpAddress dst = v.ipVersion() == 4 ? IpAddress.ofV4(v.ipv4Dst()) : IpAddress.ofV6(v.ipv6DstHi(), v.ipv6DstLo());
        int proto = v.ipProtocol();
        if (a.serves(dst, proto, v.hasPorts() ? v.dstPort() : 0)) {
            sink.vipPacket(ConnectPoint.of(ctx.dpid(), ctx.inPort()), ctx.data().clone());
            ctx.block();
            return;
        }
        if (IcmpEchoReplies.isRequest(v)) {
            reply(ctx, out -> IcmpEchoReplies.write(v, out, 0), echoes);
        } else if (v.isTcp()) {
            reply(ctx, out -> TcpResets.write(v, out, 0), resets);
        } else {
            dropped.increment();
            ctx.block();
        }
    }

    private void reply(PacketContext ctx, FrameWriter writer, LongAdder counter) {
        byte[] frame = FrameWriter.build(ctx.data().length + 64, writer);
        if (frame != null) {
            packets.emit(ctx.dpid(), ctx.inPort(), frame);
            counter.increment();
        } else {
            dropped.increment();
        }
        ctx.block();
    }
}
