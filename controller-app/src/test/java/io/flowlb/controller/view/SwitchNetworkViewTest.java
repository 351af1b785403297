package io.flowlb.controller.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.openflow.AppCookie;
import io.flowlb.controller.openflow.FakeSwitch;
import io.flowlb.controller.openflow.SessionConfig;
import io.flowlb.controller.openflow.SwitchManager;
import io.flowlb.controller.packet.PacketIns;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostServiceAdapter;
import io.flowlb.controller.view.NetworkView.ConnectionInfo;
import io.flowlb.controller.view.NetworkView.FlowInfo;
import io.flowlb.controller.view.NetworkView.GroupInfo;
import io.flowlb.controller.view.NetworkView.PortInfo;
import io.flowlb.controller.view.NetworkView.SwitchInfo;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.ValidationException;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFAggregateStatsRequest;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/** The network view against switches at the far end of the controller's real OpenFlow pipeline. */
class SwitchNetworkViewTest {
    private final ManualEventScheduler events = new ManualEventScheduler();
    private final SwitchManager manager = new SwitchManager(events, SessionConfig.defaults(), 100);
    private final LbConfig lb = LbConfig.of(
            List.of(Vip.of(VipId.of("web"), IpAddress.parse("10.0.0.100"), Protocol.TCP, 80).withPool(PoolId.of("p"))),
            List.of(Pool.of(PoolId.of("p"))),
            List.of(Member.of(MemberId.of("m1"), PoolId.of("p"), IpAddress.parse("10.0.0.1"), 8080),
                    Member.of(MemberId.of("m2"), PoolId.of("p"), IpAddress.parse("10.0.0.2"), 80)),
            List.of(), List.of());
    private final HostServiceAdapter hosts = new HostServiceAdapter() {
        private final Host h2 = new Host(MacAddress.of("02:00:00:00:00:02"), -1,
                ConnectPoint.of(Dpid.of(1), PortNo.of(2)), Set.of(IPv4Address.of("10.0.0.2")), 1000, 2000);

        @Override
        public Collection<Host> hosts() {
            return List.of(h2);
        }

        @Override
        public Host host(MacAddress mac) {
            return mac.equals(h2.mac()) ? h2 : null;
        }
    };
    private final SwitchNetworkView view = new SwitchNetworkView(manager, hosts, new ConnectionSampler(() -> lb,
            hosts, 100));

    private FakeSwitch connect(OFVersion version, long dpid) {
        FakeSwitch s = new FakeSwitch(manager, version, dpid, 1, 2).connect();
        s.clearReceived();
        return s;
    }

    /** Answers every request of {@code type} the controller has sent that is not answered yet. */
    private static <T extends OFMessage> void answer(FakeSwitch s, Class<T> type, Function<T, OFMessage> reply) {
        s.pump();
        for (T request : s.received(type)) {
            s.send(reply.apply(request));
        }
        s.received().removeIf(type::isInstance);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        assertThat(f).isDone();
        return f.get();
    }

    private static OFFlowStatsEntry.Builder entry(FakeSwitch s, int priority, Match match, long cookie) {
        return s.factory.buildFlowStatsEntry().setTableId(TableId.of(0)).setPriority(priority).setMatch(match)
                .setCookie(U64.of(cookie)).setPacketCount(U64.of(5)).setByteCount(U64.of(500)).setDurationSec(3);
    }

    @Test
    void listsSwitchesWithPolledFlowAndGroupCountsAndTheirPacketIns() {
        FakeSwitch a = connect(OFVersion.OF_13, 2);
        FakeSwitch old = connect(OFVersion.OF_10, 1);
        a.send(PacketIns.packetIn(manager.getSwitch(a.dpid), 1, new byte[60]));

        view.pollCounts();
        answer(a, OFAggregateStatsRequest.class, r -> a.factory.buildAggregateStatsReply().setXid(r.getXid())
                .setFlowCount(12).build());
        answer(a, OFGroupStatsRequest.class, r -> a.factory.buildGroupStatsReply().setXid(r.getXid()).setEntries(
                List.of(a.factory.buildGroupStatsEntry().setGroup(OFGroup.of(1)).build())).build());
        answer(old, OFAggregateStatsRequest.class, r -> old.factory.buildAggregateStatsReply().setXid(r.getXid())
                .setFlowCount(3).build());

        List<SwitchInfo> list = view.switches();
        assertThat(list).extracting(SwitchInfo::dpid).containsExactly("00:00:00:00:00:00:00:01",
                "00:00:00:00:00:00:00:02");
        SwitchInfo s2 = list.get(1);
        assertThat(s2.version()).isEqualTo("OF_13");
        assertThat(s2.ports()).isEqualTo(2);
        assertThat(s2.flows()).isEqualTo(12);
        assertThat(s2.groups()).isEqualTo(1);
        assertThat(s2.packetIns()).isEqualTo(1);
        assertThat(list.get(0).flows()).isEqualTo(3);
        assertThat(old.received(OFGroupStatsRequest.class)).as("no group request to an OpenFlow 1.0 switch").isEmpty();
        assertThat(view.getSwitch("0x2")).isEqualTo(s2);
        assertThat(view.openFlowMessages()).containsEntry("in/packet_in", 1L).containsKey("out/stats_request");
    }

