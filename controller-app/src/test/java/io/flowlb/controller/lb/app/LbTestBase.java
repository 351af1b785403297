package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.lb.sim.Frames;
import io.flowlb.controller.lb.sim.LbSimNetwork;
import io.flowlb.controller.lb.sim.SimDatapath;
import io.flowlb.controller.lb.sim.SimHost;
import io.flowlb.controller.openflow.AppCookie;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.packet.PacketView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The common fixture of the LB application's tests: one simulated switch (Open vSwitch-like or
 * flow-switch-like) with a client on port 1 and three servers on ports 2-4, and a VIP over them.
 */
abstract class LbTestBase {
    static final int VIP = Frames.ip("10.0.0.100");
    static final VipId VIP_ID = VipId.of("v1");
    static final PoolId POOL = PoolId.of("web");

    final LbSimNetwork net = new LbSimNetwork();
    SimHost client;
    List<SimHost> servers;

    void start(boolean flowSwitch) {
        start(flowSwitch, ControllerConfig.defaults());
    }

    void start(boolean flowSwitch, ControllerConfig config) {
        net.addSwitch(1, 4, flowSwitch);
        client = net.host("client", 0x0200_0000_0001L, Frames.ip("10.0.0.1"), 1, 1);
        servers = List.of(net.host("s1", 0x0200_0000_0011L, Frames.ip("10.0.0.11"), 1, 2),
                net.host("s2", 0x0200_0000_0012L, Frames.ip("10.0.0.12"), 1, 3),
                net.host("s3", 0x0200_0000_0013L, Frames.ip("10.0.0.13"), 1, 4));
        net.start(config);
    }

    static MemberId member(int i) {
        return MemberId.of("m" + (i + 1));
    }

    /** The VIP on TCP port 80 over the three servers, listening on {@code memberPort}. */
    void configure(ForwardingMode mode, int memberPort) {
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.TCP, 80).withMode(mode).withPool(POOL),
                Pool.of(POOL), memberPort, new int[] {1, 1, 1});
    }

    void configure(Vip vip, Pool pool, int memberPort, int[] weights) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            members.add(Member.of(member(i), pool.id(), IpAddress.ofV4(servers.get(i).ip), memberPort)
                    .withWeight(weights[i]).withFailoverOrder(i));
        }
        net.lb.replaceConfig(LbConfig.of(List.of(vip), List.of(pool), members, List.of(), List.of()));
        settle();
    }

    /** A weighted pool (the configured weights count). */
    static Pool weighted() {
        return Pool.of(POOL).withAlgorithm(Algorithm.WEIGHTED);
    }

    void settle() {
        net.settle();
        clearAll();
    }

    long vmac() {
        return net.lb.config().vip(VIP_ID).effectiveMac().value();
    }

    void clearAll() {
        client.clear();
        servers.forEach(SimHost::clear);
    }

    /** The server that received the last IP packet, and the packet. */
    record Arrival(SimHost server, PacketView packet) {
    }

    Arrival arrival() {
        Arrival found = null;
        for (SimHost s : servers) {
            List<PacketView> got = s.ipPackets();
            if (!got.isEmpty()) {
                assertThat(found).as("only one server gets the packet").isNull();
                found = new Arrival(s, got.get(got.size() - 1));
            }
        }
        assertThat(found).as("some server got the packet").isNotNull();
        return found;
    }

    /** Sends one SYN from the client's port {@code sport} to the VIP; returns the server that got it (or null). */
    SimHost connect(int sport) {
        clearAll();
        net.send(client, Frames.syn(client, vmac(), VIP, sport, 80));
        for (SimHost s : servers) {
            if (!s.ipPackets().isEmpty()) {
                return s;
            }
        }
        return null;
    }

    /** How many of {@code n} new connections (source ports from {@code firstPort}) each server got. */
    Map<String, Integer> spread(int firstPort, int n) {
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < n; i++) {
            SimHost s = connect(firstPort + i);
            count.merge(s == null ? "none" : s.name, 1, Integer::sum);
        }
        return count;
    }

    /** The load balancer's flows on the switch. */
    List<SimDatapath.Flow> lbFlows() {
        List<SimDatapath.Flow> out = new ArrayList<>();
        for (SimDatapath.Flow f : net.datapath(1).flows()) {
            if (AppCookie.appOf(f.cookie()) == AppCookie.LOAD_BALANCER) {
                out.add(f);
            }
        }
        return out;
    }
}
