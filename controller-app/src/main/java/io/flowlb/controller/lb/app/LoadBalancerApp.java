package io.flowlb.controller.lb.app;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.lb.ConfigDelta;
import io.flowlb.controller.lb.DistributionSink;
import io.flowlb.controller.lb.LbConfigListener;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.arp.LbAddresses;
import io.flowlb.controller.lb.arp.LbAdvisor;
import io.flowlb.controller.lb.arp.Prober;
import io.flowlb.controller.lb.install.GroupIds;
import io.flowlb.controller.lb.install.MemberPlace;
import io.flowlb.controller.lb.install.PlanInput;
import io.flowlb.controller.lb.install.Planner;
import io.flowlb.controller.lb.reactive.ReactiveInstaller;
import io.flowlb.controller.lb.reactive.VipDirector;
import io.flowlb.controller.lb.router.RouterHealth;
import io.flowlb.controller.lb.router.RouterPools;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.PacketPriority;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostService;
import io.flowlb.controller.topology.ReservedAddresses;
import io.flowlb.controller.topology.TopologyService;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.projectfloodlight.openflow.types.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load-balancer application: keeps every capable switch in the state the configuration,
 * the effective weights, the members' places and the topology call for (see the package notes).
 *
 * <p>The shell around the {@link Planner}: it owns the inputs, and on every change that matters
 * (configuration, weights from the master module, a member learned or moved, a switch or link
 * event) asks for one reconcile, which plans each switch and sends only the difference
 * ({@link SwitchInstaller}). A switch that connects gets everything; one that rejects a batch is
 * re-installed from scratch.
 *
 * <p>Thread safety: all state is owned by the LB control thread ({@code lb-control}); events from
 * the event thread arrive through {@link LbEventRelay}. {@link #addresses()} is a published
 * snapshot for the packet processors.
 */
public final class LoadBalancerApp implements LbConfigListener, DistributionSink, RouterHealth, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancerApp.class);
    /** The source MAC of the controller's ARP probes: locally administered, the same in every run. */
    public static final long PROBE_MAC = MacAddress.derivedFrom(0x666c_6f77_6c62L).value();
    /**
     * The most members probed per round (one probe interval, or a configuration change): enough
     * for every member of a lab at once, while 100,000 unplaced members cost each switch 512
     * PACKET_OUTs a round instead of 100,000.
     */
    static final int MEMBER_PROBES_PER_ROUND = 512;

    private final LbService lb;
    private final SwitchService switches;
    private final PacketService packets;
    private final HostService hosts;
    private final TopologyService topology;
    private final EventScheduler events;
    private final LoadBalancerSettings settings;
    private final LbEventRelay relay;
    private final LbAdvisor advisor;
    private final VipDirector director;
    private final EffectiveWeights weights = new EffectiveWeights();
    private final FreezeTracker freezes = new FreezeTracker();
    private final GroupIds groupIds = new GroupIds();
    private final MemberPlaces places;
    private final ReactiveInstaller reactive;
    private final RouterPools routers;
    private final Prober prober;
    private final SwitchInstallers installers;
    private final LbStatistics statistics;
    private LbConfig config = LbConfig.EMPTY;
    private PlanInput lastInput;
    private boolean reconcilePending;
    private volatile LbAddresses addresses = LbAddresses.EMPTY;
    private EventScheduler.Cancellable probeTimer;
    private EventScheduler.Cancellable statsTimer;

    public LoadBalancerApp(LbService lb, SwitchService switches, PacketService packets, HostService hosts,
                           TopologyService topology, EventScheduler events, LoadBalancerSettings settings) {
        this.lb = lb;
        this.switches = switches;
        this.packets = packets;
        this.hosts = hosts;
        this.topology = topology;
        this.events = events;
        this.settings = settings;
        this.relay = new LbEventRelay(lb, this);
        this.advisor = new LbAdvisor(this::addresses, packets, relay);
        this.director = new VipDirector(this::addresses, packets, relay);
        this.places = new MemberPlaces(hosts);
        this.reactive = new ReactiveInstaller(switches, settings.installer(), events);
        this.routers = new RouterPools(packets, this::requestReconcile, settings.routerDeadAfterProbes());
        this.prober = new Prober(switches, topology, PROBE_MAC);
        this.statistics = new LbStatistics(this, switches, relay::execute);
        this.installers = new SwitchInstallers(switches, events, relay::execute, () -> {
            requestReconcile();
            probe();
        });
    }

    /** Registers processors and listeners, then replays the configuration (asynchronously). */
    public void start() {
        packets.addProcessor(advisor, PacketPriority.LB_ADVISOR);
        packets.addProcessor(director, PacketPriority.LOAD_BALANCER);
        switches.addListener(relay);
        hosts.addListener(relay);
        topology.addListener(relay);
        lb.addListenerAndReplay(this);
        probeTimer = events.schedulePeriodic("lb probes", settings.probeIntervalMillis(), settings.probeIntervalMillis(),
                () -> relay.execute(this::probe));
        if (settings.statsIntervalMillis() > 0) {
            statsTimer = events.schedulePeriodic("lb group statistics", settings.statsIntervalMillis(),
                    settings.statsIntervalMillis(), () -> relay.execute(statistics::poll));
        }
        for (OfSwitch sw : switches.switches()) {
            switchConnected(sw);
        }
    }

    @Override
    public void close() {
        if (probeTimer != null) {
            probeTimer.cancel();
        }
        if (statsTimer != null) {
            statsTimer.cancel();
        }
        lb.removeListener(this);
        switches.removeListener(relay);
        hosts.removeListener(relay);
        topology.removeListener(relay);
        packets.removeProcessor(advisor);
        packets.removeProcessor(director);
        relay.execute(reactive::close);
    }

    /** The addresses the packet processors and host learning consult (any thread). */
    public LbAddresses addresses() {
        return addresses;
    }

    /** Host learning's view of {@link #addresses()}: always the current snapshot. */
    public ReservedAddresses reservedAddresses() {
        return new ReservedAddresses() {
            @Override
            public boolean isReservedMac(long mac) {
                return addresses.isReservedMac(mac);
            }

            @Override
            public boolean isReservedIp(IPAddress<?> ip) {
                return addresses.isReservedIp(ip);
            }
        };
    }

    public LbAdvisor advisor() {
        return advisor;
    }

    public VipDirector director() {
        return director;
    }

    public RouterPools routers() {
        return routers;
    }

    /** The load distribution of every VIP as the switches have it (any thread). */
    public LbDistributionView distributionView() {
        return statistics.view();
    }

    // ---------------------------------------------------------------- inputs (lb-control)

    @Override
    public void configChanged(LbConfig previous, LbConfig current, ConfigDelta delta) {
        config = current;
        weights.configure(current);
        addresses = LbAddresses.of(current, PROBE_MAC);
        routers.configure(current);
        requestReconcile();
        probe();
    }

    /** Router health from elsewhere (any thread): posted to the LB control thread. */
    @Override
    public void routerHealth(RouterPoolId pool, IpAddress router, boolean healthy) {
        relay.execute(() -> routers.report(router, healthy));
    }

    @Override
    public void publish(PoolId pool, PoolWeights published) {
        weights.publish(published);
        requestReconcile();
    }

    /** Event thread: a switch connected. */
    void switchConnected(OfSwitch sw) {
        installers.connected(sw);
    }

    void switchGone(OfSwitch sw) {
        if (installers.gone(sw)) {
            freezes.retain(installers.dpids(), config.vips().keySet());
            reactive.switchGone(sw.dpid());
            statistics.switchGone(sw.dpid());
        }
        if (places.forget(sw.dpid())) {
            requestReconcile();
        }
    }

    void portChanged(OfSwitch sw) {
        requestReconcile();
    }

    /** A host came, moved, changed addresses or left: re-plan if it is (or was) a member or a router. */
    void hostChanged(Host host, boolean removed) {
        MacAddress mac = new MacAddress(host.mac().getLong());
        boolean relevant = removed && places.forget(mac);
        for (IPAddress<?> ip : host.ips()) {
            relevant |= addresses.isWatched(MemberPlaces.fromOf(ip));
        }
        if (lastInput != null) {
            for (MemberPlace p : lastInput.places().values()) {
                relevant |= p.mac().equals(mac);
            }
        }
        if (relevant) {
            requestReconcile();
        }
    }

    void neighbourSeen(IpAddress address, MacAddress mac, ConnectPoint at) {
        routers.seen(address, mac, at);
        if (places.observe(address, mac, at)) {
            requestReconcile();
        }
    }

    void gatewayRequested(ConnectPoint at, byte[] frame) {
        if (routers.request(at, frame)) {
            requestReconcile();
        }
    }

    void vipPacket(ConnectPoint at, byte[] frame) {
        reactive.packet(at, frame, events.nowMillis());
    }

    // ---------------------------------------------------------------- reconcile (lb-control)

    /** Asks for one reconcile soon; several requests before it runs make one. */
    void requestReconcile() {
        if (!reconcilePending) {
            reconcilePending = true;
            relay.execute(this::reconcile);
        }
    }

    private void reconcile() {
        reconcilePending = false;
        Map<PoolId, PoolWeights> w = weights.all(config);
        Map<VipId, Integer> ids = new HashMap<>();
        for (Vip v : config.vips().values()) {
            ids.put(v.id(), groupIds.of(v.id()));
        }
        groupIds.retainOnly(config.vips().keySet());
        freeze(freezes.update(w), ids);
        Map<MemberId, MemberPlace> resolved = places.resolve(config);
        PlanInput in = new PlanInput(config, w, resolved, topology.topology(), ids, settings.installer(),
                freezes.frozen(), routers.answers());
        lastInput = in;
        installers.applyAll(in);
        reactive.update(in, installers.views());
        statistics.publish();
    }

    /**
     * Freezes, on every switch whose groups do not keep connections, the installed VIPs of pools
     * that lost a member for new connections or are draining one (see {@link FreezeTracker}).
     */
    private void freeze(Set<PoolId> disrupted, Map<VipId, Integer> ids) {
        freezes.retain(installers.dpids(), config.vips().keySet());
        for (SwitchInstaller i : installers.all()) {
            if (i.profile().keepsConnections() || !i.profile().groups()) {
                continue;
            }
            for (Vip v : config.vips().values()) {
                if (v.poolId() != null && (disrupted.contains(v.poolId()) || freezes.isDraining(v.poolId()))
                        && i.installed().group(ids.get(v.id())) != null) {
                    freezes.freeze(i.sw().dpid(), v.id(), events.nowMillis());
                }
            }
        }
    }

    /**
     * Thaws a frozen VIP once nothing can be moved by changing its group: no draining member, no
     * adoption for one connection idle timeout, and (asked from the switch) no adoption flow left.
     */
    void thawIfIdle(Dpid dpid, VipId vip, long adoptionFlows) {
        Vip v = config.vips().get(vip);
        long since = Math.max(freezes.frozenAt(dpid, vip), reactive.lastAdoptionMillis(vip));
        if (v == null || freezes.frozenAt(dpid, vip) < 0 || adoptionFlows > 0
                || (v.poolId() != null && freezes.isDraining(v.poolId()))
                || events.nowMillis() - since < settings.installer().connectionIdleSeconds() * 1000L) {
            return;
        }
        LOG.info("VIP {} on switch {}: no connection from before the change is left; its group is updated", vip, dpid);
        freezes.thaw(dpid, vip);
        requestReconcile();
    }

    Map<Dpid, Set<VipId>> frozenVips() {
        return freezes.frozen();
    }

    /** Sends ARP probes for members whose place is unknown, and the routers' health probes. */
    private void probe() {
        Set<Dpid> on = installers.dpids();
        if (!on.isEmpty()) {
            for (IpAddress a : places.nextToProbe(config, places.resolve(config), MEMBER_PROBES_PER_ROUND)) {
                prober.flood(on, a);
            }
        }
        routers.probe(prober, installers.dpids());
        reactive.expire(events.nowMillis());
    }

    // ---------------------------------------------------------------- read access (lb-control)

    /** The last planning input (null before the first reconcile); for the views. */
    PlanInput lastInput() {
        return lastInput;
    }

    Collection<SwitchInstaller> installers() {
        return installers.all();
    }

    ReactiveInstaller reactive() {
        return reactive;
    }

    /** The reactive installer's counters ({@link ReactiveInstaller#counters}); safe from any thread. */
    public Map<String, Long> reactiveCounters() {
        return reactive.counters();
    }

    /**
     * Answers of flow-switch's connections per SELECT bucket that were ignored, by kind (entries
     * that do not match the plan, malformed replies and entries, switches that refused); safe from
     * any thread.
     */
    public Map<String, Long> selectConnectionCounters() {
        return statistics.connectionCounters();
    }

    EffectiveWeights weights() {
        return weights;
    }

    LbConfig config() {
        return config;
    }

    SwitchInstaller installer(Dpid dpid) {
        return installers.get(dpid);
    }
}
