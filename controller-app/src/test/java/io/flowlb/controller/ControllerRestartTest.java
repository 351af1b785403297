package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./flowlb controller} as a process ({@code ControllerMain} in its own JVM), configured
 * through its REST API and killed with SIGKILL (no shutdown hook, nothing flushed): started again
 * on the same state directory it has the same VIPs, pools, members, weights and admin states.
 */
class ControllerRestartTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process start(int restPort, String log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ControllerMain.class.getName(), "--openflow-port", "0",
                "--rest-port", Integer.toString(restPort), "--state-dir", dir.resolve("state").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        processes.add(p);
        RestClient rest = RestClient.local(restPort);
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (rest.get("/api/v1/vips").status() == 200) {
                    return p;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the controller did not start: " + Files.readString(dir.resolve(log)));
    }

    @Test
    void aControllerKilledWithSigkillRestartsWithTheConfigurationMadeThroughRest() throws Exception {
        int port = ControllerLaunchTest.freePort();
        Process first = start(port, "first.log");
        RestClient rest = RestClient.local(port);
        rest.ok("POST", "/api/v1/pools", "{\"id\":\"web\",\"algorithm\":\"weighted\"}");
        rest.ok("POST", "/api/v1/vips", "{\"id\":\"v1\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\",\"port\":80,"
                + "\"pool_id\":\"web\"}");
        rest.ok("POST", "/api/v1/members", "{\"id\":\"m1\",\"pool_id\":\"web\",\"address\":\"10.0.0.1\"}");
        rest.ok("POST", "/api/v1/members", "{\"id\":\"m2\",\"pool_id\":\"web\",\"address\":\"10.0.0.2\"}");
        rest.ok("PUT", "/api/v1/members/m2/weight", "{\"weight\":6}");
        rest.ok("PUT", "/api/v1/members/m1/admin-state", "{\"admin_state\":\"maint\"}");
        JsonNode before = rest.get("/api/v1/config").json();

        first.destroyForcibly();
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        start(port, "second.log");

        JsonNode after = rest.get("/api/v1/config").json();
        assertThat(after).isEqualTo(before);
        assertThat(after.get("members").findValuesAsText("id")).containsExactly("m1", "m2");
        assertThat(rest.get("/api/v1/members/m2").json().get("weight").asInt()).isEqualTo(6);
        assertThat(rest.get("/api/v1/members/m1").json().get("admin_state").asText()).isEqualTo("maint");
    }
}
