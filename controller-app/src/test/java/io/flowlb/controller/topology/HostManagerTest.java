package io.flowlb.controller.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortChange;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.RecordingSwitchService;
import io.flowlb.controller.packet.Frames;
import io.flowlb.controller.packet.Ndp;
import io.flowlb.controller.packet.PacketIns;
import io.flowlb.controller.packet.PacketManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.MacAddress;

class HostManagerTest {
    private static final long H1 = 0x0200_0000_0001L;
    private static final long H2 = 0x0200_0000_0002L;
    private static final long ROUTER = 0x0200_0000_00feL;
    private static final long TIMEOUT = 60_000;

    private final ManualEventScheduler events = new ManualEventScheduler();
    private final RecordingSwitchService switches = new RecordingSwitchService();
    private final PacketManager packets = new PacketManager(switches, events);
    private final TopologyManager topology = new TopologyManager(switches);
    private final HostManager hosts = new HostManager(topology, events, TIMEOUT, 3);
    private final OfSwitch s1 = switches.addSwitch(1, OFVersion.OF_13, 4);
    private final OfSwitch s2 = switches.addSwitch(2, OFVersion.OF_13, 4);
    private final List<String> events_ = new ArrayList<>();

    HostManagerTest() {
        hosts.start(packets, switches);
        switches.fireConnected(s1.dpid());
        switches.fireConnected(s2.dpid());
        hosts.addListener(new HostListener() {
            @Override
            public void hostAdded(Host host) {
                events_.add("added " + host.mac());
            }

            @Override
            public void hostMoved(Host previous, Host now) {
                events_.add("moved " + now.mac() + " to " + now.location());
            }

            @Override
            public void hostRemoved(Host host) {
                events_.add("removed " + host.mac());
            }
        });
    }

    private void from(OfSwitch sw, int port, byte[] frame) {
        switches.receive(sw.dpid(), PacketIns.packetIn(sw, port, frame));
    }

    private static byte[] arpFrom(long mac, int ip) {
        return Frames.arp(1, mac, ip, 0, Frames.ip(10, 0, 0, 254));
    }

    @Test
    void reservedMacsAreNotHostsAndReservedIpsAreNotBoundToHosts() {
        long virtualMac = 0x0200_0000_00aaL;
        IPv4Address vip = IPv4Address.of("10.0.0.100");
        hosts.reserve(new ReservedAddresses() {
            @Override
            public boolean isReservedMac(long mac) {
                return mac == virtualMac;
            }

            @Override
            public boolean isReservedIp(org.projectfloodlight.openflow.types.IPAddress<?> ip) {
                return ip.equals(vip);
            }
        });

        from(s1, 1, Frames.ipv4Udp(H2, virtualMac, vip.getInt(), Frames.ip(10, 0, 0, 2)));
        from(s1, 2, Frames.ipv4Udp(H2, H1, vip.getInt(), Frames.ip(10, 0, 0, 2)));

        assertThat(hosts.host(MacAddress.of(virtualMac))).isNull();
        assertThat(hosts.host(MacAddress.of(H1)).ips()).isEmpty();
        assertThat(hosts.hostByIp(vip)).isNull();
    }

    @Test
    void learnsMacLocationAndIpFromArp() {
        from(s1, 2, arpFrom(H1, Frames.ip(10, 0, 0, 1)));

        Host h = hosts.host(MacAddress.of(H1));
        assertThat(h.location()).isEqualTo(ConnectPoint.of(s1.dpid(), PortNo.of(2)));
        assertThat(h.ips()).containsExactly(IPv4Address.of("10.0.0.1"));
        assertThat(hosts.hostByIp(IPv4Address.of("10.0.0.1"))).isEqualTo(h);
        assertThat(hosts.hostsAt(h.location())).containsExactly(h);
        assertThat(events_).containsExactly("added 02:00:00:00:00:01");
    }

    @Test
    void hostSeenOnAnotherEdgePortHasMoved() {
        from(s1, 2, arpFrom(H1, Frames.ip(10, 0, 0, 1)));
        from(s2, 3, Frames.ipv4Udp(H2, H1, Frames.ip(10, 0, 0, 1), Frames.ip(10, 0, 0, 2)));

        Host h = hosts.host(MacAddress.of(H1));
        assertThat(h.location()).isEqualTo(ConnectPoint.of(s2.dpid(), PortNo.of(3)));
        assertThat(h.ips()).containsExactly(IPv4Address.of("10.0.0.1"));
        assertThat(events_).containsExactly("added 02:00:00:00:00:01",
                "moved 02:00:00:00:00:01 to 00:00:00:00:00:00:00:02/3");
    }

