package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a user runs it, on loopback: real /proc, a real service socket with clients, a
 * real HTTP controller, a real agent-check connection.
 */
@Timeout(60)
class AgentEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CLIENTS = 3;

    @TempDir
    Path dir;
    private final RecordingLog log = new RecordingLog();
    private final List<Socket> sockets = new ArrayList<>();
    private ControllerStub controller;
    private ServerSocket service;
    private Path stateFile;
    private Path statsFile;
    private Agent agent;

    @BeforeEach
    void startServiceAndController() throws IOException {
        controller = new ControllerStub();
        service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        for (int i = 0; i < CLIENTS; i++) {
            sockets.add(new Socket(InetAddress.getLoopbackAddress(), service.getLocalPort()));
            sockets.add(service.accept());
        }
        stateFile = Files.writeString(dir.resolve("state"), "ready\n");
        statsFile = Files.writeString(dir.resolve("stats"), "requests_per_second=150\navg_service_time_ms=3.2\n");
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (agent != null) {
            agent.close();
        }
        controller.close();
        for (Socket s : sockets) {
            s.close();
        }
        service.close();
    }

    @Test
    void reportsArriveEveryIntervalWithIncreasingSequenceTokenAndReadings() throws Exception {
        agent = startAgent("--token", "s3cret", "--member-id", "web-1");

        List<ControllerStub.Received> received = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            received.add(nextReport());
        }

        for (int i = 0; i < received.size(); i++) {
            ControllerStub.Received r = received.get(i);
            assertThat(r.authorization()).isEqualTo("Bearer s3cret");
            assertThat(r.contentType()).isEqualTo("application/json");
            Map<String, Object> json = MiniJson.object(r.body());
            assertThat(json.get("sequence")).isEqualTo(BigDecimal.valueOf(i + 1));
            assertThat(json).containsEntry("member_id", "web-1").containsEntry("address", "127.0.0.1")
                    .containsEntry("port", BigDecimal.valueOf(service.getLocalPort()))
                    .containsEntry("active_clients", BigDecimal.valueOf(CLIENTS))
                    .containsEntry("requests_per_second", new BigDecimal("150.0"))
                    .containsEntry("avg_service_time_ms", new BigDecimal("3.2"))
                    .containsEntry("agent_state", "ready")
                    .containsKeys("cpu_percent", "memory_percent", "sent_at");
        }
        // Five reports at a 200 ms interval: four gaps, on average neither bunched nor late.
        double meanGapMillis = (received.getLast().atNanos() - received.getFirst().atNanos()) / 4 / 1e6;
        assertThat(meanGapMillis).isBetween(100.0, 600.0);
    }

    @Test
    void agentCheckAnswersWithTheLoadAndSwitchesToDrainAsSoonAsTheStateFileSaysSo() throws Exception {
        agent = startAgent("--max-clients", "10");
        nextReport();

        String ready = AgentCheckServerTest.poll(agent.agentCheckPort(), null);
        Files.writeString(stateFile, "drain\n");
        String drained = AgentCheckServerTest.poll(agent.agentCheckPort(), null);

        // 3 of 10 clients is 30% load at least, so at most 70% weight.
        assertThat(ready).matches("up ready ([1-9]|[1-6][0-9]|70)% maxconn:10\n");
        assertThat(drained).startsWith("up drain ").endsWith(" maxconn:10\n");
        assertThat(log.matching("agent state ready -> drain")).hasSize(1);
        assertThat(MiniJson.object(nextReportAfterNow().body())).containsEntry("agent_state", "drain");
    }

    @Test
    void survivesTheControllerGoingAwayAndResumesReportingWhenItReturns() throws Exception {
        agent = startAgent();
        long before = sequence(nextReport());

        controller.stop();
        Thread.sleep(1000);
        controller.restart();
        long after = sequence(nextReportAfterNow());

        assertThat(after).isGreaterThan(before + 1);
        // The stub records a report before it answers; the agent counts it once the answer is read.
        awaitTrue(() -> agent.reportsAccepted() >= 2 && log.matching("ok again after").size() == 1);
        List<String> warnings = log.matching("WARN reports to");
        assertThat(warnings).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(log.matching("ok again after")).hasSize(1);
        assertThat(AgentCheckServerTest.poll(agent.agentCheckPort(), null)).startsWith("up ready");
    }

    @Test
    void logsOneLineAtStartSayingWhatIsReportedWhere() throws Exception {
        agent = startAgent("--member-id", "web-1");

        assertThat(log.lines().getFirst()).startsWith("INFO started: service 127.0.0.1:" + service.getLocalPort()
                + " (member 'web-1'), reports every 200ms to http://" + controller.hostPort() + "/api/v1/agents/report")
                .contains("agent-check on port " + agent.agentCheckPort(), "/proc/stat", "state ready");
        agent.close();
        assertThat(log.lines().getLast()).startsWith("INFO stopped after ");
        agent = null;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Agent startAgent(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--controller", controller.hostPort(), "--interval", "200ms",
                "--address", "127.0.0.1", "--service-port", String.valueOf(service.getLocalPort()),
                "--state-file", stateFile.toString(), "--stats-file", statsFile.toString()));
        args.addAll(List.of(extra));
        AgentOptions options = AgentOptions.parse(args.toArray(String[]::new)).withAgentPort(AgentOptions.ANY_FREE_PORT);
        Agent started = Agent.create(options, log);
        started.start();
        return started;
    }

    private ControllerStub.Received nextReport() throws InterruptedException {
        ControllerStub.Received r = controller.next(WAIT);
        assertThat(r).as("a report within " + WAIT).isNotNull();
        return r;
    }

    /** The first report built after this moment (one already in flight may be older). */
    private ControllerStub.Received nextReportAfterNow() throws InterruptedException {
        controller.clear();
        nextReport();
        return nextReport();
    }

    private static long sequence(ControllerStub.Received r) {
        return ((BigDecimal) MiniJson.object(r.body()).get("sequence")).longValueExact();
    }
}
