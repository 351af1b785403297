package io.flowlb.controller.lb.sim;

import io.flowlb.controller.Controller;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.lb.app.LoadBalancerApp;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfErrorException;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortChange;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.RecordingSwitchService;
import io.flowlb.controller.topology.ConnectPoint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.projectfloodlight.openflow.protocol.OFAggregateStatsRequest;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsEntry;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsRequest;
import org.projectfloodlight.openflow.protocol.OFBucketCounter;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFGroupModFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * A network of simulated OpenFlow 1.3 switches ({@link SimDatapath}) under the whole controller
 * (L2 forwarding, host learning, the LB application on a {@link DirectLbService}), everything on
 * the test thread: frames sent by hosts travel through flow tables and groups, table misses and
 * controller actions become PACKET_INs, the controller's FLOW_MODs, GROUP_MODs and PACKET_OUTs
 * are applied as they are sent. Tests assert where frames arrive and how they were rewritten.
 *
 * <p>A switch is either Open vSwitch-like (plain SELECT groups, no applications) or
 * flow-switch-like (groups that keep connections, {@code app-arp}/{@code app-icmp}/{@code app-rst}
 * logical ports, and a description whose manufacturer is {@code flowlb}).
 */
public final class LbSimNetwork {
    private static final int MAX_HOPS = 10_000;

    public final SimSwitches switches = new SimSwitches();
    public final ManualEventScheduler events = new ManualEventScheduler();
    public final DirectLbService lb = new DirectLbService();
    private final Map<Dpid, SimDatapath> datapaths = new LinkedHashMap<>();
    private final Map<ConnectPoint, ConnectPoint> cables = new HashMap<>();
    private final Map<ConnectPoint, SimHost> hosts = new HashMap<>();
    private final List<Runnable> pending = new ArrayList<>();
    private Controller controller;
    private int cursor;
    private int hops;
    public int packetIns;

    /** The switch service: records what is sent; answers description requests as each switch would. */
    public final class SimSwitches extends RecordingSwitchService {
        /** Confirmed batches to refuse (the switch answers an error and applies none of it). */
        public int rejectBatches;
        /** Requests for connections per SELECT bucket ({@code flowlb.select_connections}) each switch got. */
        public final Map<Dpid, Integer> connectionRequests = new HashMap<>();
        /**
         * The answer to those requests, when a test scripts it (all parts, or a failure); else
         * flow-switch answers from its groups and Open vSwitch with an error, as the real ones do.
         */
        public BiFunction<Dpid, OFBsnGenericStatsRequest, CompletableFuture<List<OFStatsReply>>> connectionAnswer;

        @Override
        public CompletableFuture<Void> sendConfirmed(Dpid dpid, List<? extends OFMessage> msgs) {
            if (rejectBatches > 0 && getSwitch(dpid) != null) {
                rejectBatches--;
                OFFactory f = getSwitch(dpid).factory();
                return CompletableFuture.failedFuture(new OfErrorException(dpid.toString(), f.errorMsgs()
                        .buildGroupModFailedErrorMsg().setCode(OFGroupModFailedCode.INVALID_GROUP).build()));
            }
            return super.sendConfirmed(dpid, msgs);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends OFStatsReply> CompletableFuture<List<R>> requestMultipart(Dpid dpid, OFStatsRequest<R> request) {
            OfSwitch sw = getSwitch(dpid);
            if (sw != null && request instanceof OFBsnGenericStatsRequest g) {
                connectionRequests.merge(dpid, 1, Integer::sum);
                CompletableFuture<?> answer = connectionAnswer != null ? connectionAnswer.apply(dpid, g)
                        : selectConnections(sw, g);
                return (CompletableFuture<List<R>>) answer;
            }
            if (sw != null && request instanceof OFGroupStatsRequest) {
                return CompletableFuture.completedFuture(List.of((R) groupStats(sw)));
            }
            if (sw != null && request instanceof OFGroupDescStatsRequest) {
                return CompletableFuture.completedFuture(List.of((R) groupDesc(sw)));
            }
            if (sw != null && request instanceof OFFlowStatsRequest) {
                return CompletableFuture.completedFuture(List.of((R) flowStats(sw)));
            }
            if (sw != null && request instanceof OFAggregateStatsRequest a) {
                long n = 0;
                for (SimDatapath.Flow fl : datapaths.get(dpid).flows()) {
                    if ((fl.cookie().getValue() & a.getCookieMask().getValue())
                            == (a.getCookie().getValue() & a.getCookieMask().getValue())) {
                        n++;
                    }
                }
                return CompletableFuture.completedFuture(List.of((R) sw.factory().buildAggregateStatsReply()
                        .setFlowCount(n).setPacketCount(U64.ZERO).setByteCount(U64.ZERO).build()));
            }
            if (sw != null && request instanceof OFPortStatsRequest) {
                return CompletableFuture.completedFuture(List.of((R) sw.factory().buildPortStatsReply().build()));
            }
            if (sw == null || !(request instanceof OFDescStatsRequest)) {
                return super.requestMultipart(dpid, request);
            }
            boolean flowSwitch = sw.port(PortNo.of(SimDatapath.APP_ARP)) != null;
            OFStatsReply reply = sw.factory().buildDescStatsReply()
                    .setMfrDesc(flowSwitch ? "flowlb" : "Nicira, Inc.")
                    .setHwDesc(flowSwitch ? "flow-switch" : "Open vSwitch").setSwDesc("test").setSerialNum("1")
                    .setDpDesc("sim").build();
            return CompletableFuture.completedFuture(List.of((R) reply));
        }
    }

