package io.flowlb.controller.topology;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.core.Listeners;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortChange;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.SwitchListener;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.Ndp;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.packet.PacketPriority;
import io.flowlb.controller.packet.PacketProcessor;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.loadbalancer.packet.PacketView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.projectfloodlight.openflow.types.IPAddress;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HostService}: learns hosts from the PACKET_INs it sees as an advisor
 * ({@link PacketPriority#HOST_LEARNING}).
 *
 * <p>What is learned: the source MAC and the edge port (never an infrastructure port, where
 * frames of hosts on other switches arrive), and IPs from ARP (sender address, when the sender
 * MAC is the frame's source), Neighbor Discovery (NA target, NS source), and the source of IPv4
 * and IPv6 packets. ARP and ND are authoritative: they move an IP from one MAC to another. A
 * data packet only adds an IP nobody else holds, and at most {@code maxIpsPerHost} of them, so a
 * router forwarding traffic from many networks is not credited with every remote address.
 *
 * <p>{@link ReservedAddresses} (VIPs, virtual MACs, gateway addresses) are never learned.
 *
 * <p>Life cycle: a host seen on another edge port has moved; a host silent for
 * {@code timeoutMillis} expires; hosts on a port that goes down, a switch that disconnects, or a
 * port that turns out to carry a link are removed.
 *
 * <p>Fast path: a packet from a known host at its known place, with nothing new to learn, changes
 * nothing, except that the host's last-seen time moves forward when it is older than a second
 * (or a sixteenth of the timeout), so a busy host costs no allocation per packet and its
 * last-seen time lags by at most that much.
 *
 * <p>Thread safety: written on the event thread only (processor, listeners, timer); the maps are
 * concurrent and hosts immutable, so readers on other threads see consistent hosts.
 */
public final class HostManager implements HostService, PacketProcessor, SwitchListener, TopologyListener {
    private static final Logger LOG = LoggerFactory.getLogger(HostManager.class);
    private static final long MAX_REFRESH_MILLIS = 1_000;

    private final TopologyService topology;
    private final EventScheduler events;
    private final long timeoutMillis;
    private final int maxIpsPerHost;
    /** A host seen again at the same place gets a new last-seen time at most this often. */
    private final long refreshMillis;
    private final Map<MacAddress, Host> byMac = new ConcurrentHashMap<>();
    private final Map<IPAddress<?>, MacAddress> byIp = new ConcurrentHashMap<>();
    private final Listeners<HostListener> listeners = new Listeners<>(LOG, "host listener");
    private EventScheduler.Cancellable timer;
    private volatile ReservedAddresses reserved = ReservedAddresses.NONE;

    public HostManager(TopologyService topology, EventScheduler events, long timeoutMillis, int maxIpsPerHost) {
        this.topology = topology;
        this.events = events;
        this.timeoutMillis = timeoutMillis;
        this.maxIpsPerHost = maxIpsPerHost;
        this.refreshMillis = Math.max(1, Math.min(MAX_REFRESH_MILLIS, timeoutMillis / 16));
    }

    public void start(PacketService packets, SwitchService switches) {
        packets.addProcessor(this, PacketPriority.HOST_LEARNING);
        switches.addListener(this);
        topology.addListener(this);
        long period = Math.max(1_000, Math.min(timeoutMillis / 4, 10_000));
        timer = events.schedulePeriodic("host expiry", period, period, this::expire);
    }

    /** Addresses host learning must leave alone (set by the load balancer). */
    public void reserve(ReservedAddresses addresses) {
        this.reserved = addresses == null ? ReservedAddresses.NONE : addresses;
    }

    public void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }

    @Override
    public String name() {
        return "host-learning";
    }

    // ---------------------------------------------------------------- HostService

    @Override
    public Collection<Host> hosts() {
        return List.copyOf(byMac.values());
    }

    @Override
    public Host host(MacAddress mac) {
        return byMac.get(mac);
    }

    @Override
    public Host hostByIp(IPAddress<?> ip) {
        MacAddress mac = byIp.get(ip);
        return mac == null ? null : byMac.get(mac);
    }

    @Override
    public Collection<Host> hostsAt(ConnectPoint location) {
        List<Host> out = new ArrayList<>();
        for (Host h : byMac.values()) {
            if (h.location().equals(location)) {
                out.add(h);
            }
        }
        return out;
    }

    @Override
    public void removeHost(MacAddress mac) {
        events.execute(() -> removeWhere(h -> h.mac().equals(mac), "removed by the operator"));
    }

    @Override
    public void addListener(HostListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(HostListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- learning

    @Override
    public void process(PacketContext ctx) {
        PacketView f = ctx.view();
        long src = f.ethSrc();
        if (!ctx.hasEthernet() || f.etherType() == Lldp.ETHER_TYPE || src == 0 || (src & 0x0100_0000_0000L) != 0
                || reserved.isReservedMac(src)) {
            return;
        }
        ConnectPoint at = ConnectPoint.of(ctx.dpid(), ctx.inPort());
        if (!ctx.inPort().isPhysical() || topology.isInfrastructure(at)) {
            return;
        }
        MacAddress mac = MacAddress.of(src);
        Host host = locate(mac, f.vlanId(), at, ctx.receivedMillis());
        if (f.isArp() && f.arpSha() == src && f.arpSpa() != 0) {
            bind(host, IPv4Address.of(f.arpSpa()), true);
        } else if (f.ipVersion() == 6 && Ndp.isNdp(f.icmpType())) {
            learnNdp(host, f, ctx.data());
        } else if (f.ipVersion() == 4) {
            IPv4Address ip = IPv4Address.of(f.ipv4Src());
            if (!ip.isUnspecified() && !ip.isMulticast() && !ip.isBroadcast()) {
                bind(host, ip, false);
            }
        } else if (f.ipVersion() == 6) {
            IPv6Address ip = IPv6Address.of(f.ipv6SrcHi(), f.ipv6SrcLo());
            if (!ip.isUnspecified() && !ip.isMulticast()) {
                bind(host, ip, false);
            }
        }
    }

    private void learnNdp(Host host, PacketView f, byte[] data) {
        if (f.icmpType() == Ndp.NEIGHBOR_ADVERTISEMENT) {
            bind(host, IPv6Address.of(Ndp.targetHi(data, f.l4Offset()), Ndp.targetLo(data, f.l4Offset())), true);
        } else if (f.icmpType() == Ndp.NEIGHBOR_SOLICITATION && (f.ipv6SrcHi() != 0 || f.ipv6SrcLo() != 0)) {
            bind(host, IPv6Address.of(f.ipv6SrcHi(), f.ipv6SrcLo()), true);
        }
    }

    private Host locate(MacAddress mac, int vlan, ConnectPoint at, long now) {
        Host old = byMac.get(mac);
        if (old == null) {
            Host h = new Host(mac, vlan, at, Set.of(), now, now);
            byMac.put(mac, h);
            LOG.debug("{} learned", h);
            fire(l -> l.hostAdded(h));
            return h;
        }
        if (!old.location().equals(at)) {
            Host h = old.movedTo(at, now);
            byMac.put(mac, h);
            LOG.debug("host {} moved from {} to {}", mac, old.location(), at);
            fire(l -> l.hostMoved(old, h));
            return h;
        }
        if (now - old.lastSeenMillis() < refreshMillis) {
            return old;
        }
        Host h = old.seen(now);
        byMac.put(mac, h);
        return h;
    }

    private void bind(Host host, IPAddress<?> ip, boolean authoritative) {
        if (host.ips().contains(ip) || reserved.isReservedIp(ip)) {
            return;
        }
        MacAddress owner = byIp.get(ip);
        if (owner != null && !owner.equals(host.mac())) {
            if (!authoritative) {
                return;
            }
            Host previousOwner = byMac.get(owner);
            if (previousOwner != null) {
                Host stripped = previousOwner.withoutIp(ip);
                byMac.put(owner, stripped);
                fire(l -> l.hostUpdated(previousOwner, stripped));
            }
        }
        if (!authoritative && host.ips().size() >= maxIpsPerHost) {
            return;
        }
        Host updated = host.withIp(ip);
        byMac.put(host.mac(), updated);
        byIp.put(ip, host.mac());
        fire(l -> l.hostUpdated(host, updated));
    }

    // ---------------------------------------------------------------- removal

    void expire() {
        long deadline = events.nowMillis() - timeoutMillis;
        removeWhere(h -> h.lastSeenMillis() < deadline, "expired");
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        removeWhere(h -> h.location().dpid().equals(sw.dpid()), "switch disconnected");
    }

    @Override
    public void portChanged(OfSwitch sw, PortDesc port, PortDesc previous, PortChange change) {
        if (change == PortChange.DELETED || !port.isUp()) {
            ConnectPoint cp = ConnectPoint.of(sw.dpid(), port.number());
            removeWhere(h -> h.location().equals(cp), "port down");
        }
    }

    @Override
    public void topologyChanged(Topology t) {
        removeWhere(h -> t.isInfrastructure(h.location()), "its port carries a link");
    }

    private void removeWhere(Predicate<Host> which, String why) {
        List<Host> gone = new ArrayList<>();
        for (Host h : byMac.values()) {
            if (which.test(h)) {
                gone.add(h);
            }
        }
        for (Host h : gone) {
            byMac.remove(h.mac());
            for (IPAddress<?> ip : h.ips()) {
                byIp.remove(ip, h.mac());
            }
            LOG.debug("{} removed ({})", h, why);
            fire(l -> l.hostRemoved(h));
        }
    }

    private void fire(Consumer<HostListener> call) {
        listeners.fire(call);
    }
}
