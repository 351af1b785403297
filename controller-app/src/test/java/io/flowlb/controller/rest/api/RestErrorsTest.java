package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.controller.rest.RestHarness.Reply;
import io.flowlb.controller.rest.RestSettings;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad request gets its status and names the field, never a 500. */
class RestErrorsTest extends HarnessTest {

    @Override
    protected RestSettings settings() {
        return RestSettings.defaults().withMaxBodyBytes(4096);
    }

    @BeforeEach
    void webPool() {
        h.webPool("round_robin", 1);
    }

    @AfterEach
    void noInternalErrors() {
        assertThat(h.metrics.scrapeText()).doesNotContain("status=\"500\"");
    }

    private static void assertError(Reply r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().has("error")).as(r.toString()).isTrue();
        assertThat(r.json().has("field")).as("the field key is always present").isTrue();
        assertThat(r.field()).as(r.toString()).isEqualTo(field);
    }

    @Test
    void malformedJsonIs400WithoutAField() {
        assertError(h.call("POST", "/api/v1/vips", "{\"id\": \"v2\", "), 400, null);
        assertError(h.call("POST", "/api/v1/vips", "[1,2]"), 400, null);
        assertError(h.call("POST", "/api/v1/vips", "null"), 400, null);
        assertError(h.call("POST", "/api/v1/vips", null, Map.of("Content-Type", "application/json")), 400, null);
    }

    @Test
    void unknownFieldIs400NamingIt() {
        Reply r = h.call("POST", "/api/v1/members", "{\"id\":\"m2\",\"pool_id\":\"web\",\"address\":\"10.0.0.2\","
                + "\"wieght\":4}");
        assertError(r, 400, "wieght");
        assertThat(r.json().get("error").asText()).contains("weight");
        assertError(h.call("PUT", "/api/v1/members/m1/weight", "{\"weight\":4,\"force\":true}"), 400, "force");
    }

    @Test
    void invalidValuesAre400NamingTheField() {
        assertError(h.call("POST", "/api/v1/vips", "{\"id\":\"v2\",\"address\":\"10.0.0.300\",\"protocol\":\"tcp\"}"),
                400, "address");
        assertError(h.call("POST", "/api/v1/vips", "{\"id\":\"v2\",\"address\":\"10.0.0.2\",\"protocol\":\"tcp\","
                + "\"port\":70000}"), 400, "port");
        assertError(h.call("POST", "/api/v1/vips", "{\"id\":\"v2\",\"address\":\"10.0.0.2\",\"protocol\":\"icmp\","
                + "\"port\":8}"), 400, "port");
        assertError(h.call("POST", "/api/v1/vips", "{\"id\":\"v 2\",\"address\":\"10.0.0.2\",\"protocol\":\"tcp\"}"),
                400, "id");
        assertError(h.call("POST", "/api/v1/vips", "{\"id\":\"v2\",\"protocol\":\"tcp\"}"), 400, "address");
        assertError(h.call("POST", "/api/v1/members", "{\"id\":\"m2\",\"pool_id\":\"web\",\"address\":\"10.0.0.2\","
                + "\"weight\":5000}"), 400, "weight");
        assertError(h.call("POST", "/api/v1/members", "{\"id\":\"m2\",\"pool_id\":\"web\",\"address\":\"10.0.0.2\","
                + "\"port\":\"80\"}"), 400, "port");
        assertError(h.call("POST", "/api/v1/monitors", "{\"id\":\"x\",\"type\":\"http\",\"interval_ms\":1000,"
                + "\"timeout_ms\":2000}"), 400, "timeout_ms");
        assertError(h.call("POST", "/api/v1/router-pools", "{\"id\":\"gw\",\"gateway_address\":\"10.0.0.254\","
                + "\"routers\":[{\"address\":\"10.0.0.1\",\"mac\":\"02:00:00:00:00:01\"},{\"address\":\"10.0.0.2\","
                + "\"mac\":\"nope\"}]}"), 400, "routers[1].mac");
        assertError(h.get("/api/v1/vips/bad%20id"), 400, "id");
    }

    @Test
    void unknownReferenceIs422NamingTheField() {
        assertError(h.call("POST", "/api/v1/members", "{\"id\":\"m2\",\"pool_id\":\"nope\",\"address\":\"10.0.0.2\"}"),
                422, "pool_id");
        assertError(h.call("PUT", "/api/v1/vips/v1", "{\"address\":\"10.0.0.100\",\"protocol\":\"tcp\",\"port\":80,"
                + "\"pool_id\":\"nope\"}"), 422, "pool_id");
        assertError(h.call("POST", "/api/v1/pools", "{\"id\":\"p2\",\"monitor_ids\":[\"nope\"]}"), 422, "monitor_ids");
        assertError(h.call("POST", "/api/v1/vips", "{\"id\":\"v2\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\","
                + "\"port\":80}"), 422, "address");
    }

    @Test
    void duplicateIdAndObjectsInUseAre409() {
        assertError(h.call("POST", "/api/v1/vips", "{\"id\":\"v1\",\"address\":\"10.0.0.200\",\"protocol\":\"tcp\"}"),
                409, "id");
        assertError(h.call("DELETE", "/api/v1/pools/web", null), 409, "id");
    }

    @Test
    void missingObjectsAre404NamingTheField() {
        assertError(h.get("/api/v1/members/ghost"), 404, "id");
        assertError(h.call("DELETE", "/api/v1/monitors/ghost", null), 404, "id");
        assertError(h.call("PUT", "/api/v1/members/ghost/weight", "{\"weight\":2}"), 404, "id");
        assertError(h.get("/api/v1/pools/ghost/members"), 404, "id");
        assertError(h.get("/api/v1/nothing/here"), 404, null);
        assertError(h.get("/api/v1/vips/v1/distribution/extra"), 404, null);
    }

    @Test
    void bodyIdDifferentFromTheUrlIs400() {
        assertError(h.call("PUT", "/api/v1/vips/v1", "{\"id\":\"v9\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\"}"),
                400, "id");
    }

    @Test
    void wrongMethodIs405WithTheAllowedOnes() {
        Reply r = h.call("PATCH", "/api/v1/vips", "{}");
        assertError(r, 405, null);
        assertThat(r.header("Allow")).isEqualTo("GET, POST");
        assertThat(h.call("DELETE", "/api/v1/config", null).header("Allow")).isEqualTo("GET, PUT");
    }

    @Test
    void writesNeedAJsonContentType() {
        assertError(h.call("POST", "/api/v1/pools", "{\"id\":\"p2\"}", Map.of("Content-Type", "text/plain")), 415, null);
        assertError(h.call("POST", "/api/v1/pools", "{\"id\":\"p2\"}",
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 415, null);
        assertThat(h.call("POST", "/api/v1/pools", "{\"id\":\"p2\"}",
                Map.of("Content-Type", "application/json; charset=utf-8")).status()).isEqualTo(201);
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"id\":\"p3\",\"name\":\"" + "x".repeat(5000) + "\"}";
        assertError(h.call("POST", "/api/v1/pools", big), 413, null);
        assertThat(h.lb.config().pools()).doesNotContainKey(PoolId.of("p3"));
        String chunked = "POST /api/v1/pools HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(big.length())
                + "\r\n" + big + "\r\n0\r\n\r\n";
        assertError(h.raw(chunked), 413, null);
    }

    @Test
    void outOfRangeWeightAndBadAdminStateAre400() {
        assertError(h.call("PUT", "/api/v1/members/m1/weight", "{\"weight\":1001}"), 400, "weight");
        assertError(h.call("PUT", "/api/v1/members/m1/weight", "{\"weight\":-1}"), 400, "weight");
        assertError(h.call("PUT", "/api/v1/members/m1/weight", "{\"weight\":2.5}"), 400, "weight");
        assertError(h.call("PUT", "/api/v1/members/m1/weight", "{}"), 400, "weight");
        assertError(h.call("PUT", "/api/v1/members/m1/admin-state", "{\"admin_state\":\"sleepy\"}"), 400, "admin_state");
        assertError(h.call("PUT", "/api/v1/members/m1/admin-state", "{}"), 400, "admin_state");
        assertThat(h.lb.config().member(MemberId.of("m1")).weight()).isEqualTo(1);
    }

    @Test
    void malformedUrlsAre400() {
        // The JDK server refuses a URI that does not parse before any handler runs (its own HTML body).
        assertThat(h.raw("GET /api/v1/vips/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(400);
        assertError(h.raw("GET /api/v1/vips/%ff%fe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, null);
    }
}
