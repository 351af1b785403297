package io.flowlb.controller.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.controller.rest.api.RestApi;
import io.flowlb.controller.rest.api.RestContext;
import io.flowlb.controller.view.ConfiguredDistributionView;
import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.NetworkView;
import io.flowlb.controller.view.NetworkViewAdapter;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real controller HTTP stack on loopback for tests: LbManager on a state directory, the agent
 * intake, the views (stubbable), the full route table, RestServer on a free port, and an HTTP
 * client.
 */
public final class RestHarness implements AutoCloseable {
    public final Path stateDir;
    public final MetricRegistry metrics = new MetricRegistry();
    public final ObjectMapper mapper = LbJson.newMapper();
    public final LbManager lb;
    public final AgentReportIntake agents;
    public final RestServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One HTTP answer. */
    public record Reply(int status, String body, Map<String, List<String>> headers, ObjectMapper mapper) {
        public JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        /** The {@code field} of an error body (null when the body says null). */
        public String field() {
            JsonNode f = json().get("field");
            return f == null || f.isNull() ? null : f.asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public RestHarness(Path stateDir) throws Exception {
        this(stateDir, RestSettings.defaults(), null, new NetworkViewAdapter());
    }

    public RestHarness(Path stateDir, RestSettings settings, DistributionView distribution, NetworkView network)
            throws Exception {
        this.stateDir = stateDir;
        this.lb = LbManager.start(new StateStore(stateDir, mapper), metrics);
        this.agents = new AgentReportIntake(lb, mapper, Clock.systemUTC(), metrics);
        DistributionView d = distribution != null ? distribution : new ConfiguredDistributionView(lb::config, lb::version);
        RestContext ctx = new RestContext(lb, agents, d, network, metrics, mapper, Duration.ofSeconds(10));
        this.server = RestServer.start(settings.withBind("127.0.0.1").withPort(0), RestApi.router(ctx), mapper, metrics);
    }

    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    public Reply get(String path) {
        return call("GET", path, null, Map.of());
    }

    /** A request with a JSON body ({@code Content-Type: application/json}) or none when {@code json} is null. */
    public Reply call(String method, String path, String json) {
        return call(method, path, json, json == null ? Map.of() : Map.of("Content-Type", "application/json"));
    }

    public Reply call(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().map(), mapper);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Creates pool {@code web} (with {@code algorithm}), VIP {@code v1} on 10.0.0.100 TCP 80 bound to it, and
     * members {@code m1..mN} on 10.0.0.1..N port 80; fails the test if any write fails.
     */
    public void webPool(String algorithm, int members) {
        expect(201, call("POST", "/api/v1/pools", "{\"id\":\"web\",\"algorithm\":\"" + algorithm + "\"}"));
        expect(201, call("POST", "/api/v1/vips", "{\"id\":\"v1\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\","
                + "\"port\":80,\"pool_id\":\"web\"}"));
        for (int i = 1; i <= members; i++) {
            expect(201, call("POST", "/api/v1/members", "{\"id\":\"m" + i + "\",\"pool_id\":\"web\","
                    + "\"address\":\"10.0.0." + i + "\",\"port\":80}"));
        }
    }

    private static void expect(int status, Reply r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ", got " + r);
        }
    }

    /** Sends {@code request} as raw bytes (for requests a well-behaved client refuses to send); answers the reply. */
    public Reply raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            return new Reply(status, split < 0 ? "" : text.substring(split + 4), Map.of(), mapper);
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }

    @Override
    public void close() {
        server.close();
        lb.close();
    }
}
