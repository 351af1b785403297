package io.flowlb.controller.lb.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Router;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.ValidationException;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LbJsonTest {
    private final ObjectMapper mapper = LbJson.newMapper();

    static LbConfig sample() {
        Monitor mon = Monitor.of(MonitorId.of("http1"), MonitorType.HTTP).withHttp("/health", null);
        Pool pool = Pool.of(PoolId.of("web")).withMonitors(List.of(mon.id()));
        Vip vip = Vip.of(VipId.of("v1"), IpAddress.parse("10.0.0.100"), Protocol.TCP, 80).withPool(pool.id())
                .withMode(ForwardingMode.DSR);
        Member m1 = Member.of(MemberId.of("m1"), pool.id(), IpAddress.parse("10.0.0.1"), 80).withWeight(5);
        Member m2 = Member.of(MemberId.of("m2"), pool.id(), IpAddress.parse("10.0.0.2"), 0)
                .withAdminState(AdminState.DRAIN).withTags(List.of("ssd"));
        RouterPool rp = RouterPool.of(RouterPoolId.of("gw"), IpAddress.parse("10.0.0.254"),
                List.of(Router.of("10.0.0.252", "02:00:00:00:00:01"), Router.of("10.0.0.253", "02:00:00:00:00:02")));
        return LbConfig.of(List.of(vip), List.of(pool), List.of(m1, m2), List.of(mon), List.of(rp));
    }

    @Test
    void wholeConfigurationSurvivesARoundTrip() throws Exception {
        LbConfig config = sample();
        String json = mapper.writeValueAsString(ConfigJson.of(config));
        assertThat(json).contains("\"router_pools\"", "\"pool_id\":\"web\"", "\"mode\":\"dsr\"",
                "\"admin_state\":\"drain\"", "\"protocol\":\"tcp\"", "\"expected_status\":\"200-399\"");
        assertThat(mapper.readValue(json, ConfigJson.class).toConfig()).isEqualTo(config);
    }

    @Test
    void fieldsLeftOutTakeTheModelDefaults() throws Exception {
        Member m = mapper.readValue("{\"id\":\"m1\",\"pool_id\":\"p\",\"address\":\"10.0.0.1\"}", MemberJson.class)
                .toMember();
        assertThat(m.weight()).isEqualTo(Member.DEFAULT_WEIGHT);
        assertThat(m.port()).isZero();
        assertThat(m.adminState()).isEqualTo(AdminState.UP);
        Monitor mon = mapper.readValue("{\"id\":\"t\",\"type\":\"tcp\"}", MonitorJson.class).toMonitor();
        assertThat(mon.intervalMs()).isEqualTo(Monitor.DEFAULT_INTERVAL_MS);
    }

    @Test
    void enumsAndIdsAcceptTheUsualSpellings() throws Exception {
        VipJson v = mapper.readValue("{\"id\":7,\"address\":\"10.0.0.1\",\"protocol\":6,\"mode\":\"DSR\","
                + "\"connection_policy\":\"Strict\"}", VipJson.class);
        assertThat(v.id()).isEqualTo(VipId.of("7"));
        assertThat(v.protocol()).isEqualTo(Protocol.TCP);
        assertThat(v.mode()).isEqualTo(ForwardingMode.DSR);
    }

    @Test
    void unknownFieldIsRejectedAndNamed() {
        JsonProblem p = problem("{\"id\":\"m1\",\"pool_id\":\"p\",\"address\":\"10.0.0.1\",\"wieght\":3}",
                MemberJson.class);
        assertThat(p.kind()).isEqualTo(JsonProblem.Kind.UNKNOWN_FIELD);
        assertThat(p.field()).isEqualTo("wieght");
        assertThat(p.error()).contains("weight");
    }

    @Test
    void invalidValueNamesItsFieldWithTheModelsSentence() {
        JsonProblem p = problem("{\"id\":\"v1\",\"address\":\"10.0.0.300\",\"protocol\":\"tcp\"}", VipJson.class);
        assertThat(p.kind()).isEqualTo(JsonProblem.Kind.INVALID_VALUE);
        assertThat(p.field()).isEqualTo("address");
        assertThat(p.error()).contains("is not an IPv4 or IPv6 address");
    }

    @Test
    void wrongTypesAreRejectedNotCoerced() {
        assertThat(problem("{\"id\":\"m\",\"port\":80.5}", MemberJson.class).field()).isEqualTo("port");
        JsonProblem quoted = problem("{\"id\":\"m\",\"port\":\"80\"}", MemberJson.class);
        assertThat(quoted.field()).isEqualTo("port");
        assertThat(quoted.error()).isEqualTo("must be a whole number");
        assertThat(problem("{\"id\":\"m\",\"tags\":\"ssd\"}", MemberJson.class).field()).isEqualTo("tags");
    }

    @Test
    void errorDeepInsideAListNamesTheElement() {
        JsonProblem p = problem("{\"router_pools\":[{\"id\":\"gw\",\"gateway_address\":\"10.0.0.254\",\"routers\":"
                + "[{\"address\":\"10.0.0.1\",\"mac\":\"02:00:00:00:00:01\"},{\"address\":\"10.0.0.2\",\"mac\":\"zz\"}]}]}",
                ConfigJson.class);
        assertThat(p.field()).isEqualTo("router_pools[0].routers[1].mac");
    }

    @Test
    void modelErrorAfterDecodingNamesTheElement() throws Exception {
        ConfigJson doc = mapper.readValue("{\"members\":[{\"id\":\"a\",\"pool_id\":\"p\",\"address\":\"10.0.0.1\"},"
                + "{\"id\":\"b\",\"pool_id\":\"p\",\"address\":\"10.0.0.2\",\"weight\":5000}]}", ConfigJson.class);
        assertThatThrownBy(doc::toConfig).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("members[1].weight"));
    }

    @Test
    void malformedJsonHasNoField() {
        JsonProblem p = problem("{\"id\": \"v1\",", VipJson.class);
        assertThat(p.kind()).isEqualTo(JsonProblem.Kind.MALFORMED);
        assertThat(p.field()).isNull();
        assertThat(problem("{\"id\":\"v1\"} trailing", VipJson.class).kind()).isEqualTo(JsonProblem.Kind.MALFORMED);
    }

    @Test
    void unsupportedFormatIsRejected() throws Exception {
        ConfigJson doc = mapper.readValue("{\"format\":2}", ConfigJson.class);
        assertThatThrownBy(doc::toConfig).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("format"));
    }

    private JsonProblem problem(String json, Class<?> type) {
        try {
            mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            return JsonProblem.of(e);
        }
        throw new AssertionError("accepted " + json);
    }
}
