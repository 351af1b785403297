package io.flowlb.loadbalancer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LbConfigTest {
    private static final VipId WEB = VipId.of("web");
    private static final PoolId POOL = PoolId.of("web-pool");
    private static final MonitorId HTTP = MonitorId.of("http");
    private static final IpAddress VIP_ADDR = IpAddress.parse("10.0.0.100");

    /** A VIP on TCP 80 with two members and an HTTP monitor. */
    private static LbConfig web() {
        return LbConfig.EMPTY
                .withMonitor(Monitor.of(HTTP, MonitorType.HTTP))
                .withPool(Pool.of(POOL).withMonitors(List.of(HTTP)))
                .withVip(Vip.of(WEB, VIP_ADDR, Protocol.TCP, 80).withPool(POOL))
                .withMember(member("m1", "10.0.0.11", 8080))
                .withMember(member("m2", "10.0.0.12", 8080));
    }

    private static Member member(String id, String address, int port) {
        return Member.of(MemberId.of(id), POOL, IpAddress.parse(address), port);
    }

    static Stream<Arguments> referentialErrors() {
        return Stream.of(
            arguments("vip naming an unknown pool", (UnaryOperator<LbConfig>) c ->
                    c.withVip(Vip.of(VipId.of("x"), IpAddress.parse("10.0.0.101"), Protocol.TCP, 80).withPool(PoolId.of("nope"))), "pool_id"),
            arguments("member of an unknown pool", (UnaryOperator<LbConfig>) c ->
                    c.withMember(Member.of(MemberId.of("m9"), PoolId.of("nope"), IpAddress.parse("10.0.0.19"), 80)), "pool_id"),
            arguments("pool naming an unknown monitor", (UnaryOperator<LbConfig>) c ->
                    c.withPool(Pool.of(POOL).withMonitors(List.of(MonitorId.of("tcp")))), "monitor_ids"),
            arguments("pool naming an unknown vip", (UnaryOperator<LbConfig>) c ->
                    c.withPool(Pool.of(PoolId.of("p2")).withVip(VipId.of("nope"))), "vip_id"),
            arguments("pool claiming a vip bound to another pool", (UnaryOperator<LbConfig>) c ->
                    c.withPool(Pool.of(PoolId.of("p2")).withVip(WEB)), "vip_id"),
            arguments("second vip on the same address, protocol and port", (UnaryOperator<LbConfig>) c ->
                    c.withVip(Vip.of(VipId.of("web2"), VIP_ADDR, Protocol.TCP, 80)), "address"),
            arguments("vip on the same address with another virtual mac", (UnaryOperator<LbConfig>) c ->
                    c.withVip(Vip.of(VipId.of("tls"), VIP_ADDR, Protocol.TCP, 443).withVirtualMac(MacAddress.parse("02:00:00:00:00:09"))), "virtual_mac"),
            arguments("two members with one address and port in a pool", (UnaryOperator<LbConfig>) c ->
                    c.withMember(member("m3", "10.0.0.11", 8080)), "address"),
            arguments("member holding the vip address", (UnaryOperator<LbConfig>) c ->
                    c.withMember(member("m3", "10.0.0.100", 8080)), "address"),
            arguments("ipv6 member behind an ipv4 vip", (UnaryOperator<LbConfig>) c ->
                    c.withMember(member("m3", "2001:db8::3", 8080)), "address"),
            arguments("dsr vip whose members use another port", (UnaryOperator<LbConfig>) c ->
                    c.withVip(c.vip(WEB).withMode(ForwardingMode.DSR)), "port"),
            arguments("dsr member on another port", (UnaryOperator<LbConfig>) c ->
                    c.withVip(c.vip(WEB).withMode(ForwardingMode.DSR)).withMember(member("m3", "10.0.0.13", 8443)), "port"),
            arguments("all-ports vip whose members name a port", (UnaryOperator<LbConfig>) c ->
                    c.withVip(Vip.of(WEB, VIP_ADDR, Protocol.TCP, 0).withPool(POOL)), "port"),
            arguments("esp vip whose members name a port", (UnaryOperator<LbConfig>) c ->
                    c.withVip(Vip.of(WEB, VIP_ADDR, Protocol.ESP, 0).withPool(POOL).withMode(ForwardingMode.DSR)), "port"),
            arguments("router pool gateway on a vip address", (UnaryOperator<LbConfig>) c ->
                    c.withRouterPool(RouterPool.of(RouterPoolId.of("out"), VIP_ADDR, List.of(Router.of("10.0.0.2", "02:00:00:00:00:01")))), "gateway_address"),
            arguments("two router pools on one gateway", (UnaryOperator<LbConfig>) c ->
                    c.withRouterPool(RouterPool.of(RouterPoolId.of("a"), IpAddress.parse("10.0.0.1"), List.of(Router.of("10.0.0.2", "02:00:00:00:00:01"))))
                     .withRouterPool(RouterPool.of(RouterPoolId.of("b"), IpAddress.parse("10.0.0.1"), List.of(Router.of("10.0.0.3", "02:00:00:00:00:02")))),
                    "gateway_address"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("referentialErrors")
    void rejectsBrokenReferencesNamingTheFieldAndKeepsTheOldConfig(String description, UnaryOperator<LbConfig> change,
                                                                  String field) {
        LbConfig before = web();
        assertThatThrownBy(() -> change.apply(before))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(before).isEqualTo(web());
    }

    @Test
    void listsMembersOfAPoolInIdOrder() {
        LbConfig c = web().withMember(member("a0", "10.0.0.10", 8080));
        assertThat(c.membersOf(POOL)).extracting(Member::id)
                .containsExactly(MemberId.of("a0"), MemberId.of("m1"), MemberId.of("m2"));
        assertThat(c.membersOf(PoolId.of("none"))).isEmpty();
    }

    @Test
    void replacesAnObjectWithTheSameId() {
        LbConfig c = web().withMember(web().member(MemberId.of("m1")).withWeight(5).withAdminState(AdminState.DRAIN));
        assertThat(c.member(MemberId.of("m1")).weight()).isEqualTo(5);
        assertThat(c.member(MemberId.of("m1")).adminState()).isEqualTo(AdminState.DRAIN);
        assertThat(c.members()).hasSize(2);
    }

    @Test
    void leavesTheOriginalUntouchedByEveryChange() {
        LbConfig before = web();
        LbConfig after = before.withoutMember(MemberId.of("m1"));
        assertThat(before.members()).hasSize(2);
        assertThat(after.members()).hasSize(1);
        assertThat(after.membersOf(POOL)).extracting(Member::id).containsExactly(MemberId.of("m2"));
    }

    @Test
    void refusesToDeleteAPoolThatAVipUses() {
        assertThatThrownBy(() -> web().withoutPool(POOL))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.field()).isEqualTo("id");
                    assertThat(e.error()).contains("web");
                });
    }

    @Test
    void deletesAPoolWithItsMembersOnceNoVipUsesIt() {
        LbConfig c = web().withoutVip(WEB).withoutPool(POOL);
        assertThat(c.pools()).isEmpty();
        assertThat(c.members()).isEmpty();
    }

    @Test
    void refusesToDeleteAMonitorThatAPoolUses() {
        assertThatThrownBy(() -> web().withoutMonitor(HTTP)).isInstanceOf(ConflictException.class);
        LbConfig c = web().withPool(web().pool(POOL).withMonitors(List.of())).withoutMonitor(HTTP);
        assertThat(c.monitors()).isEmpty();
    }

    @Test
    void answersNotFoundForUnknownIds() {
        assertThatThrownBy(() -> web().withoutMember(MemberId.of("zz")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThatThrownBy(() -> web().vip(VipId.of("zz"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void bindsTheVipNamedByAPoolTheWayFloodlightScriptsDo() {
        // Floodlight order: VIP first without a pool, then a pool naming the VIP, then members.
        LbConfig c = LbConfig.EMPTY
                .withVip(Vip.of(WEB, VIP_ADDR, Protocol.TCP, 80))
                .withPool(Pool.of(POOL).withVip(WEB))
                .withMember(member("m1", "10.0.0.11", 80));
        assertThat(c.vip(WEB).poolId()).isEqualTo(POOL);
        assertThat(c.pool(POOL).vipId()).isEqualTo(WEB);
        assertThat(c.vipsOf(POOL)).extracting(Vip::id).containsExactly(WEB);
    }

    @Test
    void keepsThePoolBackLinkInStepWithTheVip() {
        LbConfig c = web().withPool(Pool.of(PoolId.of("p2"))).withVip(web().vip(WEB).withPool(PoolId.of("p2")));
        assertThat(c.pool(POOL).vipId()).isNull();
        assertThat(c.pool(PoolId.of("p2")).vipId()).isEqualTo(WEB);
        assertThat(web().withoutVip(WEB).pool(POOL).vipId()).isNull();
    }

    @Test
    void letsSeveralVipsShareAPool() {
        LbConfig c = web()
                .withMember(web().member(MemberId.of("m1")).withPort(0))
                .withMember(web().member(MemberId.of("m2")).withPort(0))
                .withVip(Vip.of(VipId.of("web-tls"), VIP_ADDR, Protocol.TCP, 443).withPool(POOL))
                .withVip(Vip.of(VipId.of("web-alt"), IpAddress.parse("10.0.0.101"), Protocol.TCP, 80).withPool(POOL));
        assertThat(c.vipsOf(POOL)).hasSize(3);
        assertThat(c.pool(POOL).vipId()).isEqualTo(WEB);
    }

    @Test
    void acceptsDsrMembersOnTheVipPortOrPortZeroAndPortlessProtocols() {
        LbConfig dsr = web()
                .withMember(web().member(MemberId.of("m1")).withPort(80))
                .withMember(web().member(MemberId.of("m2")).withPort(0))
                .withVip(web().vip(WEB).withMode(ForwardingMode.DSR));
        assertThat(dsr.vip(WEB).mode()).isEqualTo(ForwardingMode.DSR);
        LbConfig esp = dsr.withMember(dsr.member(MemberId.of("m1")).withPort(0))
                .withVip(Vip.of(WEB, VIP_ADDR, Protocol.ESP, 0).withPool(POOL).withMode(ForwardingMode.DSR));
        assertThat(esp.vip(WEB).protocol()).isEqualTo(Protocol.ESP);
    }

    @Test
    void allowsOverlappingVipsThatDifferInProtocolOrPort() {
        LbConfig c = web().withVip(Vip.of(VipId.of("rest"), VIP_ADDR, Protocol.ANY, 0));
        assertThat(c.vips()).hasSize(2);
    }

    @Test
    void loadsListsAndRejectsRepeatedIds() {
        LbConfig c = web();
        LbConfig reloaded = LbConfig.of(c.vips().values(), c.pools().values(), c.members().values(),
                c.monitors().values(), c.routerPools().values());
        assertThat(reloaded).isEqualTo(c);
        Member m1 = c.member(MemberId.of("m1"));
        assertThatThrownBy(() -> LbConfig.of(List.of(), List.of(Pool.of(POOL)), List.of(m1, m1), List.of(), List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void rejectsAMapEntryStoredUnderAnotherId() {
        Pool p = Pool.of(POOL);
        assertThatThrownBy(() -> new LbConfig(java.util.Map.of(), java.util.Map.of(PoolId.of("other"), p),
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("id"));
    }
}
