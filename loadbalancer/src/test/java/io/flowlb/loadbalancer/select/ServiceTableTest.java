package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTableTest {
    @Test
    void maglevPicksOnlyAliveAcceptingWeightedBackends() {
        ServiceTable svc = ServiceTable.builder(1).vipV4(Flows.VIP, 6, 80)
                .backend(10, 1, true, true)
                .backend(20, 1, false, true)   // down
                .backend(30, 1, true, false)   // draining
                .backend(40, 0, true, true)    // weight 0
                .backend(50, 3, true, true)
                .build(1);
        Set<Long> picked = new HashSet<>();
        for (FlowKey k : Flows.tcp(20_000, 1)) {
            picked.add(svc.backendKey(svc.pick(k.hash(1))));
        }
        assertThat(picked).containsExactlyInAnyOrder(10L, 50L);
        assertThat(svc.eligibleCount()).isEqualTo(2);
        assertThat(svc.isEligible(0)).isTrue();
        assertThat(svc.isEligible(2)).isFalse();
    }

    @Test
    void indexOfFindsEveryBackendIncludingIneligibleOnes() {
        ServiceTable.Builder b = ServiceTable.builder(1);
        for (int i = 0; i < 300; i++) {
            b.backend(i * 7919L - 5000, i % 3, i % 2 == 0, true);
        }
        ServiceTable svc = b.build(1);
        for (int i = 0; i < 300; i++) {
            assertThat(svc.indexOf(i * 7919L - 5000)).isEqualTo(i);
        }
        assertThat(svc.indexOf(1)).isEqualTo(-1);
        assertThat(svc.indexOf(Long.MIN_VALUE)).isEqualTo(-1);
    }

    @Test
    void aServiceWithNoEligibleBackendPicksNothing() {
        assertThat(ServiceTable.builder(1).build(1).pick(42)).isEqualTo(-1);
        ServiceTable drained = ServiceTable.builder(1).backend(1, 1, true, false).build(1);
        assertThat(drained.pick(42)).isEqualTo(-1);
        assertThat(drained.indexOf(1)).isZero();
        assertThat(drained.maglevSize()).isZero();
    }

    @Test
    void keepsTheRewriteDataOfEachBackend() {
        ServiceTable svc = ServiceTable.builder(9).vipV4(Flows.VIP, 17, 53).mode(ServiceTable.MODE_NAT).maglevSize(251)
                .backend(7, 1, true, true, 0, FlowKey.V4_MAPPED_LO_PREFIX | 0x0a000102, 5353, 0x0200_0000_0001L)
                .build(3);
        assertThat(svc.mode()).isEqualTo(ServiceTable.MODE_NAT);
        assertThat(svc.addressLo(0) & 0xffff_ffffL).isEqualTo(0x0a000102L);
        assertThat(svc.backendPort(0)).isEqualTo(5353);
        assertThat(svc.mac(0)).isEqualTo(0x0200_0000_0001L);
        assertThat(svc.maglevSize()).isEqualTo(251);
        assertThat(svc.generation()).isEqualTo(3);
        assertThat(svc.protocol()).isEqualTo(17);
        assertThat(svc.port()).isEqualTo(53);
    }

    @Test
    void badDescriptionsAreRefusedWithTheServiceNamed() {
        assertThatThrownBy(() -> ServiceTable.builder(4).vipV4(1, 0, 80)).hasMessageContaining("service 4")
                .hasMessageContaining("a port needs a protocol");
        assertThatThrownBy(() -> ServiceTable.builder(4).vipV4(1, 6, 70000)).hasMessageContaining("port must be 0..65535");
        assertThatThrownBy(() -> ServiceTable.builder(4).vipV4(1, 300, 0)).hasMessageContaining("IP protocol");
        assertThatThrownBy(() -> ServiceTable.builder(4).backend(1, -1, true, true)).hasMessageContaining("negative weight");
        assertThatThrownBy(() -> ServiceTable.builder(4).maglevSize(1000)).hasMessageContaining("prime");
        assertThatThrownBy(() -> ServiceTable.builder(4).mode(7)).hasMessageContaining("unknown mode 7");
        assertThatThrownBy(() -> ServiceTable.builder(4).backend(1, 0, true, true).backend(1, 1, true, true).build(1))
                .hasMessageContaining("duplicate backend key 1");
    }
}
