package io.flowlb.loadbalancer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record rejects bad input with a {@link ValidationException} that names the JSON field. */
class RecordValidationTest {
    private static final VipId V = VipId.of("web");
    private static final PoolId P = PoolId.of("web-pool");
    private static final MemberId M = MemberId.of("m1");
    private static final MonitorId MON = MonitorId.of("http");
    private static final IpAddress VIP_ADDR = IpAddress.parse("10.0.0.100");
    private static final IpAddress SERVER = IpAddress.parse("10.0.0.11");
    private static final long PINNED_M1_KEY = 0xc090_ab93_c7ae_bd72L;

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
            arguments("empty id", (Runnable) () -> VipId.of(""), "id"),
            arguments("id with a slash", (Runnable) () -> PoolId.of("a/b"), "id"),
            arguments("id starting with a dash", (Runnable) () -> MemberId.of("-x"), "id"),
            arguments("id of 65 characters", (Runnable) () -> MonitorId.of("a".repeat(65)), "id"),
            arguments("pool_id carried in a member", (Runnable) () -> PoolId.parse("pool_id", "bad id"), "pool_id"),
            arguments("vip without id", (Runnable) () -> new Vip(null, null, VIP_ADDR, Protocol.TCP, 80, null, null, null, null, null), "id"),
            arguments("vip without address", (Runnable) () -> Vip.of(V, null, Protocol.TCP, 80), "address"),
            arguments("vip on a multicast address", (Runnable) () -> Vip.of(V, IpAddress.parse("239.1.1.1"), Protocol.TCP, 80), "address"),
            arguments("vip on 0.0.0.0", (Runnable) () -> Vip.of(V, IpAddress.parse("0.0.0.0"), Protocol.TCP, 80), "address"),
            arguments("vip without protocol", (Runnable) () -> Vip.of(V, VIP_ADDR, null, 80), "protocol"),
            arguments("vip port 65536", (Runnable) () -> Vip.of(V, VIP_ADDR, Protocol.TCP, 65_536), "port"),
            arguments("vip port -1", (Runnable) () -> Vip.of(V, VIP_ADDR, Protocol.UDP, -1), "port"),
            arguments("esp vip with a port", (Runnable) () -> Vip.of(V, VIP_ADDR, Protocol.ESP, 500), "port"),
            arguments("any-protocol vip with a port", (Runnable) () -> Vip.of(V, VIP_ADDR, Protocol.ANY, 80), "port"),
            arguments("vip with a multicast virtual mac", (Runnable) () -> vip().withVirtualMac(MacAddress.parse("01:00:5e:00:00:01")), "virtual_mac"),
            arguments("vip name with a newline", (Runnable) () -> vip().withName("a\nb"), "name"),
            arguments("vip name of 256 characters", (Runnable) () -> vip().withName("n".repeat(256)), "name"),
            arguments("capability pool without tags", (Runnable) () -> Pool.of(P).withAlgorithm(Algorithm.CAPABILITY), "required_tags"),
            arguments("pool tag with a space", (Runnable) () -> Pool.of(P).withCapability(Set.of("gpu x")), "required_tags"),
            arguments("pool naming a monitor twice", (Runnable) () -> Pool.of(P).withMonitors(List.of(MON, MON)), "monitor_ids"),
            arguments("member without pool", (Runnable) () -> Member.of(M, null, SERVER, 80), "pool_id"),
            arguments("member on a loopback address", (Runnable) () -> Member.of(M, P, IpAddress.parse("127.0.0.1"), 80), "address"),
            arguments("member port 70000", (Runnable) () -> Member.of(M, P, SERVER, 70_000), "port"),
            arguments("member weight 1001", (Runnable) () -> member().withWeight(1001), "weight"),
            arguments("member weight -1", (Runnable) () -> member().withWeight(-1), "weight"),
            arguments("member broadcast mac", (Runnable) () -> member().withMac(MacAddress.BROADCAST), "mac"),
            arguments("member tag with a slash", (Runnable) () -> member().withTags(Set.of("ssd/nvme")), "tags"),
            arguments("member failover order 70000", (Runnable) () -> member().withFailoverOrder(70_000), "failover_order"),
            arguments("member agent port 65536", (Runnable) () -> member().withAgentPort(65_536), "agent_port"),
            arguments("monitor without type", (Runnable) () -> Monitor.of(MON, null), "type"),
            arguments("monitor interval 50 ms", (Runnable) () -> monitor().withTiming(50, 20), "interval_ms"),
            arguments("monitor timeout equal to interval", (Runnable) () -> monitor().withTiming(1000, 1000), "timeout_ms"),
            arguments("monitor timeout above interval", (Runnable) () -> monitor().withTiming(1000, 5000), "timeout_ms"),
            arguments("monitor rise 0", (Runnable) () -> monitor().withRiseFall(0, 3), "rise"),
            arguments("monitor fall 0", (Runnable) () -> monitor().withRiseFall(2, 0), "fall"),
            arguments("monitor http path without slash", (Runnable) () -> monitor().withHttp("health", null), "http_path"),
            arguments("monitor http path with a space", (Runnable) () -> monitor().withHttp("/a b", null), "http_path"),
            arguments("monitor port 65536", (Runnable) () -> monitor().withPort(65_536), "port"),
            arguments("expected status 99", (Runnable) () -> ExpectedStatus.parse("99"), "expected_status"),
            arguments("expected status range backwards", (Runnable) () -> ExpectedStatus.parse("300-200"), "expected_status"),
            arguments("expected status not a number", (Runnable) () -> ExpectedStatus.parse("2xx"), "expected_status"),
            arguments("router pool without routers", (Runnable) () -> RouterPool.of(RouterPoolId.of("r"), IpAddress.parse("10.0.0.1"), List.of()), "routers"),
            arguments("router pool repeating a mac", (Runnable) () -> RouterPool.of(RouterPoolId.of("r"), IpAddress.parse("10.0.0.1"),
                    List.of(Router.of("10.0.0.2", "02:00:00:00:00:01"), Router.of("10.0.0.3", "02:00:00:00:00:01"))), "routers[1].mac"),
            arguments("router pool repeating an address", (Runnable) () -> RouterPool.of(RouterPoolId.of("r"), IpAddress.parse("10.0.0.1"),
                    List.of(Router.of("10.0.0.2", "02:00:00:00:00:01"), Router.of("10.0.0.2", "02:00:00:00:00:02"))), "routers[1].address"),
            arguments("router owning the gateway address", (Runnable) () -> RouterPool.of(RouterPoolId.of("r"), IpAddress.parse("10.0.0.1"),
                    List.of(Router.of("10.0.0.1", "02:00:00:00:00:01"))), "routers[0].address"),
            arguments("ipv6 router for an ipv4 gateway", (Runnable) () -> RouterPool.of(RouterPoolId.of("r"), IpAddress.parse("10.0.0.1"),
                    List.of(Router.of("2001:db8::1", "02:00:00:00:00:01"))), "routers[0].address"),
            arguments("unknown algorithm name", (Runnable) () -> Algorithm.parse("fastest"), "algorithm"),
            arguments("unknown admin state", (Runnable) () -> AdminState.parse("down"), "admin_state"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidInputs")
    void rejectsInvalidInputNamingTheField(String description, Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.error()).isNotBlank();
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }

