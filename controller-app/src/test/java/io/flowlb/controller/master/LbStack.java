package io.flowlb.controller.master;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.controller.Controller;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.PoolId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The LB side of a launched {@link Controller} as the integration tests use it: its LB control
 * loop, agent intake, master module and REST API (which the controller binds on every address, so
 * agents in namespaces post to it), with every distribution the master module publishes recorded
 * with its time (after the LB application has it).
 */
final class LbStack implements AutoCloseable {
    /** One publication, stamped with {@link System#nanoTime()}. */
    record Publication(long atNanos, PoolId pool, PoolWeights weights) {
    }

    final List<Publication> published = new CopyOnWriteArrayList<>();
    final LbService lb;
    final AgentReportIntake intake;
    final MasterService master;
    final Rest rest;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The REST server's port, as the tests ask for it. */
    record Rest(int port) {
    }

    LbStack(Controller controller) {
        lb = controller.lbService();
        intake = controller.agentIntake();
        master = controller.masterService();
        rest = new Rest(controller.restPort());
        if (rest.port() < 0) {
            throw new IllegalStateException("launch the controller with a REST port");
        }
        controller.addDistributionListener((pool, weights) -> published.add(new Publication(System.nanoTime(), pool,
                weights)));
    }

    /** The configuration of a controller for these tests: any OpenFlow port, REST on 8080, state in {@code dir}. */
    static ControllerConfig config(Path dir) {
        ControllerConfig c = Lab.testConfig();
        return c.withRest(c.rest().withPort(8080)).withState(c.state().withDir(dir));
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

    /** The controller stops everything; nothing of its own to stop. */
    @Override
    public void close() {
    }
}
