package io.flowlb.controller.view;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.SwitchListener;
import io.flowlb.controller.openflow.SwitchManager;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostService;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The {@link NetworkView} of a running controller: switches from the {@link SwitchService}
 * (session, ports; PACKET_IN and ERROR counts per connection from the {@link SwitchManager}), ports, flows and groups by
 * OpenFlow multipart requests rendered as {@code ovs-ofctl} prints them ({@link OfText}), hosts
 * from the {@link HostService}, and controller-wide message counts by type.
 *
 * <p>The flow and group count of each switch (for {@code /api/v1/switches} and {@code /metrics})
 * come from a poll every {@code periodMillis} and {@value #FIRST_COUNT_DELAY_MILLIS} ms after the
 * switch connects (an aggregate flow statistics request, and a group statistics request where
 * the switch has groups), and from every flow or group listing, so reading them never waits for a
 * switch; they are 0 until the first answer. Connections are sampled by {@link ConnectionSampler}.
 *
 * <p>Thread safety: callable from any thread; futures complete on a switch's event loop and only
 * transform the reply. The counts map is written by poll completions and read anywhere.
 */
public final class SwitchNetworkView implements NetworkView, SwitchListener, AutoCloseable {
    /** How long after a switch connects its counts are first asked for (its applications install meanwhile). */
    static final long FIRST_COUNT_DELAY_MILLIS = 2_000;

    private final SwitchService switches;
    private final Function<Dpid, SwitchManager.SwitchCounters> counters;
    private final Supplier<Map<String, Long>> messages;
    private final HostService hosts;
    private final ConnectionSampler connections;
    private final Map<Dpid, long[]> counts = new ConcurrentHashMap<>();
    private EventScheduler events;
    private EventScheduler.Cancellable poll;

    /** The view of a launched controller: counters and message counts from its switch manager. */
    public SwitchNetworkView(SwitchManager switches, HostService hosts, ConnectionSampler connections) {
        this(switches, hosts, connections, switches::counters, () -> switches.stats().messages());
    }

    /**
     * @param counters a connected switch's PACKET_IN and ERROR counts, or null when unknown
     * @param messages OpenFlow messages controller-wide by direction and type
     */
    public SwitchNetworkView(SwitchService switches, HostService hosts, ConnectionSampler connections,
                             Function<Dpid, SwitchManager.SwitchCounters> counters,
                             Supplier<Map<String, Long>> messages) {
        this.switches = switches;
        this.hosts = hosts;
        this.connections = connections;
        this.counters = counters;
        this.messages = messages;
    }

    /**
     * Polls flow and group counts every {@code periodMillis} on {@code events}, and a switch's
     * shortly after it connects (0: never).
     */
    public void start(EventScheduler scheduler, long periodMillis) {
        if (periodMillis > 0) {
            this.events = scheduler;
            poll = scheduler.schedulePeriodic("switch flow and group counts", 0, periodMillis, this::pollCounts);
            switches.addListener(this);
        }
    }

    @Override
    public void close() {
        if (poll != null) {
            poll.cancel();
            switches.removeListener(this);
        }
    }

    @Override
    public void switchConnected(OfSwitch sw) {
        events.scheduleOnce("flow and group counts of " + sw.dpid(), FIRST_COUNT_DELAY_MILLIS, () -> {
            OfSwitch now = switches.getSwitch(sw.dpid());
            if (now != null) {
                pollCounts(now);
            }
        });
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        counts.remove(sw.dpid());
    }

    @Override
    public List<SwitchInfo> switches() {
        List<OfSwitch> list = new ArrayList<>(switches.switches());
        list.sort(Comparator.comparing(OfSwitch::dpid));
        List<SwitchInfo> out = new ArrayList<>(list.size());
        for (OfSwitch sw : list) {
            SwitchManager.SwitchCounters c = counters.apply(sw.dpid());
            long[] n = counts.getOrDefault(sw.dpid(), new long[2]);
            out.add(new SwitchInfo(sw.dpid().toString(), sw.remoteAddress(), sw.version().toString(), sw.ports().size(),
                    n[0], n[1], c == null ? 0 : c.packetIns(), c == null ? 0 : c.errors(), sw.connectedAtMillis()));
        }
        return out;
    }

    @Override
    public SwitchInfo getSwitch(String dpid) {
        Dpid id;
        try {
            id = Dpid.parse(dpid);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (SwitchInfo s : switches()) {
            if (s.dpid().equals(id.toString())) {
                return s;
            }
        }
        return null;
    }

    @Override
    public CompletableFuture<List<PortInfo>> ports(String dpid) {
        return onSwitch(dpid, sw -> switches.requestMultipart(sw.dpid(),
                sw.factory().buildPortStatsRequest().setPortNo(OFPort.ANY).build()).thenApply(r -> ports(sw, r)));
    }

    private static List<PortInfo> ports(OfSwitch sw, List<OFPortStatsReply> replies) {
        List<PortInfo> out = new ArrayList<>();
        for (OFPortStatsReply r : replies) {
            for (OFPortStatsEntry e : r.getEntries()) {
                PortDesc d = sw.port(PortNo.of(e.getPortNo()));
                out.add(new PortInfo(Integer.toUnsignedLong(e.getPortNo().getPortNumber()),
                        d == null ? OfText.port(e.getPortNo()) : d.name(), d == null ? "" : d.hwAddr().toString(),
                        d != null && d.isUp(), d == null ? 0 : d.currentSpeedKbps(), v(e.getRxPackets()),
                        v(e.getTxPackets()), v(e.getRxBytes()), v(e.getTxBytes()), v(e.getRxDropped()),
                        v(e.getTxDropped()), sum(v(e.getRxErrors()), v(e.getTxErrors()))));
            }
        }
        out.sort(Comparator.comparingLong(PortInfo::number));
        return out;
    }

    @Override
    public CompletableFuture<List<FlowInfo>> flows(String dpid) {
        return onSwitch(dpid, sw -> switches.requestMultipart(sw.dpid(), allFlows(sw.factory(), null))
                .thenApply(SwitchNetworkView::flows).thenApply(list -> {
                    count(sw.dpid(), 0, list.size());
                    return list;
                }));
    }

    private static List<FlowInfo> flows(List<OFFlowStatsReply> replies) {
        List<FlowInfo> out = new ArrayList<>();
        for (OFFlowStatsReply r : replies) {
            for (OFFlowStatsEntry e : r.getEntries()) {
                String actions = e.getVersion() == OFVersion.OF_10 ? OfText.actions(e.getActions())
                        : OfText.instructions(e.getInstructions());
                String cookie = "0x" + Long.toHexString(e.getCookie().getValue());
                out.add(new FlowInfo(e.getTableId().getValue(), e.getPriority(), cookie, OfText.match(e.getMatch()), actions, v(e.getPacketCount()), v(e.getByteCount()),
                        e.getDurationSec(), e.getIdleTimeout(), e.getHardTimeout()));
            }
        }
        out.sort(Comparator.comparingInt(FlowInfo::tableId).thenComparing(Comparator.comparingInt(FlowInfo::priority)
                .reversed()));
        return out;
    }

    /**
     * A flow statistics request for every flow of every table, or only those whose cookie
     * matches {@code cookie[0]} under the mask {@code cookie[1]} (OpenFlow 1.1+).
     */
    static OFFlowStatsRequest allFlows(OFFactory f, long[] cookie) {
        OFFlowStatsRequest.Builder b = f.buildFlowStatsRequest().setMatch(f.matchWildcardAll()).setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY);
        if (f.getVersion() != OFVersion.OF_10) {
            b.setOutGroup(OFGroup.ANY);
            if (cookie != null) {
                b.setCookie(U64.of(cookie[0])).setCookieMask(U64.of(cookie[1]));
            }
        }
        return b.build();
    }

    @Override
    public CompletableFuture<List<GroupInfo>> groups(String dpid) {
        return onSwitch(dpid, this::groups);
    }

    private CompletableFuture<List<GroupInfo>> groups(OfSwitch sw) {
        if (!sw.supportsGroups()) {
            return CompletableFuture.completedFuture(List.of());
        }
        OFFactory f = sw.factory();
        CompletableFuture<List<OFGroupDescStatsReply>> desc = switches.requestMultipart(sw.dpid(),
                f.buildGroupDescStatsRequest().build());
        CompletableFuture<List<OFGroupStatsReply>> stats = switches.requestMultipart(sw.dpid(),
                f.buildGroupStatsRequest().setGroup(OFGroup.ALL).build());
        return desc.thenCombine(stats, SwitchNetworkView::groups).thenApply(list -> {
            count(sw.dpid(), 1, list.size());
            return list;
        });
    }

    private static List<GroupInfo> groups(List<OFGroupDescStatsReply> desc, List<OFGroupStatsReply> stats) {
        Map<Integer, OFGroupStatsEntry> counters = new HashMap<>();
        for (OFGroupStatsReply r : stats) {
            for (OFGroupStatsEntry e : r.getEntries()) {
                counters.put(e.getGroup().getGroupNumber(), e);
            }
        }
        List<GroupInfo> out = new ArrayList<>();
        for (OFGroupDescStatsReply r : desc) {
            for (OFGroupDescStatsEntry e : r.getEntries()) {
                List<String> buckets = new ArrayList<>(e.getBuckets().size());
                e.getBuckets().forEach(b -> buckets.add(OfText.bucket(e.getGroupType(), b)));
                OFGroupStatsEntry c = counters.get(e.getGroup().getGroupNumber());
                out.add(new GroupInfo(Integer.toUnsignedLong(e.getGroup().getGroupNumber()),
                        OfText.groupType(e.getGroupType()), buckets, c == null ? 0 : v(c.getPacketCount()),
                        c == null ? 0 : v(c.getByteCount())));
            }
        }
        out.sort(Comparator.comparingLong(GroupInfo::groupId));
        return out;
    }

    @Override
    public List<HostInfo> hosts() {
        List<HostInfo> out = new ArrayList<>();
        for (Host h : hosts.hosts()) {
            List<String> ips = new ArrayList<>(h.ips().size());
            h.ips().forEach(ip -> ips.add(ip.toString()));
            out.add(new HostInfo(h.mac().toString(), h.vlan(), h.location().dpid().toString(),
                    Integer.toUnsignedLong(h.location().port().value()), ips, h.lastSeenMillis()));
        }
        out.sort(Comparator.comparing(HostInfo::mac));
        return out;
    }

    @Override
    public CompletableFuture<List<ConnectionInfo>> connections() {
        return connections.sample(switches);
    }

    @Override
    public Map<String, Long> openFlowMessages() {
        return messages.get();
    }

    /** Asks every switch for its flow and group counts; the answers update {@link #counts}. */
    void pollCounts() {
        counts.keySet().retainAll(switches.switches().stream().map(OfSwitch::dpid).toList());
        for (OfSwitch sw : switches.switches()) {
            pollCounts(sw);
        }
    }

    private void pollCounts(OfSwitch sw) {
        OFFactory f = sw.factory();
        Dpid dpid = sw.dpid();
        var aggregate = f.buildAggregateStatsRequest().setMatch(f.matchWildcardAll()).setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY);
        if (sw.supportsGroups()) {
            aggregate.setOutGroup(OFGroup.ANY);
            switches.requestMultipart(dpid, f.buildGroupStatsRequest().setGroup(OFGroup.ALL).build())
                    .thenAccept(r -> count(dpid, 1, r.stream().mapToLong(x -> x.getEntries().size()).sum()));
        }
        switches.requestMultipart(dpid, aggregate.build())
                .thenAccept(r -> count(dpid, 0, r.stream().mapToLong(x -> x.getFlowCount()).sum()));
    }

    private void count(Dpid dpid, int which, long value) {
        if (switches.isConnected(dpid)) {
            counts.compute(dpid, (k, old) -> {
                long[] n = old == null ? new long[2] : old.clone();
                n[which] = value;
                return n;
            });
        }
    }

    /**
     * Runs {@code request} on the connected switch named by {@code dpid}, or fails as the view's
     * contract says: {@code ValidationException} for text that is not a datapath id,
     * {@code NotFoundException} for a switch that is not connected.
     */
    private <T> CompletableFuture<T> onSwitch(String dpid, Function<OfSwitch, CompletableFuture<T>> request) {
        Dpid id;
        try {
            id = Dpid.parse(dpid);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new ValidationException("dpid", "'" + dpid
                    + "' is not a datapath id (00:00:00:00:00:00:00:01, 0x1)"));
        }
        OfSwitch sw = switches.getSwitch(id);
        if (sw == null) {
            return CompletableFuture.failedFuture(new NotFoundException("dpid", "no switch " + id + " is connected"));
        }
        return request.apply(sw);
    }

    /**
     * A counter's value. A switch sends all ones for a counter it does not keep (Open vSwitch does
     * for some port errors), which reads as -1: "not available".
     */
    static long v(U64 counter) {
        return counter.getValue();
    }

    private static long sum(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }
}
