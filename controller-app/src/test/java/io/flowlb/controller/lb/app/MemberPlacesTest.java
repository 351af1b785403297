package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.LargeConfigs;
import io.flowlb.controller.lb.install.MemberPlace;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.HostServiceAdapter;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.MemberId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which members the LB application asks for by ARP, with 100,000 members none of which is placed yet. */
class MemberPlacesTest {
    private static final LbConfig LARGE = LargeConfigs.natVips(1_000, 100);
    private static final int ROUND = 512;

    private final MemberPlaces places = new MemberPlaces(new HostServiceAdapter());

    @Test
    void unplacedMembersAreProbedASliceARoundAndEachInTurn() {
        Map<MemberId, MemberPlace> resolved = places.resolve(LARGE);
        Set<IpAddress> probed = new HashSet<>();
        int rounds = (100_000 + ROUND - 1) / ROUND;
        for (int i = 0; i < rounds; i++) {
            List<IpAddress> round = places.nextToProbe(LARGE, resolved, ROUND);
            assertThat(round).hasSize(ROUND).doesNotHaveDuplicates();
            probed.addAll(round);
        }
        assertThat(probed).as("every member's address within %d rounds", rounds).hasSize(100_000);
    }

    @Test
    void aPlacedMemberIsNoLongerProbedAndASmallConfigurationIsProbedWhole() {
        IpAddress placed = LARGE.member(MemberId.of("m0-0")).address();
        places.observe(placed, new MacAddress(0x0200_0000_0001L), ConnectPoint.of(Dpid.of(1), PortNo.of(2)));
        LbConfig small = LargeConfigs.natVips(2, 3);

        List<IpAddress> round = places.nextToProbe(small, places.resolve(small), ROUND);

        assertThat(round).hasSize(5).doesNotContain(placed);
    }
}
