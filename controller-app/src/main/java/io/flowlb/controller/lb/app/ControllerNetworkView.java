package io.flowlb.controller.lb.app;

import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostService;
import io.flowlb.controller.view.NetworkView;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.types.IPAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;

/**
 * The {@link NetworkView} over the OpenFlow core: switches from the switch service, ports, flows
 * and groups read from the switch with statistics requests when asked, hosts from host learning,
 * connections from the load balancer (those its reactive installer tracks; switches that keep
 * connections in their groups do not export them over OpenFlow).
 *
 * <p>The flow and group counts of {@link #switches()} are those of the last flow or group
 * listing of the switch, or of the LB application's statistics poll.
 *
 * <p>Thread safety: callable from any thread; futures complete on Netty's or the LB control
 * thread.
 */
public final class ControllerNetworkView implements NetworkView {
    private final SwitchService switches;
    private final HostService hosts;
    private final LbService lb;
    private final LoadBalancerApp app;
    private final Supplier<Map<String, Long>> messages;
    private final Map<Dpid, long[]> counts = new ConcurrentHashMap<>();

    /**
     * @param messages OpenFlow message counters controller-wide (the switch manager's), or an
     *                 empty map supplier
     */
    public ControllerNetworkView(SwitchService switches, HostService hosts, LbService lb, LoadBalancerApp app,
                                 Supplier<Map<String, Long>> messages) {
        this.switches = switches;
        this.hosts = hosts;
        this.lb = lb;
        this.app = app;
        this.messages = messages;
    }

    @Override
    public List<SwitchInfo> switches() {
        List<OfSwitch> all = new ArrayList<>(switches.switches());
        all.sort((a, b) -> a.dpid().compareTo(b.dpid()));
        List<SwitchInfo> out = new ArrayList<>(all.size());
        for (OfSwitch sw : all) {
            long[] c = counts.getOrDefault(sw.dpid(), new long[2]);
            out.add(new SwitchInfo(sw.dpid().toString(), sw.remoteAddress(), sw.version().toString(), sw.ports().size(),
                    c[0], c[1], 0, 0, sw.connectedAtMillis()));
        }
        return out;
    }

    @Override
    public CompletableFuture<List<PortInfo>> ports(String dpid) {
        return onSwitch(dpid, this::ports);
    }

    private CompletableFuture<List<PortInfo>> ports(OfSwitch sw) {
        return switches.requestMultipart(sw.dpid(), sw.factory().buildPortStatsRequest().setPortNo(OFPort.ANY).build())
                .thenApply(parts -> {
                    Map<PortNo, OFPortStatsEntry> stats = new HashMap<>();
                    for (OFPortStatsReply r : parts) {
                        r.getEntries().forEach(e -> stats.put(PortNo.of(e.getPortNo()), e));
                    }
                    List<PortInfo> out = new ArrayList<>();
                    for (PortDesc p : sw.portList()) {
                        OFPortStatsEntry e = stats.get(p.number());
                        out.add(e == null ? new PortInfo(Integer.toUnsignedLong(p.number().value()), p.name(),
                                String.valueOf(p.hwAddr()), p.isUp(), p.currentSpeedKbps(), 0, 0, 0, 0, 0, 0, 0)
                                : new PortInfo(Integer.toUnsignedLong(p.number().value()), p.name(),
                                String.valueOf(p.hwAddr()), p.isUp(), p.currentSpeedKbps(), e.getRxPackets().getValue(),
                                e.getTxPackets().getValue(), e.getRxBytes().getValue(), e.getTxBytes().getValue(),
                                e.getRxDropped().getValue(), e.getTxDropped().getValue(),
                                e.getRxErrors().getValue() + e.getTxErrors().getValue()));
                    }
                    return out;
                });
    }

    @Override
    public CompletableFuture<List<FlowInfo>> flows(String dpid) {
        return onSwitch(dpid, this::flows);
    }

