package io.flowlb.loadbalancer.filter;

import static io.flowlb.loadbalancer.filter.FilterWorld.NAT4;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB4_POOL;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB_A_ID;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB_A_MAC;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB_B_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.select.ConfigSnapshot;
import io.flowlb.loadbalancer.select.ConfigTable;
import io.flowlb.loadbalancer.select.MidConnectionPolicy;
import io.flowlb.loadbalancer.select.ServiceTable;
import io.flowlb.loadbalancer.table.ConnectionTable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceTablesTest {

    private static ServiceTable service(ConfigSnapshot snap, String vip) {
        return snap.service(idOf(snap, vip));
    }

    private static int idOf(ConfigSnapshot snap, String vip) {
        for (int i = 0; i < snap.serviceCount(); i++) {
            ServiceTable s = snap.serviceAt(i);
            if (s.id() == ServiceTables.serviceId(VipId.of(vip))) {
                return s.id();
            }
        }
        throw new AssertionError("no service for vip " + vip);
    }

    @Test
    void eachVipBecomesAServiceWithItsMembersRewriteData() {
        ConfigSnapshot snap = ServiceTables.build(FilterWorld.withWebB(AdminState.UP), Map.of(), 1);
        ServiceTable web = service(snap, "web4");
        assertThat(web.vipLo()).isEqualTo(NAT4.lo());
        assertThat(web.protocol()).isEqualTo(6);
        assertThat(web.port()).isEqualTo(80);
        assertThat(web.mode()).isEqualTo(ServiceTable.MODE_NAT);
        assertThat(web.vipMac()).isEqualTo(FilterWorld.vipMac(NAT4));
        assertThat(web.midConnection()).isEqualTo(MidConnectionPolicy.CONSISTENT);
        int a = web.indexOf(WEB_A_ID.backendKey());
        assertThat(a).isNotNegative();
        assertThat(web.addressLo(a)).isEqualTo(FilterWorld.WEB_A.lo());
        assertThat(web.backendPort(a)).isEqualTo(8080);
        assertThat(web.mac(a)).isEqualTo(WEB_A_MAC);
        assertThat(web.indexOf(WEB_B_ID.backendKey())).isNotNegative();
        assertThat(web.eligibleCount()).isEqualTo(2);

        assertThat(service(snap, "dns4").backendPort(0)).as("member port 0 keeps the client's").isEqualTo(ServiceTable.ALL);
        ServiceTable dsr = service(snap, "any4");
        assertThat(dsr.mode()).isEqualTo(ServiceTable.MODE_DSR);
        assertThat(dsr.protocol()).isEqualTo(ServiceTable.ALL);
        assertThat(service(snap, "strict4").midConnection()).isEqualTo(MidConnectionPolicy.STRICT);
        assertThat(service(snap, "nomac4").mac(0)).as("unknown MAC").isZero();
        assertThat(service(snap, "empty4").backendCount()).isZero();
    }

    @Test
    void weightsHealthAndAdminStateDecideWhoTakesNewConnections() {
        LbConfig c = FilterWorld.withWebB(AdminState.UP);
        Map<PoolId, PoolWeights> weights = Map.of(WEB4_POOL, new PoolWeights(WEB4_POOL, List.of(
                new MemberWeight(WEB_A_ID, 300, 1, true, true), MemberWeight.closed(WEB_B_ID, 1, false))));
        ServiceTable web = service(ServiceTables.build(c, weights, 1), "web4");
        int a = web.indexOf(WEB_A_ID.backendKey());
        int b = web.indexOf(WEB_B_ID.backendKey());
        assertThat(web.weight(a)).isEqualTo(300);
        assertThat(web.isAlive(b)).as("down by health").isFalse();

        LbConfig aDrains = c.withMember(c.member(WEB_A_ID).withAdminState(AdminState.DRAIN));
        web = service(ServiceTables.build(aDrains, weights, 2), "web4");
        assertThat(web.isAlive(a)).isTrue();
        assertThat(web.acceptsNew(a)).as("an admin drain given after the weights still applies").isFalse();
        assertThat(web.eligibleCount()).isZero();

        LbConfig vipDrains = c.withVip(c.vip(VipId.of("web4")).withAdminState(AdminState.DRAIN));
        web = service(ServiceTables.build(vipDrains, Map.of(), 3), "web4");
        assertThat(web.eligibleCount()).isZero();
        assertThat(web.isAlive(web.indexOf(WEB_B_ID.backendKey()))).isTrue();
        LbConfig vipMaint = c.withVip(c.vip(VipId.of("web4")).withAdminState(AdminState.MAINT));
        web = service(ServiceTables.build(vipMaint, Map.of(), 4), "web4");
        assertThat(web.isAlive(web.indexOf(WEB_B_ID.backendKey()))).isFalse();
    }

    @Test
    void serviceIdsStayTheSameWhenOtherVipsComeAndGoSoConnectionsSurvive() {
        ConfigTable table = new ConfigTable();
        ConfigSnapshot first = ServiceTables.publish(table, FilterWorld.config(), Map.of());
        LbConfig more = FilterWorld.config().withPool(Pool.of(PoolId.of("extra")))
                .withVip(Vip.of(VipId.of("aaa-first"), IpAddress.parse("198.51.100.77"), Protocol.TCP, 80)
                        .withPool(PoolId.of("extra")))
                .withoutVip(VipId.of("dns4"));
        ConfigSnapshot second = ServiceTables.publish(table, more, Map.of());
        assertThat(idOf(second, "web4")).isEqualTo(idOf(first, "web4"));
        assertThat(second.service(idOf(first, "web6"))).as("unchanged service reused").isSameAs(first.service(idOf(first, "web6")));
        assertThat(second.reusedCount()).isEqualTo(first.serviceCount() - 1);
    }

    @Test
    void collidingVipIdsGetDistinctServiceIds() {
        Map<Integer, String> seen = new HashMap<>();
        String x = null;
        String y = null;
        for (int i = 0; x == null; i++) {
            String id = "v" + i;
            String other = seen.putIfAbsent(ServiceTables.serviceId(VipId.of(id)), id);
            if (other != null) {
                x = other;
                y = id;
            }
        }
        LbConfig c = LbConfig.EMPTY
                .withVip(Vip.of(VipId.of(x), IpAddress.parse("198.51.100.10"), Protocol.TCP, 80))
                .withVip(Vip.of(VipId.of(y), IpAddress.parse("198.51.100.11"), Protocol.TCP, 80));
        ConfigSnapshot snap = ServiceTables.build(c, Map.of(), 1);
        assertThat(snap.serviceCount()).isEqualTo(2);
        assertThat(snap.serviceAt(0).id()).isNotEqualTo(snap.serviceAt(1).id());
        assertThat(snap.serviceAt(0).id()).isNotEqualTo(ConnectionTable.REPLY_ZONE);
        assertThat(ServiceTables.build(c, Map.of(), 2).serviceAt(1).id()).as("the same every time")
                .isEqualTo(snap.serviceAt(1).id());
    }
}