    @Test
    void fillsDocumentedDefaultsForOmittedFields() {
        Vip v = new Vip(V, null, VIP_ADDR, Protocol.TCP, 80, null, null, null, null, null);
        assertThat(v.name()).isEmpty();
        assertThat(v.mode()).isEqualTo(ForwardingMode.NAT);
        assertThat(v.adminState()).isEqualTo(AdminState.UP);
        assertThat(v.connectionPolicy()).isEqualTo(ConnectionPolicy.CONSISTENT);
        Pool p = new Pool(P, null, null, null, null, null, null);
        assertThat(p.algorithm()).isEqualTo(Algorithm.ROUND_ROBIN);
        assertThat(p.availability()).isEqualTo(AvailabilityMode.ACTIVE_ALL);
        assertThat(p.monitorIds()).isEmpty();
        assertThat(member().weight()).isEqualTo(1);
        assertThat(member().adminState()).isEqualTo(AdminState.UP);
        Monitor m = monitor();
        assertThat(m.intervalMs()).isEqualTo(5000);
        assertThat(m.timeoutMs()).isEqualTo(2000);
        assertThat(m.httpPath()).isEqualTo("/");
        assertThat(m.expectedStatus().matches(302)).isTrue();
        assertThat(m.expectedStatus().matches(404)).isFalse();
        assertThat(RouterPool.of(RouterPoolId.of("r"), IpAddress.parse("10.0.0.1"),
                List.of(Router.of("10.0.0.2", "02:00:00:00:00:01"))).selection()).isEqualTo(RouterSelection.LOAD_VECTOR);
    }

    @Test
    void parsesEnumsInAnyCaseWithDashes() {
        assertThat(Algorithm.parse("least-connections")).isEqualTo(Algorithm.LEAST_CONNECTIONS);
        assertThat(AvailabilityMode.parse("Primary_Secondary")).isEqualTo(AvailabilityMode.PRIMARY_SECONDARY);
        assertThat(ForwardingMode.parse("dsr")).isEqualTo(ForwardingMode.DSR);
    }

    @Test
    void derivesOneVirtualMacPerAddressUnlessConfigured() {
        Vip http = vip();
        Vip https = Vip.of(VipId.of("web-tls"), VIP_ADDR, Protocol.TCP, 443);
        assertThat(http.effectiveMac()).isEqualTo(https.effectiveMac());
        assertThat(http.effectiveMac().isUnicastHost()).isTrue();
        MacAddress own = MacAddress.parse("02:00:00:00:01:00");
        assertThat(http.withVirtualMac(own).effectiveMac()).isEqualTo(own);
    }

    @Test
    void parsesExpectedStatusListsAndRanges() {
        ExpectedStatus s = ExpectedStatus.parse("200, 301-302");
        assertThat(s.matches(200)).isTrue();
        assertThat(s.matches(302)).isTrue();
        assertThat(s.matches(201)).isFalse();
        assertThat(s.toString()).isEqualTo("200,301-302");
    }

    @Test
    void givesEachMemberAStableDistinctBackendKey() {
        assertThat(MemberId.of("m1").backendKey()).isEqualTo(MemberId.of("m1").backendKey());
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(MemberId.of("m" + i).backendKey());
        }
        assertThat(keys).hasSize(10_000);
        // Pinned: a changed hash would move every member's Maglev slots after an upgrade.
        assertThat(MemberId.of("m1").backendKey()).isEqualTo(PINNED_M1_KEY);
    }

    @Test
    void resolvesPortZeroToTheVipPort() {
        assertThat(Member.of(M, P, SERVER, 0).targetPort(443)).isEqualTo(443);
        assertThat(Member.of(M, P, SERVER, 8080).targetPort(80)).isEqualTo(8080);
    }

    private static Vip vip() {
        return Vip.of(V, VIP_ADDR, Protocol.TCP, 80);
    }

    private static Member member() {
        return Member.of(M, P, SERVER, 80);
    }

    private static Monitor monitor() {
        return Monitor.of(MON, MonitorType.HTTP);
    }
}
