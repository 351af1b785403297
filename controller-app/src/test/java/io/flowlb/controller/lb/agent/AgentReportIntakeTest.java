package io.flowlb.controller.lb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentReportIntakeTest {
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:01Z");

    @TempDir
    Path dir;
    private final MetricRegistry metrics = new MetricRegistry();
    private LbManager lb;
    private AgentReportIntake intake;

    @BeforeEach
    void start() throws Exception {
        lb = LbManager.start(new StateStore(dir, LbJson.newMapper()), metrics);
        lb.createPool(Pool.of(PoolId.of("web"))).get(5, TimeUnit.SECONDS);
        lb.createPool(Pool.of(PoolId.of("api"))).get(5, TimeUnit.SECONDS);
        lb.createMember(Member.of(MemberId.of("w1"), PoolId.of("web"), IpAddress.parse("10.0.0.1"), 80))
                .get(5, TimeUnit.SECONDS);
        lb.createMember(Member.of(MemberId.of("a1"), PoolId.of("api"), IpAddress.parse("10.0.0.1"), 0))
                .get(5, TimeUnit.SECONDS);
        lb.createMember(Member.of(MemberId.of("w2"), PoolId.of("web"), IpAddress.parse("10.0.0.2"), 80))
                .get(5, TimeUnit.SECONDS);
        intake = new AgentReportIntake(lb, LbJson.newMapper(), Clock.fixed(NOW, ZoneOffset.UTC), metrics);
    }

    @AfterEach
    void stop() {
        lb.close();
    }

    private AgentReportIntake.Outcome post(String json) {
        return intake.accept(json.getBytes(StandardCharsets.UTF_8), "10.0.0.1:40000");
    }

    @Test
    void reportOfTheAgentIsStoredUnderItsMemberWithTheReceivedTime() throws Exception {
        List<AgentReport> heard = new CopyOnWriteArrayList<>();
        List<Boolean> onControlThread = new CopyOnWriteArrayList<>();
        intake.addListener(r -> {
            heard.add(r);
            onControlThread.add(lb.inControlThread());
        });
        AgentReportIntake.Outcome o = post("{\"member_id\": \"w2\", \"address\": \"10.0.0.2\", \"port\": 80,"
                + " \"active_clients\": 12, \"cpu_percent\": 35.5, \"memory_percent\": 40.1, \"avg_service_time_ms\": 3.2,"
                + " \"requests_per_second\": 150.0, \"agent_state\": \"drain\", \"sequence\": 17,"
                + " \"sent_at\": \"2026-11-23T05:00:00.250Z\"}");
        assertThat(o).isEqualTo(new AgentReportIntake.Accepted(List.of(MemberId.of("w2")), NOW, false));
        AgentReport r = intake.lastReport(MemberId.of("w2"));
        assertThat(r.cpuPercent()).isEqualTo(35.5);
        assertThat(r.agentState()).isEqualTo(AgentState.DRAIN);
        assertThat(r.receivedAt()).isEqualTo(NOW);
        assertThat(r.toLoadReport().activeClients()).isEqualTo(12);
        lb.submit(() -> null).get(5, TimeUnit.SECONDS);
        assertThat(heard).extracting(AgentReport::memberId).containsExactly(MemberId.of("w2"));
        assertThat(onControlThread).containsExactly(true);
    }

    @Test
    void reportWithoutIdMatchesEveryMemberWithItsAddressAndPort() {
        AgentReportIntake.Outcome o = post("{\"address\": \"10.0.0.1\", \"port\": 80, \"cpu_percent\": 10}");
        assertThat(o).isInstanceOfSatisfying(AgentReportIntake.Accepted.class,
                a -> assertThat(a.memberIds()).containsExactly(MemberId.of("a1"), MemberId.of("w1")));
        assertThat(intake.lastReports()).containsOnlyKeys(MemberId.of("a1"), MemberId.of("w1"));
        assertThat(intake.lastReport(MemberId.of("w1")).memoryPercent()).as("left out stays unknown").isNull();
    }

    @Test
    void refusedReportsNameTheFieldAndAreCountedByReason() {
        assertRejected(post("{\"address\": \"10.0.0.9\", \"port\": 80}"),
                AgentReportIntake.Reason.UNKNOWN_MEMBER, "address");
        assertRejected(post("{\"member_id\": \"zz\"}"), AgentReportIntake.Reason.UNKNOWN_MEMBER, "member_id");
        assertRejected(post("{\"member_id\": \"w1\", \"address\": \"10.0.0.2\"}"),
                AgentReportIntake.Reason.MEMBER_MISMATCH, "address");
        assertRejected(post("{\"member_id\": \"w1\", \"cpu_percent\": 180}"),
                AgentReportIntake.Reason.INVALID_VALUE, "cpu_percent");
        assertRejected(post("{\"member_id\": \"w1\", \"agent_state\": \"sleepy\"}"),
                AgentReportIntake.Reason.INVALID_VALUE, "agent_state");
        assertRejected(post("{\"member_id\": \"w1\", \"sent_at\": \"yesterday\"}"),
                AgentReportIntake.Reason.INVALID_VALUE, "sent_at");
        assertRejected(post("{\"port\": 80}"), AgentReportIntake.Reason.INVALID_VALUE, "address");
        assertRejected(post("{\"member_id\": \"w1\", \"cpu\": 1}"), AgentReportIntake.Reason.UNKNOWN_FIELD, "cpu");
        assertRejected(post("{\"member_id\": \"w1\", \"cpu_percent\": \"high\"}"),
                AgentReportIntake.Reason.INVALID_VALUE, "cpu_percent");
        assertRejected(post("{\"member_id\": "), AgentReportIntake.Reason.MALFORMED, null);
        assertThat(intake.lastReports()).isEmpty();
        assertThat(metrics.scrapeText()).contains("flowlb_agent_reports_rejected_total{reason=\"unknown_member\"} 2",
                "flowlb_agent_reports_rejected_total{reason=\"invalid_value\"} 5",
                "flowlb_agent_reports_rejected_total{reason=\"malformed\"} 1");
    }

    @Test
    void aDelayedOlderReportDoesNotReplaceANewerOne() {
        post("{\"member_id\": \"w1\", \"cpu_percent\": 90, \"sent_at\": \"2026-11-23T05:00:00Z\"}");
        AgentReportIntake.Outcome late = post("{\"member_id\": \"w1\", \"cpu_percent\": 5,"
                + " \"sent_at\": \"2026-11-23T04:59:58Z\"}");
        assertThat(late).isInstanceOfSatisfying(AgentReportIntake.Accepted.class, a -> assertThat(a.stale()).isTrue());
        assertThat(intake.lastReport(MemberId.of("w1")).cpuPercent()).isEqualTo(90.0);
        assertThat(metrics.scrapeText()).contains("flowlb_agent_reports_total{result=\"stale\"} 1");
    }

    @Test
    void reportsOfADeletedMemberAreForgotten() throws Exception {
        post("{\"member_id\": \"w1\", \"cpu_percent\": 90}");
        lb.deleteMember(MemberId.of("w1")).get(5, TimeUnit.SECONDS);
        assertThat(intake.lastReports()).doesNotContainKey(MemberId.of("w1"));
    }

    private static void assertRejected(AgentReportIntake.Outcome o, AgentReportIntake.Reason reason, String field) {
        assertThat(o).isInstanceOfSatisfying(AgentReportIntake.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.field()).isEqualTo(field);
        });
    }
}