    @Test
    void aSwitchsCountsAreAskedForSoonAfterItConnectsAndEveryListingUpdatesThem() throws Exception {
        view.start(events, 60_000);
        events.advance(1);
        FakeSwitch s = connect(OFVersion.OF_13, 1);
        events.advance(SwitchNetworkView.FIRST_COUNT_DELAY_MILLIS);
        answer(s, OFAggregateStatsRequest.class, r -> s.factory.buildAggregateStatsReply().setXid(r.getXid())
                .setFlowCount(4).build());
        answer(s, OFGroupStatsRequest.class, r -> s.factory.buildGroupStatsReply().setXid(r.getXid()).build());
        assertThat(view.switches().get(0).flows()).isEqualTo(4);

        CompletableFuture<List<FlowInfo>> f = view.flows("1");
        answer(s, OFFlowStatsRequest.class, r -> s.factory.buildFlowStatsReply().setXid(r.getXid()).setEntries(List.of(
                entry(s, 0, s.factory.matchWildcardAll(), 0).build())).build());
        get(f);

        assertThat(view.switches().get(0).flows()).as("the listing's count").isEqualTo(1);
        view.close();
    }

    @Test
    void flowsAreRenderedAsOvsOfctlPrintsThemHighestPriorityFirst() throws Exception {
        FakeSwitch s = connect(OFVersion.OF_13, 1);
        CompletableFuture<List<FlowInfo>> f = view.flows("00:00:00:00:00:00:00:01");
        Match vip = s.factory.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IPV4_DST, IPv4Address.of("10.0.0.100")).build();
        answer(s, OFFlowStatsRequest.class, r -> s.factory.buildFlowStatsReply().setXid(r.getXid()).setEntries(List.of(
                entry(s, 0, s.factory.matchWildcardAll(), 0).setInstructions(List.of(s.factory.instructions()
                        .applyActions(List.of(s.factory.actions().output(OFPort.CONTROLLER, 0xffff))))).build(),
                entry(s, 100, vip, 0x4c42_0000_0000_0001L).setIdleTimeout(30).setInstructions(List.of(s.factory
                        .instructions().applyActions(List.of(s.factory.actions().group(OFGroup.of(3)))))).build()))
                .build());

        List<FlowInfo> flows = get(f);

