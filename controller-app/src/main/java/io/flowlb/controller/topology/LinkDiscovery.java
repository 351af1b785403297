package io.flowlb.controller.topology;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.core.Listeners;
import io.flowlb.controller.openflow.AppCookie;
import io.flowlb.controller.openflow.FlowPriority;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortChange;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.SwitchListener;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.OfPackets;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.packet.PacketPriority;
import io.flowlb.controller.packet.PacketProcessor;
import io.flowlb.controller.packet.PacketService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the links between switches with LLDP: every {@code intervalMillis} (and at once when a
 * switch connects or a port comes up) it sends an {@link Lldp} probe out of every up port of
 * every switch; a probe that comes back as a PACKET_IN on another switch proves a link from the
 * sending port to the receiving one. A link not confirmed for {@code timeoutMillis} expires; a
 * port going down or a switch disconnecting removes its links at once.
 *
 * <p>On connect it installs a flow sending EtherType 0x88cc to the controller at
 * {@link FlowPriority#CONTROL}, so no other application's flow can swallow the probes. It runs as
 * the first packet processor ({@link PacketPriority#LINK_DISCOVERY}) and consumes every LLDP
 * frame, its own or not, so LLDP is never forwarded or learned as a host.
 *
 * <p>Thread safety: all state is owned by the event thread (processor, switch listener and timer
 * all run there); {@link #links()} reads a concurrent map and may be called from any thread.
 */
public final class LinkDiscovery implements PacketProcessor, SwitchListener {
    private static final Logger LOG = LoggerFactory.getLogger(LinkDiscovery.class);

    private final SwitchService switches;
    private final PacketService packets;
    private final EventScheduler events;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final long controllerId;
    private final Map<Link, Long> lastSeen = new ConcurrentHashMap<>();
    private final Listeners<LinkListener> listeners = new Listeners<>(LOG, "link listener");
    private final LongAdder foreignProbes = new LongAdder();
    private EventScheduler.Cancellable timer;

    public LinkDiscovery(SwitchService switches, PacketService packets, EventScheduler events, long intervalMillis,
            long timeoutMillis, long controllerId) {
        this.switches = switches;
        this.packets = packets;
        this.events = events;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.controllerId = controllerId;
    }

    public void start() {
        packets.addProcessor(this, PacketPriority.LINK_DISCOVERY);
        switches.addListener(this);
        timer = events.schedulePeriodic("link discovery", intervalMillis, intervalMillis, this::tick);
    }

    public void stop() {
        if (timer != null) {
            timer.cancel();
        }
        packets.removeProcessor(this);
        switches.removeListener(this);
    }

    public void addListener(LinkListener l) {
        listeners.add(l);
    }

    /** The links known now. */
    public Set<Link> links() {
        return Set.copyOf(lastSeen.keySet());
    }

    /** LLDP frames that were not this controller's probes (other controllers, hosts). */
    public long foreignProbes() {
        return foreignProbes.sum();
    }

    @Override
    public String name() {
        return "link-discovery";
    }

    // ---------------------------------------------------------------- events

    @Override
    public void switchConnected(OfSwitch sw) {
        switches.send(sw.dpid(), lldpToController(sw.factory()));
        for (PortDesc p : sw.portList()) {
            probe(sw, p);
        }
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        removeWhere(l -> l.src().dpid().equals(sw.dpid()) || l.dst().dpid().equals(sw.dpid()), "switch disconnected");
    }

    @Override
    public void portChanged(OfSwitch sw, PortDesc port, PortDesc previous, PortChange change) {
        ConnectPoint cp = ConnectPoint.of(sw.dpid(), port.number());
        if (change == PortChange.DELETED || !port.isUp()) {
            removeWhere(l -> l.touches(cp), "port down");
        } else if (previous == null || !previous.isUp()) {
            probe(sw, port);
        }
    }

    @Override
    public void process(PacketContext ctx) {
        if (ctx.view().etherType() != Lldp.ETHER_TYPE) {
            return;
        }
        ctx.block();
        Lldp.Probe probe = Lldp.decode(ctx.data());
        if (probe == null || probe.controllerId() != controllerId) {
            foreignProbes.increment();
            return;
        }
        ConnectPoint src = ConnectPoint.of(probe.dpid(), probe.port());
        ConnectPoint dst = ConnectPoint.of(ctx.dpid(), ctx.inPort());
        if (src.dpid().equals(dst.dpid()) || switches.getSwitch(src.dpid()) == null) {
            return;
        }
        Link link = new Link(src, dst);
        if (lastSeen.put(link, events.nowMillis()) == null) {
            LOG.info("link {} discovered", link);
            listeners.fire(l -> l.linkAdded(link));
        }
    }

    /** Probes every port and expires silent links (periodic). */
    void tick() {
        long deadline = events.nowMillis() - timeoutMillis;
        removeWhere(l -> lastSeen.getOrDefault(l, Long.MAX_VALUE) < deadline, "expired");
        for (OfSwitch sw : switches.switches()) {
            for (PortDesc p : sw.portList()) {
                probe(sw, p);
            }
        }
    }

    private void probe(OfSwitch sw, PortDesc p) {
        if (p.isNetworkPort() && p.isUp()) {
            packets.emit(sw.dpid(), p.number(), Lldp.encode(sw.dpid(), p.number(), p.hwAddr().getLong(), controllerId));
        }
    }

    private void removeWhere(Predicate<Link> which, String why) {
        List<Link> gone = new ArrayList<>();
        for (Link l : lastSeen.keySet()) {
            if (which.test(l)) {
                gone.add(l);
            }
        }
        for (Link l : gone) {
            lastSeen.remove(l);
            LOG.info("link {} removed ({})", l, why);
            listeners.fire(listener -> listener.linkRemoved(l));
        }
    }

    static OFFlowAdd lldpToController(OFFactory f) {
        return f.buildFlowAdd()
                .setPriority(FlowPriority.CONTROL)
                .setCookie(AppCookie.app(AppCookie.LINK_DISCOVERY))
                .setMatch(f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.of(Lldp.ETHER_TYPE)).build())
                .setActions(List.of(OfPackets.output(f, PortNo.CONTROLLER)))
                .build();
    }
}
