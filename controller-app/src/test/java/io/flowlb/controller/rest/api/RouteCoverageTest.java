package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.MetricsTextParser;
import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.controller.rest.RestHarness.Reply;
import io.flowlb.controller.rest.Route;
import io.flowlb.controller.view.NetworkView;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One successful request for every route of the router, each with the status it must answer; the
 * test fails when a route is added without a request here, so no route goes untested.
 */
class RouteCoverageTest extends HarnessTest {
    private static final String D = StatusApiTest.DPID;
    private static final String FORM = "application/x-www-form-urlencoded";

    /** A request: method, path, body (or null), Content-Type (or null), expected status. */
    record Call(String method, String path, String body, String type, int status) {
        static Call of(String method, String path, int status) {
            return new Call(method, path, null, null, status);
        }

        static Call json(String method, String path, String body, int status) {
            return new Call(method, path, body, "application/json", status);
        }

        static Call form(String method, String path, String body, int status) {
            return new Call(method, path, body, FORM, status);
        }
    }

    @Override
    protected NetworkView network() {
        return new StatusApiTest.OneSwitch();
    }

    private static List<Call> calls() {
        String member = "{\"id\":\"m9\",\"pool_id\":\"web\",\"address\":\"10.0.0.9\",\"port\":80}";
        String monitor = "{\"id\":\"hc\",\"type\":\"tcp\"}";
        String routers = "{\"id\":\"gw\",\"gateway_address\":\"10.0.0.254\",\"routers\":[{\"address\":\"10.0.0.252\","
                + "\"mac\":\"02:00:00:00:00:01\"}]}";
        String q = "/quantum/v1.0";
        return List.of(
                Call.json("POST", "/api/v1/pools", "{\"id\":\"p2\"}", 201),
                Call.of("GET", "/api/v1/pools", 200),
                Call.of("GET", "/api/v1/pools/p2", 200),
                Call.json("PUT", "/api/v1/pools/p2", "{\"name\":\"two\"}", 200),
                Call.json("POST", "/api/v1/vips", "{\"id\":\"v2\",\"address\":\"10.0.0.200\",\"protocol\":\"udp\"}", 201),
                Call.of("GET", "/api/v1/vips", 200),
                Call.of("GET", "/api/v1/vips/v2", 200),
                Call.json("PUT", "/api/v1/vips/v2", "{\"address\":\"10.0.0.200\",\"protocol\":\"udp\",\"port\":53}", 200),
                Call.of("DELETE", "/api/v1/vips/v2", 200),
                Call.of("DELETE", "/api/v1/pools/p2", 200),
                Call.json("POST", "/api/v1/members", member, 201),
                Call.of("GET", "/api/v1/members", 200),
                Call.of("GET", "/api/v1/members/m9", 200),
                Call.json("PUT", "/api/v1/members/m9", member.replace("\"port\":80", "\"port\":8080"), 200),
                Call.json("PUT", "/api/v1/members/m9/weight", "{\"weight\":7}", 200),
                Call.json("PUT", "/api/v1/members/m9/admin-state", "{\"admin_state\":\"drain\"}", 200),
                Call.of("GET", "/api/v1/pools/web/members", 200),
                Call.of("DELETE", "/api/v1/members/m9", 200),
                Call.json("POST", "/api/v1/monitors", monitor, 201),
                Call.of("GET", "/api/v1/monitors", 200),
                Call.of("GET", "/api/v1/monitors/hc", 200),
                Call.json("PUT", "/api/v1/monitors/hc", "{\"type\":\"icmp\"}", 200),
                Call.of("DELETE", "/api/v1/monitors/hc", 200),
                Call.json("POST", "/api/v1/router-pools", routers, 201),
                Call.of("GET", "/api/v1/router-pools", 200),
                Call.of("GET", "/api/v1/router-pools/gw", 200),
                Call.json("PUT", "/api/v1/router-pools/gw", routers, 200),
                Call.of("DELETE", "/api/v1/router-pools/gw", 200),
                Call.of("GET", "/api/v1/config", 200),
                Call.of("GET", "/api/v1/distribution", 200),
                Call.of("GET", "/api/v1/vips/v1/distribution", 200),
                Call.of("GET", "/api/v1/switches", 200),
                Call.of("GET", "/api/v1/switches/" + D, 200),
                Call.of("GET", "/api/v1/switches/" + D + "/ports", 200),
                Call.of("GET", "/api/v1/switches/" + D + "/flows", 200),
                Call.of("GET", "/api/v1/switches/" + D + "/groups", 200),
                Call.of("GET", "/api/v1/hosts", 200),
                Call.of("GET", "/api/v1/connections", 200),
                Call.json("POST", "/api/v1/agents/report", "{\"member_id\":\"m1\",\"cpu_percent\":5}", 202),
                Call.of("GET", "/api/v1/agents", 200),
                Call.of("GET", "/api/v1/agents/m1", 200),
                Call.of("GET", "/metrics", 200),
                Call.of("GET", "/api/v1/openapi.json", 200),
                Call.of("GET", "/", 200),
                Call.of("GET", "/web/app.js", 200),
                Call.form("POST", q + "/vips/", "{\"id\":\"10\",\"protocol\":\"tcp\",\"address\":\"10.0.1.100\"}", 200),
                Call.of("GET", q + "/vips/", 200),
                Call.of("GET", q + "/vips/10/", 200),
                Call.form("PUT", q + "/vips/10/", "{\"name\":\"ten\"}", 200),
                Call.form("POST", q + "/vips/10/", "{\"port\":\"81\"}", 200),
                Call.form("POST", q + "/pools/", "{\"id\":\"10\",\"vip_id\":\"10\"}", 200),
                Call.of("GET", q + "/pools/", 200),
                Call.of("GET", q + "/pools/10/", 200),
                Call.form("PUT", q + "/pools/10/", "{\"lb_method\":\"WRR\"}", 200),
                Call.form("POST", q + "/pools/10/", "{\"name\":\"ten\"}", 200),
                Call.form("POST", q + "/members/", "{\"id\":\"10\",\"address\":\"10.0.1.1\",\"pool_id\":\"10\"}", 200),
                Call.of("GET", q + "/members/", 200),
                Call.of("GET", q + "/members/10/", 200),
                Call.form("PUT", q + "/members/10/", "{\"port\":\"81\"}", 200),
                Call.form("POST", q + "/members/10/", "{\"weight\":\"2\"}", 200),
                Call.of("PUT", q + "/members/10/4/", 200),
                Call.of("POST", q + "/members/10/5/", 200),
                Call.of("GET", q + "/pools/10/members/", 200),
                Call.of("PUT", q + "/pools/10/members/10/", 200),
                Call.of("POST", q + "/pools/10/members/10/", 200),
                Call.of("GET", q + "/pools/10/stats/", 200),
                Call.form("POST", q + "/health_monitors/", "{\"id\":\"10\",\"type\":\"ICMP\"}", 200),
                Call.of("GET", q + "/health_monitors/", 200),
                Call.of("GET", q + "/health_monitors/10/", 200),
                Call.form("PUT", q + "/health_monitors/10/", "{\"delay\":\"10\"}", 200),
                Call.form("POST", q + "/health_monitors/10/", "{\"timeout\":\"3\"}", 200),
                Call.form("PUT", q + "/pools/10/health_monitors/", "{\"id\":\"10\"}", 200),
                Call.form("POST", q + "/pools/10/health_monitors/", "{\"id\":\"11\",\"type\":\"TCP\"}", 200),
                Call.of("GET", q + "/pools/10/health_monitors/", 200),
                Call.of("DELETE", q + "/pools/10/health_monitors/11/", 200),
                Call.of("DELETE", q + "/health_monitors/11/", 200),
                Call.of("DELETE", q + "/members/10/", 200),
                Call.of("DELETE", q + "/vips/10/", 200),
                Call.of("DELETE", q + "/pools/10/", 200),
                Call.of("DELETE", q + "/clear/", 200),
                Call.json("PUT", "/api/v1/config", "{\"pools\":[{\"id\":\"web\"}]}", 200));
    }

    @Test
    void everyRouteAnswersASuccessfulRequest() throws Exception {
        h.webPool("round_robin", 2);
        for (Call c : calls()) {
            Reply r = c.body == null ? h.call(c.method, c.path, null, Map.of())
                    : h.call(c.method, c.path, c.body, Map.of("Content-Type", c.type));
            assertThat(r.status()).as(c.method + " " + c.path + " -> " + r).isEqualTo(c.status);
        }
        Set<String> hit = new HashSet<>();
        for (var s : MetricsTextParser.parse(h.metrics.scrapeText()).get("flowlb_rest_requests_total")) {
            hit.add(s.labels().get("method") + " " + s.labels().get("route"));
        }
        RestContext ctx = new RestContext(h.lb, h.agents, null, new StatusApiTest.OneSwitch(),
                new MetricRegistry(), h.mapper, Duration.ofSeconds(1));
        Set<String> routes = new HashSet<>();
        for (Route route : RestApi.router(ctx).routes()) {
            routes.add(route.method() + " " + route.normalizedPattern());
        }
        assertThat(hit).as("routes without a request in this test").containsAll(routes);
    }
}
