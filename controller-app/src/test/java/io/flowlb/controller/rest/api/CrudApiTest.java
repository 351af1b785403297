package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.controller.rest.RestHarness.Reply;
import org.junit.jupiter.api.Test;

class CrudApiTest extends HarnessTest {


    @Test
    void vipIsCreatedListedFetchedReplacedAndDeleted() {
        Reply created = h.call("POST", "/api/v1/vips", "{\"id\":\"web\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\","
                + "\"port\":80}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/vips/web");
        assertThat(created.json().get("mode").asText()).isEqualTo("nat");
        assertThat(created.json().get("admin_state").asText()).isEqualTo("up");

        assertThat(h.get("/api/v1/vips").json()).hasSize(1);
        assertThat(h.get("/api/v1/vips/web").json().get("address").asText()).isEqualTo("10.0.0.100");

        Reply replaced = h.call("PUT", "/api/v1/vips/web", "{\"name\":\"front\",\"address\":\"10.0.0.100\","
                + "\"protocol\":\"tcp\",\"port\":8080,\"mode\":\"dsr\"}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(h.get("/api/v1/vips/web").json().get("port").asInt()).isEqualTo(8080);
        assertThat(h.lb.config().vips()).hasSize(1);

        Reply deleted = h.call("DELETE", "/api/v1/vips/web", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("name").asText()).isEqualTo("front");
        Reply gone = h.get("/api/v1/vips/web");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.field()).isEqualTo("id");
    }

    @Test
    void putCreatesWhenTheIdIsNew() {
        Reply r = h.call("PUT", "/api/v1/pools/p9", "{\"algorithm\":\"least-connections\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo("p9");
        assertThat(r.json().get("algorithm").asText()).isEqualTo("least_connections");
    }

    @Test
    void postWithoutIdGetsTheSmallestFreeNumber() {
        h.call("POST", "/api/v1/pools", "{\"id\":\"1\"}");
        Reply r = h.call("POST", "/api/v1/pools", "{\"name\":\"second\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("id").asText()).isEqualTo("2");
        assertThat(r.header("Location")).isEqualTo("/api/v1/pools/2");
    }

    @Test
    void membersMonitorsAndRouterPoolsHaveTheSameFiveRoutes() {
        assertThat(h.call("POST", "/api/v1/monitors", "{\"id\":\"hc\",\"type\":\"http\",\"http_path\":\"/health\"}")
                .status()).isEqualTo(201);
        assertThat(h.call("POST", "/api/v1/pools", "{\"id\":\"web\",\"monitor_ids\":[\"hc\"]}").status()).isEqualTo(201);
        assertThat(h.call("POST", "/api/v1/members", "{\"id\":\"m1\",\"pool_id\":\"web\",\"address\":\"10.0.0.1\","
                + "\"port\":80,\"weight\":3}").status()).isEqualTo(201);
        assertThat(h.get("/api/v1/members/m1").json().get("weight").asInt()).isEqualTo(3);
        assertThat(h.call("PUT", "/api/v1/monitors/hc", "{\"type\":\"tcp\"}").json().get("type").asText())
                .isEqualTo("tcp");
        Reply rp = h.call("POST", "/api/v1/router-pools", "{\"id\":\"gw\",\"gateway_address\":\"10.0.0.254\","
                + "\"routers\":[{\"address\":\"10.0.0.252\",\"mac\":\"02:00:00:00:00:01\"}]}");
        assertThat(rp.status()).as(rp.toString()).isEqualTo(201);
        assertThat(h.get("/api/v1/router-pools").json().get(0).get("selection").asText()).isEqualTo("load_vector");
        assertThat(h.call("DELETE", "/api/v1/router-pools/gw", null).status()).isEqualTo(200);
        assertThat(h.call("DELETE", "/api/v1/members/m1", null).status()).isEqualTo(200);
        assertThat(h.get("/api/v1/monitors").json()).hasSize(1);
    }

    @Test
    void deletingAPoolDeletesItsMembers() {
        h.call("POST", "/api/v1/pools", "{\"id\":\"web\"}");
        h.call("POST", "/api/v1/members", "{\"id\":\"m1\",\"pool_id\":\"web\",\"address\":\"10.0.0.1\"}");
        assertThat(h.call("DELETE", "/api/v1/pools/web", null).status()).isEqualTo(200);
        assertThat(h.get("/api/v1/members").json()).isEmpty();
    }
}
