package io.flowlb.controller.resource;

import static io.flowlb.controller.resource.LoopbackServers.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentCheckPollerTest {
    private static final PoolId WEB = PoolId.of("web");

    private final ManualEventScheduler clock = new ManualEventScheduler();
    private final MetricRegistry metrics = new MetricRegistry();
    private final ProbeRecorder events = new ProbeRecorder(clock::nowMillis);
    private final Deque<AgentLineReader.Answer> script = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private final AgentLineReader scripted = (address, port, timeout) -> {
        asked.add(address.getHostAddress() + ":" + port);
        return script.isEmpty() ? AgentLineReader.Answer.line("up ready") : script.poll();
    };
    private AgentCheckPoller poller = new AgentCheckPoller(clock, Runnable::run, scripted, 2_000, 1_000, 0.1,
            new Random(7), metrics, events);

    @AfterEach
    void close() {
        poller.close();
    }

    private static LbConfig config(Member... members) {
        return LbConfig.of(List.of(), List.of(Pool.of(WEB)), List.of(members), List.of(), List.of());
    }

    private static Member member(String id, String address, int agentPort) {
        return Member.of(MemberId.of(id), WEB, IpAddress.parse(address), 80).withAgentPort(agentPort);
    }

    @Test
    void membersWithAnAgentPortArePolledEveryIntervalAndTheirLinesPassedOn() {
        script.add(AgentLineReader.Answer.line("up ready 75%"));
        script.add(AgentLineReader.Answer.line("drain"));
        poller.reconcile(config(member("m1", "10.0.0.1", 5555), member("m2", "10.0.0.2", 0)));
        clock.advance(2_000);
        assertThat(asked).as("first poll within one interval").isNotEmpty().containsOnly("10.0.0.1:5555");
        clock.advance(2 * 2_200);
        assertThat(asked).as("then one per interval, give or take 10%").hasSizeBetween(3, 4);
        assertThat(events.of("m1")).startsWith("reply up ready 75%", "reply drain");
        assertThat(events.of("m2")).isEmpty();
        assertThat(poller.status(MemberId.of("m1")).reachable()).isTrue();
        assertThat(poller.status(MemberId.of("m2"))).isNull();
    }

    @Test
    void badLineIsCountedByKindLoggedOnceAndNotPassedOn() {
        script.add(AgentLineReader.Answer.line("up ready 75%"));
        script.add(AgentLineReader.Answer.line("up sideways"));
        script.add(AgentLineReader.Answer.line("weight:12"));
        script.add(AgentLineReader.Answer.line("1200%"));
        poller.reconcile(config(member("m1", "10.0.0.1", 5555)));
        clock.advance(2_000 + 4 * 2_200);
        assertThat(events.of("m1")).startsWith("reply up ready 75%", "reply up ready").doesNotContain(
                "reply up sideways", "reply weight:12", "reply 1200%");
        assertThat(metrics.scrapeText())
                .contains("flowlb_agent_check_bad_replies_total{kind=\"unknown_word\"} 2")
                .contains("flowlb_agent_check_bad_replies_total{kind=\"bad_number\"} 1")
                .contains("flowlb_agent_checks_total{result=\"bad_reply\"} 3");
        assertThat(poller.status(MemberId.of("m1")).lastReply()).isEqualTo("up ready");
    }

    @Test
    void agentThatCannotBeReachedIsReportedButItsLastStateIsKept() {
        script.add(AgentLineReader.Answer.line("drain"));
        for (int i = 0; i < 3; i++) {
            script.add(AgentLineReader.Answer.failed(ProbeResult.Outcome.REFUSED, "connection refused"));
        }
        poller.reconcile(config(member("m1", "10.0.0.1", 5555)));
        clock.advance(2_000 + 2_200);
        assertThat(events.of("m1")).startsWith("reply drain", "unreachable refused: connection refused");
        AgentStatus s = poller.status(MemberId.of("m1"));
        assertThat(s.reachable()).isFalse();
        assertThat(s.lastReply()).isEqualTo("drain");
        assertThat(s.lastProblem()).contains("refused");
    }

    @Test
    void removedMemberOrAgentPortStopsItsPollsAtOnce() {
        poller.reconcile(config(member("m1", "10.0.0.1", 5555)));
        clock.advance(2_000);
        int before = asked.size();
        poller.reconcile(config(member("m1", "10.0.0.1", 0)));
        clock.advance(10_000);
        assertThat(asked).hasSize(before);
        assertThat(poller.status(MemberId.of("m1"))).isNull();
    }

    @Test
    void pollsTheRealAgentProtocolOverTcp() throws Exception {
        poller.close();
        SocketProber sockets = new SocketProber(null);
        try (LoopbackServers.Raw agent = new LoopbackServers.Raw("up ready 40% maxconn:12\n")) {
            AgentLineReader toLoopback = (address, port, timeout) -> sockets.read(LOOPBACK, agent.port(), timeout);
            poller = new AgentCheckPoller(clock, Runnable::run, toLoopback, 2_000, 1_000, 0.1, new Random(7), metrics,
                    events);
            poller.reconcile(config(member("m1", "10.0.0.1", 5555)));
            clock.advance(2_000);
            assertThat(events.of("m1")).containsExactly("reply up ready 40% maxconn:12");
        } finally {
            sockets.close();
        }
    }
}
