package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportSenderTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingLog log = new RecordingLog();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ControllerStub controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        http.close();
    }

    @Test
    void postsJsonWithTheBearerTokenToTheReportPath() throws Exception {
        controller = new ControllerStub();
        ReportSender sender = sender("t0ken");

        assertThat(sender.send("{\"port\": 80}")).isTrue();

        ControllerStub.Received r = controller.next(WAIT);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/v1/agents/report");
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.authorization()).isEqualTo("Bearer t0ken");
        assertThat(r.body()).isEqualTo("{\"port\": 80}");
        assertThat(sender.accepted()).isEqualTo(1);
    }

    @Test
    void sendsNoAuthorizationHeaderWithoutAToken() throws Exception {
        controller = new ControllerStub();

        assertThat(sender(null).send("{}")).isTrue();
        assertThat(controller.next(WAIT).authorization()).isNull();
    }

    @Test
    void aRejectedReportIsLoggedOnceWithTheControllersErrorBody() throws Exception {
        controller = new ControllerStub();
        controller.answer(400, "{\"error\": \"unknown member 10.0.0.9:80\"}\n");
        ReportSender sender = sender(null);

        assertThat(sender.send("{}")).isFalse();
        assertThat(sender.send("{}")).isFalse();
        assertThat(sender.send("{}")).isFalse();

        assertThat(sender.failures("HTTP 400")).isEqualTo(3);
        assertThat(log.lines()).hasSize(1);
        assertThat(log.lines().getFirst()).contains("rejected the report with HTTP 400",
                "{\"error\": \"unknown member 10.0.0.9:80\"}");
    }

    @Test
    void aServerErrorAndARefusedConnectionAreEachLoggedOnceThenRecoveryOnce() throws Exception {
        controller = new ControllerStub();
        controller.answer(503, "busy");
        ReportSender sender = sender(null);

        sender.send("{}");
        sender.send("{}");
        controller.stop();
        sender.send("{}");
        sender.send("{}");
        controller.restart();
        controller.answer(200, "");
        assertThat(sender.send("{}")).isTrue();

        assertThat(sender.failures("HTTP 503")).isEqualTo(2);
        assertThat(sender.failures("connection refused")).isEqualTo(2);
        assertThat(log.matching("WARN")).hasSize(2);
        assertThat(log.matching("answered HTTP 503: busy")).hasSize(1);
        assertThat(log.matching("cannot send (connection refused)")).hasSize(1);
        assertThat(log.matching("INFO")).containsExactly(
                "INFO reports to " + endpoint() + ": ok again after 4 failure(s) {HTTP 503=2, connection refused=2}");
    }

    private ReportSender sender(String token) {
        return new ReportSender(http, endpoint(), token, Duration.ofSeconds(2), log);
    }

    private URI endpoint() {
        return AgentOptions.controllerUri(controller.hostPort());
    }
}