    @Test
    void arpMovesAnIpToANewMacButDataPacketsDoNot() {
        from(s1, 2, arpFrom(H1, Frames.ip(10, 0, 0, 1)));
        from(s1, 3, Frames.ipv4Udp(H1, H2, Frames.ip(10, 0, 0, 1), Frames.ip(10, 0, 0, 9)));
        assertThat(hosts.hostByIp(IPv4Address.of("10.0.0.1")).mac()).isEqualTo(MacAddress.of(H1));

        from(s1, 3, arpFrom(H2, Frames.ip(10, 0, 0, 1)));

        assertThat(hosts.hostByIp(IPv4Address.of("10.0.0.1")).mac()).isEqualTo(MacAddress.of(H2));
        assertThat(hosts.host(MacAddress.of(H1)).ips()).isEmpty();
    }

    @Test
    void routerForwardingManyNetworksIsNotCreditedWithEveryAddress() {
        for (int i = 1; i <= 10; i++) {
            from(s1, 4, Frames.ipv4Udp(H1, ROUTER, Frames.ip(192, 168, i, 1), Frames.ip(10, 0, 0, 1)));
        }

        assertThat(hosts.host(MacAddress.of(ROUTER)).ips()).hasSize(3);
    }

    @Test
    void learnsIpv6FromNeighborAdvertisementTarget() {
        IPv6Address global = IPv6Address.of("2001:db8::7");
        from(s1, 1, Frames.ndp(Ndp.NEIGHBOR_ADVERTISEMENT, H1, 0x3333_0000_0001L, 0xfe80L << 48, 7,
                0x2001_0db8L << 32, 7));

        assertThat(hosts.hostByIp(global).mac()).isEqualTo(MacAddress.of(H1));
    }

    @Test
    void hostsAreNotLearnedOnPortsThatCarryLinks() {
        topology.linkAdded(new Link(ConnectPoint.of(s1.dpid(), PortNo.of(4)), ConnectPoint.of(s2.dpid(), PortNo.of(4))));
        from(s2, 4, arpFrom(H1, Frames.ip(10, 0, 0, 1)));

        assertThat(hosts.hosts()).isEmpty();
    }

    @Test
    void hostLearnedOnAPortLaterFoundToCarryALinkIsForgotten() {
        from(s2, 4, arpFrom(H1, Frames.ip(10, 0, 0, 1)));
        topology.linkAdded(new Link(ConnectPoint.of(s1.dpid(), PortNo.of(4)), ConnectPoint.of(s2.dpid(), PortNo.of(4))));

        assertThat(hosts.hosts()).isEmpty();
        assertThat(hosts.hostByIp(IPv4Address.of("10.0.0.1"))).isNull();
    }

    @Test
    void silentHostExpires() {
        from(s1, 1, arpFrom(H1, Frames.ip(10, 0, 0, 1)));
        events.advance(TIMEOUT / 2);
        from(s1, 2, arpFrom(H2, Frames.ip(10, 0, 0, 2)));
        events.advance(TIMEOUT / 2 + 20_000);

        assertThat(hosts.hosts()).extracting(Host::mac).containsExactly(MacAddress.of(H2));
    }

    @Test
    void hostTalkingAllTheTimeNeverExpiresAndExpiresOnceSilent() {
        byte[] frame = Frames.ipv4Udp(H2, H1, Frames.ip(10, 0, 0, 1), Frames.ip(10, 0, 0, 2));
        for (int t = 0; t < 3 * TIMEOUT; t += 300) {
            from(s1, 1, frame);
            events.advance(300);
        }
        assertThat(hosts.hosts()).extracting(Host::mac).containsExactly(MacAddress.of(H1));
        assertThat(hosts.host(MacAddress.of(H1)).lastSeenMillis()).isGreaterThan(events.nowMillis() - 1_300);

        events.advance(TIMEOUT + 20_000);

        assertThat(hosts.hosts()).isEmpty();
    }

    @Test
    void portDownRemovesItsHosts() {
        from(s1, 1, arpFrom(H1, Frames.ip(10, 0, 0, 1)));
        PortDesc p = s1.port(PortNo.of(1));
        switches.firePortChanged(s1.dpid(), new PortDesc(p.number(), p.name(), p.hwAddr(), false, true, false, 0),
                PortChange.MODIFIED);

        assertThat(hosts.hosts()).isEmpty();
        assertThat(events_).containsExactly("added 02:00:00:00:00:01", "removed 02:00:00:00:00:01");
    }

    @Test
    void broadcastAndMulticastSourcesAreIgnored() {
        from(s1, 1, Frames.ipv4Udp(H1, Frames.BROADCAST, Frames.ip(10, 0, 0, 1), Frames.ip(10, 0, 0, 2)));
        from(s1, 1, Frames.ipv4Udp(H1, 0x0100_5e00_0001L, Frames.ip(10, 0, 0, 1), Frames.ip(10, 0, 0, 2)));

        assertThat(hosts.hosts()).isEmpty();
    }
}
