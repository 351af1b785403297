package io.flowlb.controller.rest.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller process configured through REST and killed with SIGKILL (no shutdown hook, no
 * flush) comes back with the same VIPs, pools, members and weights.
 */
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void killedControllerRestartsWithTheSameConfiguration() throws Exception {
        Path state = dir.resolve("state");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ControllerProcessMain.class.getName(), state.toString())
                .redirectError(dir.resolve("child.err").toFile()).start();
        try {
            int port = port(p);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            for (String[] call : List.of(
                    new String[] {"POST", "/api/v1/pools", "{\"id\":\"web\",\"algorithm\":\"weighted\"}"},
                    new String[] {"POST", "/api/v1/vips", "{\"id\":\"v1\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\","
                            + "\"port\":80,\"pool_id\":\"web\"}"},
                    new String[] {"POST", "/api/v1/members", "{\"id\":\"m1\",\"pool_id\":\"web\",\"address\":\"10.0.0.1\"}"},
                    new String[] {"POST", "/api/v1/members", "{\"id\":\"m2\",\"pool_id\":\"web\",\"address\":\"10.0.0.2\"}"},
                    new String[] {"PUT", "/api/v1/members/m2/weight", "{\"weight\":6}"},
                    new String[] {"PUT", "/api/v1/members/m1/admin-state", "{\"admin_state\":\"maint\"}"})) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + call[1]))
                        .method(call[0], HttpRequest.BodyPublishers.ofString(call[2]))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(call[0] + " " + call[1] + ": " + r.body()).isBetween(200, 201);
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        LbManager restarted = LbManager.start(new StateStore(state, LbJson.newMapper()), new MetricRegistry());
        try {
            LbConfig c = restarted.config();
            assertThat(c.vip(VipId.of("v1")).poolId()).isEqualTo(PoolId.of("web"));
            assertThat(c.members()).containsOnlyKeys(MemberId.of("m1"), MemberId.of("m2"));
            assertThat(c.member(MemberId.of("m2")).weight()).isEqualTo(6);
            assertThat(c.member(MemberId.of("m1")).adminState()).isEqualTo(AdminState.MAINT);
        } finally {
            restarted.close();
        }
    }

    private int port(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("the controller process did not start: " + Files.readString(dir.resolve("child.err")));
    }
}