    private CompletableFuture<List<FlowInfo>> flows(OfSwitch sw) {
        return switches.requestMultipart(sw.dpid(), sw.factory().buildFlowStatsRequest().setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY).setMatch(sw.factory().matchWildcardAll()).build())
                .thenApply(parts -> {
                    List<FlowInfo> out = new ArrayList<>();
                    for (OFFlowStatsReply r : parts) {
                        for (OFFlowStatsEntry e : r.getEntries()) {
                            out.add(new FlowInfo(e.getTableId().getValue(), e.getPriority(),
                                    "0x" + Long.toHexString(e.getCookie().getValue()), OfText.match(e.getMatch()),
                                    OfText.instructions(e.getInstructions()), e.getPacketCount().getValue(),
                                    e.getByteCount().getValue(), e.getDurationSec(), e.getIdleTimeout(),
                                    e.getHardTimeout()));
                        }
                    }
                    counts.computeIfAbsent(sw.dpid(), k -> new long[2])[0] = out.size();
                    return out;
                });
    }

    @Override
    public CompletableFuture<List<GroupInfo>> groups(String dpid) {
        return onSwitch(dpid, this::groups);
    }

    private CompletableFuture<List<GroupInfo>> groups(OfSwitch sw) {
        CompletableFuture<List<OFGroupDescStatsReply>> desc = switches.requestMultipart(sw.dpid(),
                sw.factory().buildGroupDescStatsRequest().build());
        CompletableFuture<List<OFGroupStatsReply>> stats = switches.requestMultipart(sw.dpid(),
                sw.factory().buildGroupStatsRequest().setGroup(OFGroup.ALL).build());
        return desc.thenCombine(stats, (d, s) -> {
            Map<Integer, OFGroupStatsEntry> byId = new HashMap<>();
            s.forEach(r -> r.getEntries().forEach(e -> byId.put(e.getGroup().getGroupNumber(), e)));
            List<GroupInfo> out = new ArrayList<>();
            for (OFGroupDescStatsReply r : d) {
                for (OFGroupDescStatsEntry e : r.getEntries()) {
                    List<String> buckets = new ArrayList<>();
                    for (OFBucket b : e.getBuckets()) {
                        buckets.add(OfText.bucket(b));
                    }
                    OFGroupStatsEntry st = byId.get(e.getGroup().getGroupNumber());
                    out.add(new GroupInfo(Integer.toUnsignedLong(e.getGroup().getGroupNumber()),
                            e.getGroupType().toString().toLowerCase(java.util.Locale.ROOT), buckets,
                            st == null ? 0 : st.getPacketCount().getValue(),
                            st == null ? 0 : st.getByteCount().getValue()));
                }
            }
            counts.computeIfAbsent(sw.dpid(), k -> new long[2])[1] = out.size();
            return out;
        });
    }

    @Override
    public List<HostInfo> hosts() {
        List<HostInfo> out = new ArrayList<>();
        for (Host h : hosts.hosts()) {
            List<String> ips = new ArrayList<>();
            for (IPAddress<?> ip : h.ips()) {
                ips.add(ip.toString());
            }
            out.add(new HostInfo(h.mac().toString(), h.vlan(), h.location().dpid().toString(),
                    Integer.toUnsignedLong(h.location().port().value()), ips, h.lastSeenMillis()));
        }
        out.sort((a, b) -> a.mac().compareTo(b.mac()));
        return out;
    }

    @Override
    public CompletableFuture<List<ConnectionInfo>> connections() {
        return lb.submit(() -> app.connectionSample(1000));
    }

    @Override
    public Map<String, Long> openFlowMessages() {
        return messages.get();
    }

    /** Runs a request on a connected switch, or fails with the model exception naming {@code dpid}. */
    private <T> CompletableFuture<T> onSwitch(String dpid, Function<OfSwitch, CompletableFuture<T>> request) {
        try {
            return request.apply(connected(dpid));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private OfSwitch connected(String text) {
        Dpid dpid;
        try {
            dpid = Dpid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("dpid", e.getMessage());
        }
        OfSwitch sw = switches.getSwitch(dpid);
        if (sw == null) {
            throw new NotFoundException("dpid", "no switch " + text + " is connected");
        }
        return sw;
    }
}
