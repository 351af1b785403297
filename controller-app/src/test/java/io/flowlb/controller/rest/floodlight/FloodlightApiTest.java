package io.flowlb.controller.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.controller.rest.RestHarness.Reply;
import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FloodlightApiTest extends HarnessTest {
    private static final String Q = "/quantum/v1.0";
    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    /** Pool 1 of VIP 1 with members 1 and 2: member 1 up with traffic, member 2 down. */
    @Override
    protected DistributionView distribution() {
        return () -> List.of(new VipDistribution(VipId.of("1"), PoolId.of("1"), 3, List.of(
                new MemberDistribution(MemberId.of("1"), IpAddress.parse("10.0.0.3"), 80, AdminState.UP, Health.UP, 1,
                        true, 1.0, 4, 10, 100, 5000, 90, 7000),
                new MemberDistribution(MemberId.of("2"), IpAddress.parse("10.0.0.4"), 80, AdminState.UP, Health.DOWN,
                        0, false, 0.0, 0, 2, 10, 400, 0, 0))));
    }

    private Reply post(String path, String body) {
        return h.call("POST", Q + path, body, FORM);
    }

    @BeforeEach
    void oneService() {
        assertThat(post("/vips/", "{\"id\":\"1\",\"name\":\"web\",\"protocol\":\"tcp\",\"address\":\"10.0.0.100\","
                + "\"port\":\"80\"}").status()).isEqualTo(200);
        assertThat(post("/pools/", "{\"id\":\"1\",\"name\":\"pool1\",\"lb_method\":\"WRR\",\"vip_id\":\"1\"}").status())
                .isEqualTo(200);
        assertThat(post("/members/", "{\"id\":\"1\",\"address\":\"10.0.0.3\",\"port\":\"80\",\"pool_id\":\"1\"}")
                .status()).isEqualTo(200);
        assertThat(post("/members/", "{\"id\":\"2\",\"address\":\"10.0.0.4\",\"port\":80,\"pool_id\":\"1\"}").status())
                .isEqualTo(200);
    }

    @Test
    void readsUseFloodlightsFieldNames() {
        JsonNode vips = h.get(Q + "/vips/").json();
        assertThat(vips.get(0).get("protocol").asText()).isEqualTo("6");
        assertThat(vips.get(0).get("port").asText()).isEqualTo("80");
        JsonNode pool = h.get(Q + "/pools/1/").json().get(0);
        assertThat(pool.get("lbMethod").asText()).isEqualTo("Weighted Round-Robin");
        assertThat(pool.get("vipId").asText()).isEqualTo("1");
        assertThat(pool.get("poolMembers")).extracting(JsonNode::asText).containsExactly("1", "2");
        JsonNode members = h.get(Q + "/pools/1/members").json();
        assertThat(members).extracting(n -> n.get("status").asText()).containsExactly("Active", "Inactive");
        assertThat(members.get(0).get("vipId").asText()).isEqualTo("1");
        assertThat(h.get(Q + "/members/2/").json().get(0).get("weight").asText()).isEqualTo("1");
    }

    @Test
    void lbMethodNamesAndNumbersMapToAlgorithms() {
        post("/pools/", "{\"id\":\"2\",\"lb_method\":\"STATISTICS\"}");
        post("/pools/", "{\"id\":\"3\",\"lb_method\":\"1\"}");
        post("/pools/", "{\"id\":\"4\",\"lb_method\":3}");
        assertThat(h.lb.config().pool(PoolId.of("1")).algorithm()).isEqualTo(Algorithm.WEIGHTED);
        assertThat(h.lb.config().pool(PoolId.of("2")).algorithm()).isEqualTo(Algorithm.LEAST_CONNECTIONS);
        assertThat(h.lb.config().pool(PoolId.of("3")).algorithm()).isEqualTo(Algorithm.ROUND_ROBIN);
        assertThat(h.lb.config().pool(PoolId.of("4")).algorithm()).isEqualTo(Algorithm.WEIGHTED);
        assertThat(h.get(Q + "/pools/2/").json().get(0).get("lbMethod").asText()).isEqualTo("Statistics");
        Reply bad = post("/pools/", "{\"id\":\"5\",\"lb_method\":\"FASTEST\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("lb_method");
    }

    @Test
    void weightRouteSetsTheWeight() {
        Reply r = h.call("PUT", Q + "/members/2/7/", null, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("0");
        assertThat(h.lb.config().member(MemberId.of("2")).weight()).isEqualTo(7);
        assertThat(h.call("POST", Q + "/members/2/3", null, Map.of()).status()).isEqualTo(200);
        assertThat(h.lb.config().member(MemberId.of("2")).weight()).isEqualTo(3);
        Reply nan = h.call("PUT", Q + "/members/2/heavy/", null, Map.of());
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.field()).isEqualTo("weight");
        assertThat(nan.json().get("status").asText()).startsWith("Error: ");
        assertThat(h.call("PUT", Q + "/members/2/5000/", null, Map.of()).field()).isEqualTo("weight");
        assertThat(h.call("PUT", Q + "/members/9/5/", null, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void updatesKeepWhatTheBodyLeavesOut() {
        post("/vips/1/", "{\"name\":\"renamed\"}");
        var vip = h.lb.config().vip(VipId.of("1"));
        assertThat(vip.name()).isEqualTo("renamed");
        assertThat(vip.address()).isEqualTo(IpAddress.parse("10.0.0.100"));
        assertThat(vip.poolId()).isEqualTo(PoolId.of("1"));
        h.call("PUT", Q + "/members/1/", "{\"weight\":\"4\"}", FORM);
        assertThat(h.lb.config().member(MemberId.of("1")).poolId()).isEqualTo(PoolId.of("1"));
        assertThat(h.lb.config().member(MemberId.of("1")).weight()).isEqualTo(4);
    }

    @Test
    void errorsHaveARealStatusAndFloodlightsStatusString() {
        Reply unknownField = post("/vips/", "{\"id\":\"9\",\"address\":\"10.0.0.9\",\"protocol\":\"tcp\",\"colour\":\"red\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.field()).isEqualTo("colour");
        assertThat(post("/vips/", "{\"id\":\"9\",\"address\":\"10.0.0.9\",\"protocol\":\"tcp\",\"tenant_id\":\"t\"}")
                .status()).as("fields Floodlight knows are accepted").isEqualTo(200);
        assertThat(post("/vips/", "{\"id\":\"8\",\"address\":\"10.0.0.300\"}").field()).isEqualTo("address");
        assertThat(post("/vips/", "{\"id\":\"8\",\"address\":\"10.0.0.8\",\"port\":\"eighty\"}").field())
                .isEqualTo("port");
        assertThat(post("/vips/", "{\"id\":\"8\",\"protocol\":\"tcp\"}").field()).isEqualTo("address");
        assertThat(post("/vips/", "{\"id\":\"8\",\"address\":\"10.0.0.8\"").status()).isEqualTo(400);
        Reply dangling = post("/members/", "{\"id\":\"7\",\"address\":\"10.0.0.7\",\"pool_id\":\"99\"}");
        assertThat(dangling.status()).isEqualTo(422);
        assertThat(dangling.field()).isEqualTo("pool_id");
        Reply mismatch = post("/vips/1/", "{\"id\":\"2\"}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.field()).isEqualTo("id");
        Reply missing = h.call("DELETE", Q + "/vips/77/", null, Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("status").asText()).startsWith("Error: ");
        assertThat(h.get(Q + "/vips/77/").status()).isEqualTo(404);
        assertThat(h.call("DELETE", Q + "/pools/1/", null, Map.of()).status()).as("pool in use").isEqualTo(409);
    }

    @Test
    void deleteAnswersFloodlightsStatus() {
        assertThat(h.call("DELETE", Q + "/members/2/", null, Map.of()).json().get("status").asText())
                .isEqualTo("200 OK!");
        assertThat(h.lb.config().members()).doesNotContainKey(MemberId.of("2"));
        assertThat(h.call("DELETE", Q + "/vips/1", null, Map.of()).status()).isEqualTo(200);
        assertThat(h.call("DELETE", Q + "/pools/1/", null, Map.of()).status()).isEqualTo(200);
        assertThat(h.lb.config().members()).isEmpty();
    }

    @Test
    void monitorsAreCreatedAttachedListedAndDetached() {
        Reply m = post("/health_monitors/", "{\"id\":\"hm1\",\"type\":\"TCP\",\"delay\":\"5\",\"timeout\":\"2\","
                + "\"attempts_before_deactivation\":\"3\"}");
        assertThat(m.status()).as(m.toString()).isEqualTo(200);
        var monitor = h.lb.config().monitor(MonitorId.of("hm1"));
        assertThat(monitor.type()).isEqualTo(MonitorType.TCP);
        assertThat(monitor.intervalMs()).isEqualTo(5000);
        assertThat(monitor.timeoutMs()).isEqualTo(2000);
        assertThat(monitor.fall()).isEqualTo(3);
        Reply bad = post("/health_monitors/", "{\"id\":\"hm2\",\"type\":\"TCP\",\"delay\":\"1\",\"timeout\":\"3\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("timeout");
        assertThat(post("/health_monitors/", "{\"id\":\"hm2\",\"type\":\"UDP\"}").field()).isEqualTo("type");
        Reply wrapped = post("/health_monitors/", "{\"monitor\":{\"id\":\"hm4\",\"type\":\"ICMP\",\"delay\":\"3\"}}");
        assertThat(wrapped.status()).as("the older wrapped form " + wrapped).isEqualTo(200);
        assertThat(h.lb.config().monitor(MonitorId.of("hm4")).intervalMs()).isEqualTo(3000);

        Reply attached = post("/pools/1/health_monitors/", "{\"id\":\"hm3\",\"type\":\"ICMP\",\"delay\":\"2\"}");
        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
        assertThat(attached.json()).extracting(n -> n.get("id").asText()).containsExactly("hm3");
        assertThat(h.get(Q + "/health_monitors/hm3/").json().get(0).get("poolId").asText()).isEqualTo("1");
        assertThat(h.get(Q + "/pools/1/health_monitors/").json()).hasSize(1);
        assertThat(h.call("DELETE", Q + "/health_monitors/hm3/", null, Map.of()).status()).as("in use").isEqualTo(409);
        assertThat(h.call("DELETE", Q + "/pools/1/health_monitors/hm3/", null, Map.of()).status()).isEqualTo(200);
        assertThat(h.lb.config().pool(PoolId.of("1")).monitorIds()).isEmpty();
        assertThat(h.call("DELETE", Q + "/pools/1/health_monitors/hm3/", null, Map.of()).status()).isEqualTo(404);
        assertThat(h.call("DELETE", Q + "/health_monitors/hm3/", null, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void poolStatsSumTheMembersTraffic() {
        JsonNode stats = h.get(Q + "/pools/1/stats/").json();
        assertThat(stats.get("Bytes In").asText()).isEqualTo("5400");
        assertThat(stats.get("Bytes Out").asText()).isEqualTo("7000");
        assertThat(stats.get("Active Flows").asText()).isEqualTo("4");
        assertThat(h.get(Q + "/pools/9/stats/").status()).isEqualTo(404);
    }

    @Test
    void priorityGivesOneMemberTheLargerWeight() {
        Reply r = post("/pools/1/members/2/", "");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(h.lb.config().member(MemberId.of("2")).weight()).isEqualTo(2);
        assertThat(h.lb.config().member(MemberId.of("1")).weight()).isEqualTo(1);
        assertThat(post("/pools/1/members/9/", "").status()).isEqualTo(404);
    }

    @Test
    void clearDeletesEverythingButRouterPools() {
        h.call("POST", "/api/v1/router-pools", "{\"id\":\"gw\",\"gateway_address\":\"10.0.0.254\",\"routers\":"
                + "[{\"address\":\"10.0.0.252\",\"mac\":\"02:00:00:00:00:01\"}]}");
        Reply r = h.call("DELETE", Q + "/clear/", null, Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).contains("have been deleted");
        assertThat(h.lb.config().vips()).isEmpty();
        assertThat(h.lb.config().members()).isEmpty();
        assertThat(h.lb.config().routerPools()).hasSize(1);
    }

    @Test
    void idsLeftOutAreAllocated() {
        Reply r = post("/vips/", "{\"name\":\"anon\",\"protocol\":\"udp\",\"address\":\"10.0.0.50\",\"port\":\"53\"}");
        assertThat(r.json().get("id").asText()).isEqualTo("2");
    }
}
