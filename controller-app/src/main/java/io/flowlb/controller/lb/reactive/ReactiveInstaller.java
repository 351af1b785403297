package io.flowlb.controller.lb.reactive;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.lb.install.Backend;
import io.flowlb.controller.lb.install.FlowSpec;
import io.flowlb.controller.lb.install.InstallerSettings;
import io.flowlb.controller.lb.install.LbAction;
import io.flowlb.controller.lb.install.LbCookie;
import io.flowlb.controller.lb.install.LbMatch;
import io.flowlb.controller.lb.install.OfEncoder;
import io.flowlb.controller.lb.install.PlanInput;
import io.flowlb.controller.lb.install.Planner;
import io.flowlb.controller.lb.install.SwitchPlan;
import io.flowlb.controller.lb.install.SwitchProfile;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.openflow.TableLayout;
import io.flowlb.controller.packet.OfPackets;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.select.Selector;
import io.flowlb.loadbalancer.table.ConnState;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * The reactive installer: balances, connection by connection, the VIPs the planner made reactive
 * on a switch (no groups there, configured so, or a draining pool on a switch whose groups do
 * not keep connections).
 *
 * <p>The first packet of a connection reaches the controller through the VIP flow. The core's
 * {@link Selector} looks it up in a {@link ConnectionTable} owned by this thread, or picks a
 * member by weighted Maglev over the {@link ServiceTable} of the VIP and records it; then the
 * connection's {@link ConnectionFlows} (forward, and reverse for NAT) are installed with an idle
 * timeout and the packet is sent on with the backend's actions. A connection already in the table
 * keeps its member (a weight change or a drain never moves it). A TCP segment of a connection the
 * table has not placed since the VIP's group froze on that switch started before the VIP turned
 * reactive (an older entry for its tuple may be an earlier connection's: the group placed every
 * connection in between): it is sent through that group, which gives it the member it had, and
 * an adoption flow keeps it there.
 *
 * <p>The table keeps each connection as long as the switch keeps its flows if it goes idle at
 * once (the connection idle timeout: the controller sees only a connection's first packet), so it
 * knows which member a tuple's flows name. A client that reuses a tuple opens a new connection,
 * placed by the current distribution; when that moves the tuple to another member on a switch
 * whose datapath cache lags flow changes (Open vSwitch), the SYN is held until the switch has
 * confirmed the new flows and a settle time has passed, so that the rest of the handshake cannot
 * follow the old flow's cached actions to the old member (which would reset it).
 *
 * <p>When a member leaves a VIP's backends (removed, or no longer alive), its per-connection
 * flows are deleted from the switches so its connections come back and are re-selected.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
public final class ReactiveInstaller implements AutoCloseable {
    /** Connections the controller keeps (a NAT connection takes two entries). */
    public static final int TABLE_ENTRIES = 1 << 16;

    private final SwitchService switches;
    private final InstallerSettings settings;
    private final EventScheduler events;
    private final ConnectionTable table;
    private final Selector selector;
    private final FlowKey key = new FlowKey();
    private final ServiceTables services = new ServiceTables();
    private final Map<Long, Long> installedByBackend = new HashMap<>();
    private final Map<VipId, Long> lastAdoption = new HashMap<>();
    private Map<Dpid, List<ReactiveVip>> bySwitch = Map.of();
    private Set<Dpid> lazyCaches = Set.of();
    private boolean closed; // tasks queued on the control thread before close may still run after it
    // Counters: written by the LB control thread only, read by metrics scrapes (volatile, one writer).
    private volatile long connections;
    private volatile long held;
    private volatile long adoptions;
    private volatile long unserved;

    public ReactiveInstaller(SwitchService switches, InstallerSettings settings, EventScheduler events) {
        this.switches = switches;
        this.settings = settings;
        this.events = events;
        Duration idle = Duration.ofSeconds(settings.connectionIdleSeconds());
        this.table = new ConnectionTable(TABLE_ENTRIES, new Timeouts(idle, idle, idle, idle, idle),
                new SecureRandom().nextLong());
        this.selector = new Selector(table);
    }

    /** What the planner decided, per capable switch: its profile and its installed plan. */
    public record SwitchView(SwitchProfile profile, SwitchPlan installed) {
    }

    /** Takes the new planning input; removes the flows of members that left a reactive VIP. */
    public void update(PlanInput in, Map<Dpid, SwitchView> views) {
        Map<Dpid, List<ReactiveVip>> next = new TreeMap<>();
        Set<Dpid> lazy = new HashSet<>();
        for (Map.Entry<Dpid, SwitchView> e : views.entrySet()) {
            SwitchProfile profile = e.getValue().profile();
            if (profile.lazyCache()) {
                lazy.add(e.getKey());
            }
            List<ReactiveVip> vips = new ArrayList<>();
            for (Vip vip : in.config().vips().values()) {
                if (vip.poolId() == null || !Planner.isReactive(vip, in, profile)) {
                    continue;
                }
                int groupId = in.groupIds().getOrDefault(vip.id(), 0);
                int frozen = Planner.frozenGroupKept(vip, in, profile)
                        && e.getValue().installed().group(groupId) != null ? groupId : 0;
                List<Backend> backends = Planner.backends(vip, in, profile);
                vips.add(new ReactiveVip(vip, backends, services.of(e.getKey(), vip, groupId, backends), frozen,
                        frozenSince(e.getKey(), vip, frozen)));
            }
            next.put(e.getKey(), vips);
        }
        removeDeparted(bySwitch, next);
        removeVanished(in);
        bySwitch = next;
        lazyCaches = lazy;
        services.retain(next);
    }

    /** When the VIP froze on the switch: kept from the last update if it was frozen there already, else now. */
    private long frozenSince(Dpid dpid, Vip vip, int frozenGroup) {
        if (frozenGroup == 0) {
            return 0;
        }
        for (ReactiveVip was : bySwitch.getOrDefault(dpid, List.of())) {
            if (was.vip().id().equals(vip.id()) && was.frozenGroup() == frozenGroup) {
                return was.frozenSince();
            }
        }
        return events.nowMillis() * 1_000_000L;
    }

    public void switchGone(Dpid dpid) {
        Map<Dpid, List<ReactiveVip>> next = new TreeMap<>(bySwitch);
        next.remove(dpid);
        bySwitch = next;
        services.retain(next);
    }

    /** A packet for a VIP that reached the controller from {@code at}. */
    public void packet(ConnectPoint at, byte[] frame, long nowMillis) {
        OfSwitch sw = switches.getSwitch(at.dpid());
        PacketView v = PacketContext.parse(frame);
        if (closed || sw == null || !v.extractKey(key)) {
            return;
        }
        ReactiveVip rv = find(at.dpid(), new IpAddress(key.dstHi, key.dstLo), key.protocol, key.dstPort);
        if (rv == null) {
            unserved++;
            return;
        }
        long now = nowMillis * 1_000_000L;
        int flags = v.isTcp() ? v.tcpFlags() : 0;
        int zone = rv.service().id();
        int slot = table.lookupConnection(key, zone);
        if (rv.frozenGroup() != 0 && ConnState.isMidConnection(key.protocol, flags)
                && (slot < 0 || table.lastSeen(slot) < rv.frozenSince())) {
            // Not placed by the controller since the VIP froze here: an older entry for the tuple may
            // be an earlier connection's (the group placed every connection in between).
            adopt(sw, at.port(), rv, frame);
            lastAdoption.put(rv.vip().id(), nowMillis);
            return;
        }
        long before = slot >= 0 ? table.backendKey(slot) : 0;
        int pick = selector.select(key, zone, rv.service(), flags, now);
        if (pick < 0) {
            unserved++;
            return;
        }
        Backend b = rv.backends().get(pick);
        long backendKey = b.member().id().backendKey();
        List<OFMessage> flows = new ArrayList<>(3);
        OfEncoder enc = new OfEncoder(sw.factory());
        flows.add(enc.flowAdd(ConnectionFlows.forward(rv.vip(), key, b, settings.connectionIdleSeconds())));
        FlowSpec reverse = ConnectionFlows.reverse(rv.vip(), key, b, TableLayout.FORWARDING.getValue(),
                settings.connectionIdleSeconds());
        if (reverse != null) {
            flows.add(enc.flowAdd(reverse));
        }
        OFMessage packetOut = OfPackets.packetOut(sw.factory(), at.port(), enc.actions(b.actions()), frame);
        if (slot >= 0 && before != backendKey && ConnState.isPureSyn(key.protocol, flags)
                && lazyCaches.contains(sw.dpid())) {
            sendSettled(sw.dpid(), flows, packetOut);
        } else {
            flows.add(packetOut);
            switches.send(sw.dpid(), flows);
        }
        connections++;
        installedByBackend.merge(backendKey, 1L, Long::sum);
    }

    /**
     * Sends the flows of a tuple that moved to another member, then the packet once the switch
     * has confirmed them and its datapath cache has had the settle time to drop the old actions.
     */
    private void sendSettled(Dpid dpid, List<OFMessage> flows, OFMessage packetOut) {
        held++;
        int settle = settings.flowSettleMillis();
        switches.sendConfirmed(dpid, flows).whenComplete((ok, error) ->
                events.scheduleOnce("reactive settled packet", settle, () -> switches.send(dpid, packetOut)));
    }

    private void adopt(OfSwitch sw, PortNo inPort, ReactiveVip rv, byte[] frame) {
        OfEncoder enc = new OfEncoder(sw.factory());
        List<LbAction> viaGroup = List.of(new LbAction.Group(rv.frozenGroup()));
        switches.send(sw.dpid(), List.of(
                enc.flowAdd(ConnectionFlows.adoption(rv.vip(), key, rv.frozenGroup(), settings.connectionIdleSeconds())),
                OfPackets.packetOut(sw.factory(), inPort, enc.actions(viaGroup), frame)));
        adoptions++;
    }

    private ReactiveVip find(Dpid dpid, IpAddress dst, int protocol, int port) {
        ReactiveVip best = null;
        for (ReactiveVip rv : bySwitch.getOrDefault(dpid, List.of())) {
            if (rv.vip().address().equals(dst) && rv.covers(protocol, port)
                    && (best == null || rv.specificity() > best.specificity())) {
                best = rv;
            }
        }
        return best;
    }

    /** Deletes, on each switch, the connection flows of members that are no longer backends of a VIP. */
    private void removeDeparted(Map<Dpid, List<ReactiveVip>> before, Map<Dpid, List<ReactiveVip>> after) {
        for (Map.Entry<Dpid, List<ReactiveVip>> e : before.entrySet()) {
            OfSwitch sw = switches.getSwitch(e.getKey());
            if (sw == null) {
                continue;
            }
            Set<Member> now = new HashSet<>();
            for (ReactiveVip rv : after.getOrDefault(e.getKey(), List.of())) {
                for (Backend b : rv.backends()) {
                    now.add(b.member());
                }
            }
            Set<String> gone = new HashSet<>();
            for (ReactiveVip rv : e.getValue()) {
                for (Backend b : rv.backends()) {
                    if (!containsId(now, b.member())) {
                        gone.add(b.member().id().value());
                    }
                }
            }
            if (!gone.isEmpty()) {
                OfEncoder enc = new OfEncoder(sw.factory());
                List<OFMessage> deletes = new ArrayList<>();
                for (String id : gone) {
                    deletes.add(enc.flowDeleteByCookie(0, LbCookie.of(LbCookie.Kind.CONNECTION, id),
                            LbCookie.OBJECT_MASK));
                }
                switches.send(sw.dpid(), deletes);
            }
        }
    }

    /**
     * Deletes the per-connection and adoption flows of VIPs that left the configuration (or moved
     * to another address or MAC) from every switch. A VIP that only turned proactive keeps them:
     * its connections still need them.
     */
    private void removeVanished(PlanInput in) {
        Set<Vip> gone = new HashSet<>();
        for (List<ReactiveVip> vips : bySwitch.values()) {
            for (ReactiveVip rv : vips) {
                Vip now = in.config().vips().get(rv.vip().id());
                if (now == null || !now.address().equals(rv.vip().address())
                        || !now.effectiveMac().equals(rv.vip().effectiveMac())) {
                    gone.add(rv.vip());
                }
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        for (OfSwitch sw : switches.switches()) {
            OfEncoder enc = new OfEncoder(sw.factory());
            List<OFMessage> deletes = new ArrayList<>();
            for (Vip v : gone) {
                deletes.add(enc.flowDelete(0, LbMatch.ipTo(v.address()).ethDst(v.effectiveMac()),
                        LbCookie.ofKind(LbCookie.Kind.CONNECTION), LbCookie.KIND_MASK));
                deletes.add(enc.flowDeleteByCookie(0, LbCookie.of(LbCookie.Kind.ADOPTION, v.id().value()),
                        LbCookie.OBJECT_MASK));
            }
            switches.send(sw.dpid(), deletes);
        }
    }

    private static boolean containsId(Set<Member> members, Member m) {
        for (Member x : members) {
            if (x.id().equals(m.id())) {
                return true;
            }
        }
        return false;
    }

    /** Expires idle connections (a bounded amount of work per call). */
    public void expire(long nowMillis) {
        if (!closed) {
            table.expire(nowMillis * 1_000_000L, 4096);
        }
    }

    public long connections() {
        return connections;
    }

    /** When a connection of the VIP was last adopted through its frozen group (0: never). */
    public long lastAdoptionMillis(VipId vip) {
        return lastAdoption.getOrDefault(vip, 0L);
    }

    public long adoptions() {
        return adoptions;
    }

    /** First packets held until their tuple's moved flows settled on a switch with a lazy cache. */
    public long held() {
        return held;
    }

    /**
     * The counters for /metrics, by name: connections installed, SYNs held for moved flows to
     * settle, adoptions through frozen groups, packets unserved. Safe from any thread.
     */
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("connections_installed", connections);
        out.put("syns_held", held);
        out.put("adoptions", adoptions);
        out.put("packets_unserved", unserved);
        return out;
    }

    /** Packets for no reactive VIP, or with no member to take them. */
    public long unserved() {
        return unserved;
    }

    /**
     * Per member ({@code backendKey}): connections the table holds now and connections installed
     * since start, as {@code {active, total}}.
     */
    public Map<Long, long[]> connectionsByBackend() {
        Map<Long, long[]> out = new HashMap<>();
        for (Map.Entry<Long, Long> e : installedByBackend.entrySet()) {
            out.put(e.getKey(), new long[] {0, e.getValue()});
        }
        if (closed) {
            return out;
        }
        table.forEach(new FlowKey(), (k, zone, state, backendKey, lastSeen) -> {
            if (zone != ConnectionTable.REPLY_ZONE) {
                out.computeIfAbsent(backendKey, x -> new long[2])[0]++;
            }
        });
        return out;
    }

    /** Connections the controller's table holds now. */
    public int tracked() {
        return closed ? 0 : table.size();
    }

    /** The reactive VIPs of one switch (for the views). */
    public List<VipId> reactiveVips(Dpid dpid) {
        List<VipId> out = new ArrayList<>();
        for (ReactiveVip rv : bySwitch.getOrDefault(dpid, List.of())) {
            out.add(rv.vip().id());
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        table.close();
    }
}
