package io.flowlb.controller.lb.arp;

import io.flowlb.controller.packet.Ndp;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.packet.PacketProcessor;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.packet.ArpReplies;
import io.flowlb.loadbalancer.packet.NeighborAdvertisements;
import io.flowlb.loadbalancer.packet.PacketView;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The load balancer's advisor ({@code PacketPriority.LB_ADVISOR}, before host learning): the ARP
 * and neighbor discovery side of the VIPs, for switches that cannot answer themselves.
 *
 * <ul>
 *   <li>An ARP request or neighbor solicitation for a VIP address is answered with its virtual
 *       MAC out of the port it came in on, and consumed.</li>
 *   <li>ARP claiming a DSR VIP address, and neighbor advertisements for one, come from servers
 *       that hold the VIP on loopback: dropped, so no client learns a server's MAC for it.</li>
 *   <li>An ARP request for a router pool's gateway goes to the LB control thread (the router is
 *       chosen there) and is consumed.</li>
 *   <li>ARP from a member's or router's address tells where it is (passed on: host learning sees
 *       it too, so L2 forwarding can reach members on other switches; the answers to the
 *       controller's own probes are consumed later, by {@code VipDirector}).</li>
 * </ul>
 *
 * <p>Thread safety: runs on the event thread; reads the published {@link LbAddresses}.
 */
public final class LbAdvisor implements PacketProcessor {
    private final Supplier<LbAddresses> addresses;
    private final PacketService packets;
    private final LbPacketSink sink;
    private final LongAdder answered = new LongAdder();
    private final LongAdder suppressed = new LongAdder();

    public LbAdvisor(Supplier<LbAddresses> addresses, PacketService packets, LbPacketSink sink) {
        this.addresses = addresses;
        this.packets = packets;
        this.sink = sink;
    }

    @Override
    public String name() {
        return "lb-proxy-arp";
    }

    /** ARP and ND answers the controller sent for VIPs. */
    public long answered() {
        return answered.sum();
    }

    /** Servers' announcements of DSR VIP addresses dropped. */
    public long suppressed() {
        return suppressed.sum();
    }

    @Override
    public void process(PacketContext ctx) {
        if (!ctx.hasEthernet()) {
            return;
        }
        PacketView v = ctx.view();
        LbAddresses a = addresses.get();
        if (v.isArp()) {
            arp(ctx, v, a);
        } else if (NeighborAdvertisements.isSolicitation(v)) {
            solicitation(ctx, v, a);
        } else if (v.ipVersion() == 6 && v.icmpType() == Ndp.NEIGHBOR_ADVERTISEMENT && v.l4Length() >= 24
                && a.isDsrAddress(IpAddress.ofV6(Ndp.targetHi(ctx.data(), v.l4Offset()),
                        Ndp.targetLo(ctx.data(), v.l4Offset())))) {
            suppressed.increment();
            ctx.block();
        }
    }

    private void arp(PacketContext ctx, PacketView v, LbAddresses a) {
        IpAddress sender = IpAddress.ofV4(v.arpSpa());
        IpAddress target = IpAddress.ofV4(v.arpTpa());
        ConnectPoint at = ConnectPoint.of(ctx.dpid(), ctx.inPort());
        if (a.isDsrAddress(sender)) {
            suppressed.increment();
            ctx.block();
            return;
        }
        if (v.arpSpa() != 0 && a.isWatched(sender) && v.arpSha() == v.ethSrc()) {
            sink.neighbourSeen(sender, new MacAddress(v.arpSha()), at);
        }
        if (ArpReplies.isRequest(v)) {
            MacAddress vmac = a.answerMac(target);
            if (vmac != null) {
                answer(ctx, out -> ArpReplies.write(v, vmac.value(), out, 0));
                return;
            }
            RouterPoolId pool = a.gatewayPool(target);
            if (pool != null) {
                sink.gatewayRequested(at, ctx.data().clone());
                ctx.block();
            }
        }
    }

    private void solicitation(PacketContext ctx, PacketView v, LbAddresses a) {
        MacAddress vmac = a.answerMac(IpAddress.ofV6(NeighborAdvertisements.targetHi(v),
                NeighborAdvertisements.targetLo(v)));
        if (vmac != null) {
            answer(ctx, out -> NeighborAdvertisements.write(v, vmac.value(), out, 0));
        }
    }

    /** Sends the frame {@code writer} builds back out of the request's port, and consumes the request. */
    private void answer(PacketContext ctx, FrameWriter writer) {
        byte[] frame = FrameWriter.build(ctx.data().length + 64, writer);
        if (frame != null) {
            packets.emit(ctx.dpid(), ctx.inPort(), frame);
            answered.increment();
        }
        ctx.block();
    }
}