    /** What flow-switch answers (BAD_EXPERIMENTER_TYPE for another name); Open vSwitch knows no BSN statistics. */
    private CompletableFuture<List<OFStatsReply>> selectConnections(OfSwitch sw, OFBsnGenericStatsRequest request) {
        OFFactory f = sw.factory();
        boolean flowSwitch = sw.port(PortNo.of(SimDatapath.APP_ARP)) != null;
        if (!flowSwitch || !request.getName().equals("flowlb.select_connections")) {
            return CompletableFuture.failedFuture(new OfErrorException(sw.dpid().toString(), f.errorMsgs()
                    .buildBadRequestErrorMsg().setCode(flowSwitch ? OFBadRequestCode.BAD_EXPERIMENTER_TYPE
                            : OFBadRequestCode.BAD_EXPERIMENTER).build()));
        }
        List<OFBsnGenericStatsEntry> entries = new ArrayList<>();
        SimDatapath d = datapaths.get(sw.dpid());
        for (int id : d.groups().keySet()) {
            long[][] c = d.bucketConnections(id);
            List<U64> values = new ArrayList<>(List.of(U64.of(id), U64.of(c.length)));
            for (long[] bucket : c) {
                values.add(U64.of(bucket[0]));
                values.add(U64.of(bucket[1]));
            }
            entries.add(f.buildBsnGenericStatsEntry().setTlvs(List.of(f.bsnTlvs().buildUint64List()
                    .setValue(values).build())).build());
        }
        return CompletableFuture.completedFuture(List.of(f.buildBsnGenericStatsReply().setEntries(entries).build()));
    }

    private OFGroupStatsReply groupStats(OfSwitch sw) {
        OFFactory f = sw.factory();
        List<OFGroupStatsEntry> entries = new ArrayList<>();
        SimDatapath d = datapaths.get(sw.dpid());
        for (int id : d.groups().keySet()) {
            List<OFBucketCounter> buckets = new ArrayList<>();
            for (long[] c : d.bucketCounters(id)) {
                buckets.add(f.buildBucketCounter().setPacketCount(U64.of(c[0])).setByteCount(U64.of(c[1])).build());
            }
            entries.add(f.buildGroupStatsEntry().setGroup(OFGroup.of(id)).setBucketStats(buckets)
                    .setPacketCount(U64.ZERO).setByteCount(U64.ZERO).build());
        }
        return f.buildGroupStatsReply().setEntries(entries).build();
    }

    private OFGroupDescStatsReply groupDesc(OfSwitch sw) {
        OFFactory f = sw.factory();
        List<OFGroupDescStatsEntry> entries = new ArrayList<>();
        for (SimDatapath.Group g : datapaths.get(sw.dpid()).groups().values()) {
            entries.add(f.buildGroupDescStatsEntry().setGroup(OFGroup.of(g.id())).setGroupType(OFGroupType.SELECT)
                    .setBuckets(g.buckets()).build());
        }
        return f.buildGroupDescStatsReply().setEntries(entries).build();
    }

