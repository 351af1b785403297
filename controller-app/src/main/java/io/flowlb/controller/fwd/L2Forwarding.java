package io.flowlb.controller.fwd;

import io.flowlb.controller.openflow.AppCookie;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.FlowPriority;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.SwitchListener;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.openflow.TableLayout;
import io.flowlb.controller.packet.OfPackets;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.packet.PacketPriority;
import io.flowlb.controller.packet.PacketProcessor;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostListener;
import io.flowlb.controller.topology.HostService;
import io.flowlb.controller.topology.Link;
import io.flowlb.controller.topology.Topology;
import io.flowlb.controller.topology.TopologyListener;
import io.flowlb.controller.topology.TopologyService;
import io.flowlb.openflow.CompactFlowAdd;
import io.flowlb.openflow.WireFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * L2 forwarding, so a lab works without further configuration: the last director
 * ({@link PacketPriority#L2_FORWARDING}), it takes every packet no other processor handled.
 *
 * <p>Design (a functional core and a thin shell, after Faucet): {@link L2Policy} decides where the
 * packet goes; this class turns the decision into OpenFlow. For a known destination it installs
 * one flow per switch on the path (match input port and destination MAC, optionally source MAC;
 * output to the next hop; idle timeout) from the last switch back to the first, and sends the
 * packet itself out of the first hop. Unknown and broadcast destinations are flooded along the
 * spanning tree. The same code drives OpenFlow 1.3 and 1.0 switches.
 *
 * <p>On a switch with the {@link TableLayout two-table layout} the flows go to table 1, after the
 * classifier table where the load balancer's flows are; on other switches to table 0.
 *
 * <p>Flows are tagged with {@link AppCookie#L2_FORWARDING} and the destination MAC. They are
 * deleted when their destination host moves or is removed, and all of them when a link
 * disappears (paths may have gone through it).
 *
 * <p>Thread safety: all methods run on the event thread (processor and listener callbacks).
 */
public final class L2Forwarding implements PacketProcessor, HostListener, TopologyListener, SwitchListener {
    /** The max_len of the output actions (whole packets; it only matters towards the controller). */
    private static final int WHOLE_PACKET = 0xffff;

    private final SwitchService switches;
    private final HostService hosts;
    private final TopologyService topology;
    private final L2Config config;
    /** Destination MACs with flows installed, per switch (to delete them on OpenFlow 1.0). */
    private final Map<Dpid, Set<Long>> installed = new HashMap<>();
    private final LongAdder flowsInstalled = new LongAdder();
    private final LongAdder floods = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private Set<Link> links = Set.of();

    public L2Forwarding(SwitchService switches, HostService hosts, TopologyService topology, L2Config config) {
        this.switches = switches;
        this.hosts = hosts;
        this.topology = topology;
        this.config = config;
    }

    public void start(PacketService packets) {
        packets.addProcessor(this, PacketPriority.L2_FORWARDING);
        hosts.addListener(this);
        topology.addListener(this);
        switches.addListener(this);
        links = topology.topology().links();
    }

    @Override
    public String name() {
        return "l2-forwarding";
    }

    public long flowsInstalled() {
        return flowsInstalled.sum();
    }

    public long floods() {
        return floods.sum();
    }

    public long drops() {
        return drops.sum();
    }

    @Override
    public void process(PacketContext ctx) {
        if (!ctx.hasEthernet()) {
            ctx.block();
            return;
        }
        long dstMac = ctx.view().ethDst();
        Host dst = hosts.host(MacAddress.of(dstMac));
        Forwarding decision = L2Policy.decide(ConnectPoint.of(ctx.dpid(), ctx.inPort()), dstMac, dst,
                topology.topology());
        switch (decision) {
            case Forwarding.Drop d -> {
                drops.increment();
                ctx.block();
            }
            case Forwarding.Flood f -> {
                floods.increment();
                ctx.flood();
            }
            case Forwarding.Forward fwd -> {
                int buffer = ctx.bufferId();
                if (install(fwd, dstMac, ctx.view().ethSrc(), buffer) && buffer != WireFormat.NO_BUFFER) {
                    ctx.sentWithFlow();
                } else {
                    ctx.sendTo(fwd.first().outPort());
                }
            }
        }
    }

    /**
     * Installs the flows of a path, the last switch first, so the packet never overtakes them.
     * The first hop's flow carries {@code bufferId} (the switch's buffer of the packet, or
     * NO_BUFFER), releasing the packet through it. True when the first hop's flow was sent.
     */
    private boolean install(Forwarding.Forward fwd, long dstMac, long srcMac, int bufferId) {
        List<Forwarding.Hop> hops = fwd.hops();
        boolean first = false;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Forwarding.Hop hop = hops.get(i);
            OfSwitch sw = switches.getSwitch(hop.dpid());
            int buffer = i == 0 ? bufferId : WireFormat.NO_BUFFER;
            if (sw != null && switches.send(hop.dpid(), flow(sw, hop, dstMac, srcMac, buffer))) {
                installed.computeIfAbsent(hop.dpid(), k -> new HashSet<>()).add(dstMac);
                flowsInstalled.increment();
                first = i == 0;
            }
        }
        return first;
    }

    /**
     * The flow of one hop. On OpenFlow 1.0 and 1.3 it is a {@link CompactFlowAdd}, written without
     * building OpenFlowJ's match objects (the flow-setup path's largest cost); other versions get
     * the OpenFlowJ message.
     */
    OFFlowAdd flow(OfSwitch sw, Forwarding.Hop hop, long dstMac, long srcMac, int bufferId) {
        if (WireFormat.supports(sw.version())) {
            CompactFlowAdd.Spec c = CompactFlowAdd.spec(sw.version())
                    .tableId(TableLayout.forwarding(sw).getValue())
                    .priority(FlowPriority.L2_FORWARDING)
                    .cookie(AppCookie.bits(AppCookie.L2_FORWARDING, dstMac))
                    .idleTimeout(config.idleTimeoutSeconds())
                    .hardTimeout(config.hardTimeoutSeconds())
                    .bufferId(bufferId)
                    .ethDst(dstMac)
                    .output(hop.outPort().value(), WHOLE_PACKET);
            if (config.matchInPort()) {
                c.inPort(hop.inPort().value());
            }
            if (config.matchEthSrc()) {
                c.ethSrc(srcMac);
            }
            return c.build();
        }
        OFFactory f = sw.factory();
        Match.Builder m = f.buildMatch();
        if (config.matchInPort()) {
            m.setExact(MatchField.IN_PORT, hop.inPort().toOfPort());
        }
        m.setExact(MatchField.ETH_DST, MacAddress.of(dstMac));
        if (config.matchEthSrc()) {
            m.setExact(MatchField.ETH_SRC, MacAddress.of(srcMac));
        }
        OFFlowAdd.Builder b = f.buildFlowAdd();
        if (TableLayout.isSplit(sw)) {
            b.setTableId(TableLayout.FORWARDING);
        }
        return b
                .setPriority(FlowPriority.L2_FORWARDING)
                .setCookie(AppCookie.of(AppCookie.L2_FORWARDING, dstMac))
                .setIdleTimeout(config.idleTimeoutSeconds())
                .setHardTimeout(config.hardTimeoutSeconds())
                .setBufferId(OFBufferId.of(bufferId))
                .setMatch(m.build())
                .setActions(List.of(OfPackets.output(f, hop.outPort())))
                .build();
    }

    // ---------------------------------------------------------------- invalidation

    @Override
    public void hostMoved(Host previous, Host now) {
        forget(previous.mac().getLong());
    }

    @Override
    public void hostRemoved(Host host) {
        forget(host.mac().getLong());
    }

    @Override
    public void topologyChanged(Topology t) {
        Set<Link> now = t.links();
        boolean lost = !now.containsAll(links);
        links = now;
        if (lost) {
            for (Dpid dpid : Set.copyOf(installed.keySet())) {
                flushSwitch(dpid);
            }
        }
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        installed.remove(sw.dpid());
    }

    /** Deletes the flows towards one destination MAC on every switch that has them. */
    private void forget(long mac) {
        for (Map.Entry<Dpid, Set<Long>> e : installed.entrySet()) {
            if (e.getValue().remove(mac)) {
                OfSwitch sw = switches.getSwitch(e.getKey());
                if (sw != null) {
                    switches.send(sw.dpid(), deleteTowards(sw.factory(), mac));
                }
            }
        }
    }

    private void flushSwitch(Dpid dpid) {
        Set<Long> macs = installed.remove(dpid);
        OfSwitch sw = switches.getSwitch(dpid);
        if (sw == null || macs == null) {
            return;
        }
        if (sw.version().compareTo(OFVersion.OF_11) >= 0) {
            switches.send(dpid, delete(sw.factory(), AppCookie.app(AppCookie.L2_FORWARDING), AppCookie.mask(),
                    sw.factory().matchWildcardAll()));
            return;
        }
        for (long mac : macs) {
            switches.send(dpid, deleteTowards(sw.factory(), mac));
        }
    }

    private static OFFlowDelete deleteTowards(OFFactory f, long mac) {
        Match m = f.buildMatch().setExact(MatchField.ETH_DST, MacAddress.of(mac)).build();
        return delete(f, AppCookie.of(AppCookie.L2_FORWARDING, mac), U64.NO_MASK, m);
    }

    private static OFFlowDelete delete(OFFactory f, U64 cookie, U64 mask, Match match) {
        OFFlowDelete.Builder b = f.buildFlowDelete().setMatch(match).setOutPort(OFPort.ANY);
        if (f.getVersion().compareTo(OFVersion.OF_11) >= 0) {
            b.setTableId(TableId.ALL).setOutGroup(OFGroup.ANY).setCookie(cookie).setCookieMask(mask);
        }
        return b.build();
    }
}
