package io.flowlb.controller.master;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.controller.Controller;
import io.flowlb.controller.lb.DistributionSink;
import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.controller.rest.RestServer;
import io.flowlb.controller.rest.RestSettings;
import io.flowlb.controller.rest.api.RestApi;
import io.flowlb.controller.rest.api.RestContext;
import io.flowlb.controller.view.NetworkViewAdapter;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.PoolId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The controller's LB side as the integration tests run it: the LB control loop, the agent
 * intake, the REST API on every address (agents in namespaces post to it), and the resource
 * manager and master module started on a launched {@link Controller}. Distributions are recorded
 * with their time, and handed on to the LB application when it runs.
 */
final class LbStack implements AutoCloseable {
    /** One publication, stamped with {@link System#nanoTime()}. */
    record Publication(long atNanos, PoolId pool, PoolWeights weights) {
    }

    final MetricRegistry metrics = new MetricRegistry();
    final ObjectMapper mapper = LbJson.newMapper();
    final List<Publication> published = new CopyOnWriteArrayList<>();
    final LbManager lb;
    final AgentReportIntake intake;
    final MasterService master;
    final RestServer rest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param loadBalancer whether to start the LB application, which then receives every distribution
     */
    LbStack(Controller controller, Path stateDir, boolean loadBalancer) throws Exception {
        lb = LbManager.start(new StateStore(stateDir, mapper), metrics);
        intake = new AgentReportIntake(lb, mapper, Clock.systemUTC(), metrics);
        DistributionSink next = loadBalancer ? controller.startLoadBalancer(lb) : null;
        DistributionSink recorder = (pool, weights) -> {
            published.add(new Publication(System.nanoTime(), pool, weights));
            if (next != null) {
                next.publish(pool, weights);
            }
        };
        master = controller.startMasterModule(lb, intake, recorder, metrics);
        RestContext ctx = new RestContext(lb, intake, new MasterDistributionView(lb::config, master,
                TrafficSource.NONE), new NetworkViewAdapter(), metrics, mapper, Duration.ofSeconds(10));
        rest = RestApi.start(RestSettings.defaults().withBind("0.0.0.0").withPort(0), ctx);
    }

    /** A monitor that notices a stopped server well within 2 s. */
    static final String FAST_HTTP_MONITOR = "{\"id\":\"http\",\"type\":\"http\",\"interval_ms\":500,"
            + "\"timeout_ms\":300,\"rise\":2,\"fall\":2}";

    /**
     * Configures through the REST API pool {@code web} ({@code algorithm}, checked by
     * {@link #FAST_HTTP_MONITOR} when {@code monitored}), VIP {@code v1} 10.0.0.100:80 on it, and
     * members m1..m3 on 10.0.0.1..3:80, m1 with an agent port when {@code agentPortOfM1} is not 0.
     */
    void webPool(String algorithm, boolean monitored, int agentPortOfM1) {
        if (monitored) {
            call("POST", "/api/v1/monitors", FAST_HTTP_MONITOR);
        }
        call("POST", "/api/v1/pools", "{\"id\":\"web\",\"algorithm\":\"" + algorithm + "\""
                + (monitored ? ",\"monitor_ids\":[\"http\"]" : "") + "}");
        call("POST", "/api/v1/vips", "{\"id\":\"v1\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\","
                + "\"port\":80,\"pool_id\":\"web\"}");
        for (int i = 1; i <= 3; i++) {
            call("POST", "/api/v1/members", "{\"id\":\"m" + i + "\",\"pool_id\":\"web\",\"address\":\"10.0.0." + i
                    + "\",\"port\":80" + (i == 1 && agentPortOfM1 > 0 ? ",\"agent_port\":" + agentPortOfM1 : "") + "}");
        }
    }

    /** True when every member of {@code pool} has been found UP by its monitors. */
    boolean allUp(PoolId pool) {
        PoolStatus p = master.snapshot().pool(pool);
        return p != null && !p.members().isEmpty()
                && p.members().stream().allMatch(m -> m.health() == io.flowlb.loadbalancer.distribution.Health.UP);
    }

    /** The last weights published for {@code pool}, or null. */
    PoolWeights last(PoolId pool) {
        for (int i = published.size() - 1; i >= 0; i--) {
            if (published.get(i).pool().equals(pool)) {
                return published.get(i).weights();
            }
        }
        return null;
    }

    /** Sends a request to the REST API over loopback; fails unless the status is 2xx. */
    JsonNode call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest.port() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body().isEmpty() ? null : mapper.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        rest.close();
        lb.close();
    }
}
