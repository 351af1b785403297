package io.flowlb.controller.resource;

import static io.flowlb.controller.resource.LoopbackServers.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowlb.loadbalancer.model.ExpectedStatus;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SocketProberTest {
    private static final Monitor TCP = Monitor.of(MonitorId.of("tcp"), MonitorType.TCP).withTiming(500, 300);
    private static final Monitor HTTP = Monitor.of(MonitorId.of("http"), MonitorType.HTTP).withTiming(500, 300)
            .withHttp("/health?full=1", null);
    private static final Monitor ICMP = Monitor.of(MonitorId.of("icmp"), MonitorType.ICMP).withTiming(1000, 500);

    private final SocketProber prober = new SocketProber(null);

    @AfterEach
    void close() {
        prober.close();
    }

    @Test
    void tcpCheckSucceedsWhenTheMemberAcceptsTheConnection() throws Exception {
        try (LoopbackServers.Raw server = new LoopbackServers.Raw(null)) {
            ProbeResult r = prober.probe(TCP, LOOPBACK, server.port());
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.OK);
        }
    }

    @Test
    void refusedConnectionFailsAtOnceWithoutWaitingForTheTimeout() throws Exception {
        Monitor slowTimeout = TCP.withTiming(10_000, 5_000);
        ProbeResult r = prober.probe(slowTimeout, LOOPBACK, LoopbackServers.refusingPort());
        assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.REFUSED);
        assertThat(r.latencyMillis()).isLessThan(1_000);
    }

    @Test
    void httpCheckSendsTheMonitorsPathWithAHostHeaderAndAcceptsAnExpectedStatus() throws Exception {
        try (LoopbackServers.Http server = new LoopbackServers.Http()) {
            ProbeResult r = prober.probe(HTTP, LOOPBACK, server.port());
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.OK);
            assertThat(r.detail()).isEqualTo("status 200");
            assertThat(server.requests).containsExactly("GET /health?full=1 host=127.0.0.1:" + server.port());
        }
    }

    @Test
    void httpStatusOutsideTheExpectedRangesIsAFailureAndInsideIsASuccess() throws Exception {
        try (LoopbackServers.Http server = new LoopbackServers.Http()) {
            server.status.set(503);
            assertThat(prober.probe(HTTP, LOOPBACK, server.port()).outcome())
                    .isEqualTo(ProbeResult.Outcome.BAD_STATUS);
            Monitor expects5xx = HTTP.withHttp("/", ExpectedStatus.parse("200,500-599"));
            assertThat(prober.probe(expects5xx, LOOPBACK, server.port()).outcome()).isEqualTo(ProbeResult.Outcome.OK);
            server.status.set(302);
            assertThat(prober.probe(HTTP, LOOPBACK, server.port()).outcome())
                    .as("the default expects 200-399").isEqualTo(ProbeResult.Outcome.OK);
        }
    }

    @Test
    void answerThatIsNotHttpIsABadResponse() throws Exception {
        try (LoopbackServers.Raw server = new LoopbackServers.Raw("SSH-2.0-OpenSSH_9.2\r\n")) {
            ProbeResult r = prober.probe(HTTP, LOOPBACK, server.port());
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.BAD_RESPONSE);
            assertThat(r.detail()).contains("SSH-2.0-OpenSSH_9.2");
        }
        try (LoopbackServers.Raw server = new LoopbackServers.Raw("")) {
            assertThat(prober.probe(HTTP, LOOPBACK, server.port()).detail()).isEqualTo("closed without an answer");
        }
    }

    @Test
    void serverThatAcceptsButNeverAnswersTimesOutWithinTheMonitorsTimeout() throws Exception {
        try (LoopbackServers.Raw server = new LoopbackServers.Raw(null)) {
            ProbeResult r = prober.probe(HTTP, LOOPBACK, server.port());
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.TIMEOUT);
            assertThat(r.latencyMillis()).isBetween(250L, 1_000L);
        }
    }

    @Test
    void statusIsJudgedEvenWhenTheServerNeverEndsItsHead() throws Exception {
        try (LoopbackServers.Raw server = new LoopbackServers.Raw("HTTP/1.1 200 OK\r\nX-Slow: yes\r\n")) {
            server.closeAfterAnswer = false;
            ProbeResult r = prober.probe(HTTP, LOOPBACK, server.port());
            assertThat(r.outcome()).as("headers never end: the read times out").isEqualTo(ProbeResult.Outcome.TIMEOUT);
        }
        try (LoopbackServers.Raw server = new LoopbackServers.Raw("HTTP/1.1 204 No Content\r\n")) {
            assertThat(prober.probe(HTTP, LOOPBACK, server.port()).outcome())
                    .as("the server closed after the status line").isEqualTo(ProbeResult.Outcome.OK);
        }
    }

    @Test
    void agentLineIsReadUpToItsNewline() throws Exception {
        try (LoopbackServers.Raw agent = new LoopbackServers.Raw("up ready 75% maxconn:30\r\nignored\n")) {
            AgentLineReader.Answer a = prober.read(LOOPBACK, agent.port(), 300);
            assertThat(a.line()).isEqualTo("up ready 75% maxconn:30");
        }
        try (LoopbackServers.Raw agent = new LoopbackServers.Raw("drain")) {
            assertThat(prober.read(LOOPBACK, agent.port(), 300).line())
                    .as("a line cut by the close still counts").isEqualTo("drain");
        }
    }

    @Test
    void agentThatRefusesOrSaysNothingIsAFailureWithItsKind() throws Exception {
        assertThat(prober.read(LOOPBACK, LoopbackServers.refusingPort(), 300).failure())
                .isEqualTo(ProbeResult.Outcome.REFUSED);
        try (LoopbackServers.Raw silent = new LoopbackServers.Raw(null)) {
            assertThat(prober.read(LOOPBACK, silent.port(), 300).failure()).isEqualTo(ProbeResult.Outcome.TIMEOUT);
        }
        try (LoopbackServers.Raw empty = new LoopbackServers.Raw("")) {
            assertThat(prober.read(LOOPBACK, empty.port(), 300).failure()).isEqualTo(ProbeResult.Outcome.BAD_RESPONSE);
        }
        try (LoopbackServers.Raw endless = new LoopbackServers.Raw("x".repeat(2000))) {
            assertThat(prober.read(LOOPBACK, endless.port(), 300).detail()).contains("no line end");
        }
    }

    @Test
    void icmpEchoOfTheLoopbackAddressIsAnswered() {
        ProbeResult r = prober.probe(ICMP, LOOPBACK, 0);
        assumeTrue(r.outcome() != ProbeResult.Outcome.UNAVAILABLE, "no ICMP socket here: " + r.detail());
        assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.OK);
        assertThat(prober.probe(ICMP, LOOPBACK, 0).outcome()).as("the socket is reused").isEqualTo(
                ProbeResult.Outcome.OK);
    }
}