    private OFFlowStatsReply flowStats(OfSwitch sw) {
        OFFactory f = sw.factory();
        List<OFFlowStatsEntry> entries = new ArrayList<>();
        for (SimDatapath.Flow fl : datapaths.get(sw.dpid()).flows()) {
            entries.add(f.buildFlowStatsEntry().setTableId(TableId.of(fl.table())).setPriority(fl.priority())
                    .setMatch(fl.match()).setInstructions(fl.instructions()).setCookie(fl.cookie())
                    .setIdleTimeout(fl.idleTimeout()).setPacketCount(U64.ZERO).setByteCount(U64.ZERO).build());
        }
        return f.buildFlowStatsReply().setEntries(entries).build();
    }

    /** Adds an OpenFlow 1.3 switch with ports 1..{@code ports}; {@code flowSwitch} picks its kind. */
    public OfSwitch addSwitch(long dpid, int ports, boolean flowSwitch) {
        Map<PortNo, PortDesc> map = new LinkedHashMap<>();
        for (int p = 1; p <= ports; p++) {
            map.put(PortNo.of(p), new PortDesc(PortNo.of(p), "s" + dpid + "-eth" + p,
                    MacAddress.of(0x0200_0000_0000L | (dpid & 0xff) << 8 | p), true, true, false, 10_000_000));
        }
        if (flowSwitch) {
            app(map, SimDatapath.APP_ARP, "app-arp");
            app(map, SimDatapath.APP_ICMP, "app-icmp");
            app(map, SimDatapath.APP_RST, "app-rst");
        }
        OfSwitch sw = new OfSwitch(Dpid.of(dpid), OFVersion.OF_13, dpid, 0, 254, EnumSet.noneOf(OFCapabilities.class),
                map, "sim", 0);
        switches.put(sw);
        datapaths.put(sw.dpid(), new SimDatapath(flowSwitch, flowSwitch));
        return sw;
    }

    private static void app(Map<PortNo, PortDesc> map, int no, String name) {
        map.put(PortNo.of(no), new PortDesc(PortNo.of(no), name, MacAddress.of(0x0200_0000_0000L | no), true, true,
                true, 0));
    }

    public SimHost host(String name, long mac, int ip, long dpid, int port) {
        SimHost h = new SimHost(name, mac, ip, ConnectPoint.of(Dpid.of(dpid), PortNo.of(port)));
        hosts.put(h.at, h);
        return h;
    }

    public void cable(long a, int pa, long b, int pb) {
        ConnectPoint x = ConnectPoint.of(Dpid.of(a), PortNo.of(pa));
        ConnectPoint y = ConnectPoint.of(Dpid.of(b), PortNo.of(pb));
        cables.put(x, y);
        cables.put(y, x);
    }

    /** Builds the controller with the load balancer and connects every switch. */
    public Controller start(ControllerConfig config) {
        controller = new Controller(config, switches, events);
        controller.startLoadBalancer(lb);
        for (Dpid dpid : datapaths.keySet()) {
            connect(dpid);
        }
        return controller;
    }

    public Controller start() {
        return start(ControllerConfig.defaults());
    }

    public Controller controller() {
        return controller;
    }

    public LoadBalancerApp app() {
        return controller.loadBalancer();
    }

    /** The switch (re)connects: its tables are wiped and the miss flows installed, as the handshake does. */
    public void connect(Dpid dpid) {
        OfSwitch sw = switches.getSwitch(dpid);
        SimDatapath old = datapaths.get(dpid);
        boolean flowSwitch = sw.port(PortNo.of(SimDatapath.APP_ARP)) != null;
        SimDatapath d = new SimDatapath(flowSwitch, flowSwitch);
        datapaths.put(dpid, d);
        OFFactory f = sw.factory();
        d.apply(f.buildFlowAdd().setTableId(TableId.of(0)).setPriority(0).setCookie(U64.of(0x5345L << 48))
                .setMatch(f.matchWildcardAll()).setInstructions(List.of(f.instructions().gotoTable(TableId.of(1))))
                .build());
        d.apply(f.buildFlowAdd().setTableId(TableId.of(1)).setPriority(0).setCookie(U64.of(0x5345L << 48))
                .setMatch(f.matchWildcardAll()).setActions(List.of(f.actions().output(OFPort.CONTROLLER, 0xffff)))
                .build());
        if (old != null) {
            cursor = switches.sent().size();
        }
        switches.fireConnected(dpid);
        runPending();
    }

