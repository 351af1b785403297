package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./flowlb agent} as a separate JVM: exit statuses, {@code --once}, SIGTERM. */
@Timeout(60)
class AgentMainTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private ControllerStub controller;
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Run run = run("--help");

        assertThat(run.status).isZero();
        assertThat(run.stdout).startsWith("Usage: ./flowlb agent [options]").contains("--controller HOST[:PORT]");
    }

    @Test
    void aBadFlagExitsTwoWithTheFlagNamed() throws Exception {
        Run run = run("--interval", "soon", "--controller", "c");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).contains("--interval 'soon' is not a duration");
    }

    @Test
    void onceSendsOneReportAndExitsZeroWhenAccepted() throws Exception {
        controller = new ControllerStub();

        Run run = run("--once", "--controller", controller.hostPort(), "--address", "127.0.0.1", "--interval", "200ms");

        assertThat(run.status).isZero();
        assertThat(MiniJson.object(controller.next(WAIT).body())).containsEntry("sequence", BigDecimal.ONE)
                .containsKeys("cpu_percent", "memory_percent", "active_clients");
        assertThat(controller.next(Duration.ofMillis(300))).isNull();
    }

    @Test
    void onceExitsOneAndShowsTheControllersErrorWhenRejected() throws Exception {
        controller = new ControllerStub();
        controller.answer(400, "{\"error\": \"no member 127.0.0.1:80\"}");

        Run run = run("--once", "--controller", controller.hostPort(), "--address", "127.0.0.1", "--interval", "100ms");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.stderr).contains("HTTP 400", "no member 127.0.0.1:80");
    }

    @Test
    void aTakenAgentPortStopsTheStartWithStatusOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Run run = run("--agent-port", String.valueOf(taken.getLocalPort()), "--address", "127.0.0.1");

            assertThat(run.status).isEqualTo(1);
            assertThat(run.stderr).contains("cannot start: cannot listen on agent-check port " + taken.getLocalPort());
        }
    }

    @Test
    void sigtermStopsTheAgentCleanly(@TempDir Path dir) throws Exception {
        controller = new ControllerStub();
        int agentPort = freePort();
        Path stderr = dir.resolve("stderr");
        process = start(stderr, "--controller", controller.hostPort(), "--address", "127.0.0.1", "--interval", "200ms",
                "--agent-port", String.valueOf(agentPort));

        assertThat(controller.next(WAIT)).isNotNull();
        assertThat(Files.readString(stderr)).contains("INFO  flowlb-agent: started: service 127.0.0.1:80");
        assertThat(AgentCheckServerTest.poll(agentPort, null)).startsWith("up ready");

        process.destroy();

        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(Files.readAllLines(stderr).getLast()).contains("INFO  flowlb-agent: stopped after ");
    }

    private record Run(int status, String stdout, String stderr) {
    }

    private static Run run(String... args) throws Exception {
        Process p = start(args);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    private static Process start(String... args) throws IOException {
        return start(null, args);
    }

    /** Starts the agent JVM; its standard error goes to {@code stderr} when given. */
    private static Process start(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (stderr != null) {
            builder.redirectError(stderr.toFile());
        }
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