        assertThat(flows).containsExactly(
                new FlowInfo(0, 100, "0x4c42000000000001", "ip,nw_dst=10.0.0.100", "group:3", 5, 500, 3, 30, 0),
                new FlowInfo(0, 0, "0x0", "", "CONTROLLER:65535", 5, 500, 3, 0, 0));
    }

    @Test
    void groupsCarryTheirBucketsAndCounters() throws Exception {
        FakeSwitch s = connect(OFVersion.OF_13, 1);
        CompletableFuture<List<GroupInfo>> f = view.groups("1");
        answer(s, OFGroupDescStatsRequest.class, r -> s.factory.buildGroupDescStatsReply().setXid(r.getXid())
                .setEntries(List.of(s.factory.buildGroupDescStatsEntry().setGroup(OFGroup.of(3))
                        .setGroupType(OFGroupType.SELECT).setBuckets(List.of(s.factory.buildBucket().setWeight(2)
                                .setWatchPort(OFPort.ANY).setWatchGroup(OFGroup.ANY)
                                .setActions(List.of(s.factory.actions().output(OFPort.of(1), 0))).build())).build()))
                .build());
        answer(s, OFGroupStatsRequest.class, r -> s.factory.buildGroupStatsReply().setXid(r.getXid()).setEntries(
                List.of(s.factory.buildGroupStatsEntry().setGroup(OFGroup.of(3)).setPacketCount(U64.of(9))
                        .setByteCount(U64.of(900)).build())).build());

        assertThat(get(f)).containsExactly(new GroupInfo(3, "select", List.of("weight:2,actions=output:1"), 9, 900));
    }

    @Test
    void portsCombineCountersWithTheDescriptionsFromTheHandshake() throws Exception {
        FakeSwitch s = connect(OFVersion.OF_13, 1);
        CompletableFuture<List<PortInfo>> f = view.ports("00:00:00:00:00:00:00:01");
        answer(s, OFPortStatsRequest.class, r -> s.factory.buildPortStatsReply().setXid(r.getXid()).setEntries(List.of(
                s.factory.buildPortStatsEntry().setPortNo(OFPort.of(2)).setRxPackets(U64.of(10))
                        .setTxPackets(U64.of(20)).setRxErrors(U64.of(1)).setTxErrors(U64.of(2)).build(),
                s.factory.buildPortStatsEntry().setPortNo(OFPort.of(1)).setRxErrors(U64.NO_MASK).build())).build());

        List<PortInfo> ports = get(f);

        assertThat(ports).extracting(PortInfo::number).containsExactly(1L, 2L);
        PortInfo p2 = ports.get(1);
        assertThat(p2.name()).isEqualTo("veth2");
        assertThat(p2.up()).isTrue();
        assertThat(p2.rxPackets()).isEqualTo(10);
        assertThat(p2.errors()).isEqualTo(3);
        assertThat(ports.get(0).errors()).as("a counter the switch does not keep").isEqualTo(-1);
    }

    @Test
    void anUnknownOrMalformedSwitchFailsWithTheFieldNamed() {
        assertThat(view.flows("00:00:00:00:00:00:00:09")).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(NotFoundException.class);
        assertThat(view.ports("switch-one")).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(ValidationException.class);
        assertThat(view.getSwitch("switch-one")).isNull();
    }

    @Test
    void hostsShowWhereEachMacIsAndItsAddresses() {
        assertThat(view.hosts()).containsExactly(new NetworkView.HostInfo("02:00:00:00:00:02", -1,
                "00:00:00:00:00:00:00:01", 2, List.of("10.0.0.2"), 2000));
    }

    @Test
    void connectionsAreTheReactiveForwardFlowsWithTheirMember() throws Exception {
        FakeSwitch s = connect(OFVersion.OF_13, 1);
        CompletableFuture<List<ConnectionInfo>> f = view.connections();
        long connection = AppCookie.of(AppCookie.LOAD_BALANCER, (8L << 40) | 77).getValue();
        Match fromClient = s.factory.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP).setExact(MatchField.IPV4_SRC, IPv4Address.of("10.0.0.9"))
                .setExact(MatchField.IPV4_DST, IPv4Address.of("10.0.0.100")).setExact(MatchField.TCP_SRC,
                        TransportPort.of(40000)).setExact(MatchField.TCP_DST, TransportPort.of(80)).build();
        Match fromMember = s.factory.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP).setExact(MatchField.IPV4_SRC, IPv4Address.of("10.0.0.1"))
                .setExact(MatchField.IPV4_DST, IPv4Address.of("10.0.0.9")).build();
        var nat = s.factory.instructions().applyActions(List.of(
                s.factory.actions().setField(s.factory.oxms().ipv4Dst(IPv4Address.of("10.0.0.1"))),
                s.factory.actions().setField(s.factory.oxms().tcpDst(TransportPort.of(8080))),
                s.factory.actions().output(OFPort.of(1), 0)));
        var dsr = s.factory.instructions().applyActions(List.of(
                s.factory.actions().setField(s.factory.oxms().ethDst(MacAddress.of("02:00:00:00:00:02"))),
                s.factory.actions().output(OFPort.of(2), 0)));
        answer(s, OFFlowStatsRequest.class, r -> s.factory.buildFlowStatsReply().setXid(r.getXid()).setEntries(List.of(
                entry(s, 300, fromClient, connection).setInstructions(List.of(nat)).build(),
                entry(s, 300, fromClient, connection).setInstructions(List.of(dsr)).build(),
                entry(s, 300, fromMember, connection).setInstructions(List.of()).build(),
                entry(s, 100, fromClient, 0).setInstructions(List.of(nat)).build())).build());

        List<ConnectionInfo> c = get(f);

        assertThat(c).containsExactly(
                new ConnectionInfo("00:00:00:00:00:00:00:01", "tcp", "10.0.0.9:40000", "10.0.0.100:80",
                        "m1", 5, 500, 3000),
                new ConnectionInfo("00:00:00:00:00:00:00:01", "tcp", "10.0.0.9:40000", "10.0.0.100:80",
                        "m2", 5, 500, 3000));
    }

    @Test
    void connectionSampleAsksOnlyForConnectionFlows() {
        FakeSwitch s = connect(OFVersion.OF_13, 1);
        view.connections();
        s.pump();

        OFFlowStatsRequest r = s.received(OFFlowStatsRequest.class).get(0);
        assertThat(r.getCookie().getValue()).isEqualTo(ConnectionSampler.CONNECTION_COOKIE);
        assertThat(r.getCookieMask().getValue()).isEqualTo(ConnectionSampler.KIND_MASK);
    }
}