    /** The switch disconnects (its flows stay in the simulated table until it reconnects). */
    public void disconnect(Dpid dpid) {
        OfSwitch sw = switches.getSwitch(dpid);
        switches.fireDisconnected(dpid);
        switches.put(sw);
    }

    public SimDatapath datapath(long dpid) {
        return datapaths.get(Dpid.of(dpid));
    }

    /** A host sends a frame. */
    public void send(SimHost from, byte[] frame) {
        hops = 0;
        arrive(from.at, frame);
        runPending();
    }

    /** Moves the clock (timers run: probes, expiry). */
    public void advance(long millis) {
        events.advance(millis);
        runPending();
    }

    /** Applies what the controller sent since the last call. */
    public void drain() {
        List<RecordingSwitchService.Sent> sent = switches.sent();
        while (cursor < sent.size()) {
            RecordingSwitchService.Sent s = sent.get(cursor++);
            SimDatapath d = datapaths.get(s.dpid());
            if (s.msg() instanceof OFFlowMod || s.msg() instanceof OFGroupMod) {
                d.apply(s.msg());
            } else if (s.msg() instanceof OFPacketOut po) {
                int in = po.getInPort().getPortNumber();
                Dpid dpid = s.dpid();
                pending.add(() -> d.actions(po.getActions(), in, po.getData().clone(), sink(dpid), 0, U64.ZERO));
            }
        }
    }

    /** Applies what the controller sent and lets every frame it caused travel (after a config change). */
    public void settle() {
        runPending();
    }

    private void runPending() {
        drain();
        while (!pending.isEmpty()) {
            pending.remove(0).run();
            drain();
        }
    }

    private SimDatapath.Sink sink(Dpid dpid) {
        return new SimDatapath.Sink() {
            @Override
            public void output(int port, byte[] frame) {
                emit(ConnectPoint.of(dpid, PortNo.of(port)), frame);
            }

            @Override
            public void flood(int inPort, byte[] frame) {
                for (PortNo p : switches.getSwitch(dpid).ports().keySet()) {
                    if (p.value() != inPort && p.value() < 0xfe00) {
                        emit(ConnectPoint.of(dpid, p), frame.clone());
                    }
                }
            }

            @Override
            public void packetIn(int inPort, byte[] frame, int table, U64 cookie, OFPacketInReason reason) {
                toController(dpid, inPort, frame, table, cookie, reason);
            }
        };
    }

    private void arrive(ConnectPoint at, byte[] frame) {
        if (++hops > MAX_HOPS) {
            throw new AssertionError("packet storm: more than " + MAX_HOPS + " hops");
        }
        SimDatapath d = datapaths.get(at.dpid());
        if (d != null && switches.getSwitch(at.dpid()) != null) {
            d.receive(at.port().value(), frame, sink(at.dpid()));
        }
    }

    private void toController(Dpid dpid, int inPort, byte[] frame, int table, U64 cookie, OFPacketInReason reason) {
        packetIns++;
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        OFPacketIn pi = f.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setReason(reason)
                .setTableId(TableId.of(table)).setCookie(cookie).setData(frame).setTotalLen(frame.length)
                .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build()).build();
        switches.receive(dpid, pi);
        drain();
    }

    private void emit(ConnectPoint out, byte[] frame) {
        ConnectPoint peer = cables.get(out);
        if (peer != null) {
            arrive(peer, frame);
            return;
        }
        SimHost h = hosts.get(out);
        if (h != null) {
            byte[] answer = h.deliver(frame);
            if (answer != null) {
                ConnectPoint from = h.at;
                pending.add(() -> arrive(from, answer));
            }
        }
    }

    /** A port goes down (or up): the switch reports it and its liveness changes. */
    public void portDown(long dpid, int port, boolean down) {
        OfSwitch sw = switches.getSwitch(Dpid.of(dpid));
        PortDesc p = sw.port(PortNo.of(port));
        datapaths.get(sw.dpid()).portDown(port, down);
        switches.firePortChanged(sw.dpid(), new PortDesc(p.number(), p.name(), p.hwAddr(), !down, true, false,
                p.currentSpeedKbps()), PortChange.MODIFIED);
        runPending();
    }
}
