package io.flowlb.controller.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web servers h1..h3 (10.0.0.1-3, port 80) of the integration tests, each a Python HTTP
 * server in its namespace whose page names it, and every other process the tests start in a
 * namespace. {@link #close} kills them all.
 */
final class ServerHosts implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Path dir;
    private final Map<Integer, Process> servers = new HashMap<>();
    private final List<Process> processes = new ArrayList<>();

    ServerHosts(Path dir) {
        this.dir = dir;
    }

    /** Starts a process in namespace {@code ns}, its output discarded. */
    Process spawn(String ns, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }

    /** Starts server {@code i} and waits until it answers in its own namespace. */
    void start(int i) throws Exception {
        Path www = Files.createDirectories(dir.resolve("www-h" + i));
        Files.writeString(www.resolve("index.html"), "h" + i + "\n");
        servers.put(i, spawn("h" + i, "/usr/bin/python3", "-m", "http.server", "80", "--bind", "10.0.0." + i,
                "--directory", www.toString()));
        assertThat(Lab.await(WAIT, () -> Lab.run(List.of("ip", "netns", "exec", "h" + i, "curl", "-s", "-o",
                "/dev/null", "-m", "1", "http://10.0.0." + i + "/")).code() == 0)).as("server h%d runs", i).isTrue();
    }

    /** Kills server {@code i}'s HTTP process (SIGKILL) and waits until it is gone. */
    void kill(int i) throws InterruptedException {
        servers.get(i).destroyForcibly().waitFor();
    }

    /**
     * Each server posts a load report from its namespace to the REST API at
     * {@code controller:port}, matched to its member by address and port; h1 reports
     * {@code cpuOfH1} per cent CPU, the others 20.
     */
    void reportRound(String controller, int port, double cpuOfH1) {
        for (int i = 1; i <= 3; i++) {
            String json = "{\"address\":\"10.0.0." + i + "\",\"port\":80,\"cpu_percent\":" + (i == 1 ? cpuOfH1 : 20)
                    + ",\"memory_percent\":30,\"active_clients\":1}";
            Lab.Result r = Lab.run(List.of("ip", "netns", "exec", "h" + i, "curl", "-s", "-f", "-m", "2", "-X", "POST",
                    "-H", "Content-Type: application/json", "-d", json,
                    "http://" + controller + ":" + port + "/api/v1/agents/report"));
            assertThat(r.code()).as("report from h%d: %s", i, r.err()).isZero();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
