package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.metrics.MetricsTextParser;
import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.controller.rest.RestHarness.Reply;
import io.flowlb.controller.view.NetworkView;
import io.flowlb.controller.view.NetworkViewAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusApiTest extends HarnessTest {
    static final String DPID = "00:00:00:00:00:00:00:01";

    /** One switch with one port, one flow, one group, one host and one connection; a second switch that never answers. */
    static final class OneSwitch extends NetworkViewAdapter {
        @Override
        public List<SwitchInfo> switches() {
            return List.of(new SwitchInfo(DPID, "127.0.0.1:40000", "OF_13", 1, 1, 1, 5, 0, 1000),
                    new SwitchInfo("00:00:00:00:00:00:00:02", "127.0.0.1:40001", "OF_13", 0, 0, 0, 0, 0, 1000));
        }

        @Override
        public CompletableFuture<List<PortInfo>> ports(String dpid) {
            return dpid.equals(DPID) ? CompletableFuture.completedFuture(List.of(new PortInfo(1, "s1-eth1",
                    "02:00:00:00:01:01", true, 10_000_000, 10, 20, 1000, 2000, 0, 0, 0))) : slow(dpid);
        }

        @Override
        public CompletableFuture<List<FlowInfo>> flows(String dpid) {
            return dpid.equals(DPID) ? CompletableFuture.completedFuture(List.of(new FlowInfo(0, 100, "0x1",
                    "ip,nw_dst=10.0.0.100", "group:1", 7, 700, 12, 0, 0))) : slow(dpid);
        }

        @Override
        public CompletableFuture<List<GroupInfo>> groups(String dpid) {
            return dpid.equals(DPID) ? CompletableFuture.completedFuture(List.of(new GroupInfo(1, "select",
                    List.of("weight:1,actions=output:1"), 7, 700))) : slow(dpid);
        }

        @Override
        public List<HostInfo> hosts() {
            return List.of(new HostInfo("02:00:00:00:00:01", -1, DPID, 1, List.of("10.0.0.1"), 2000));
        }

        @Override
        public CompletableFuture<List<ConnectionInfo>> connections() {
            return CompletableFuture.completedFuture(List.of(new ConnectionInfo(DPID, "tcp", "10.0.0.9:40000",
                    "10.0.0.100:80", "10.0.0.1:80", 5, 500, 10)));
        }

        @Override
        public Map<String, Long> openFlowMessages() {
            return Map.of("in/packet_in", 5L);
        }

        private static <T> CompletableFuture<T> slow(String dpid) {
            return dpid.equals("00:00:00:00:00:00:00:02") ? CompletableFuture.failedFuture(new TimeoutException())
                    : notConnected(dpid);
        }
    }


    @Override
    protected NetworkView network() {
        return new OneSwitch();
    }

    @BeforeEach
    void webPool() {
        h.webPool("round_robin", 2);
    }


    @Test
    void distributionShowsEveryMemberWithWeightHealthShareAndConnections() {
        Reply all = h.get("/api/v1/distribution");
        assertThat(all.json()).hasSize(1);
        Reply one = h.get("/api/v1/vips/v1/distribution");
        assertThat(one.status()).isEqualTo(200);
        var m1 = one.json().get("members").get(0);
        assertThat(m1.get("member_id").asText()).isEqualTo("m1");
        assertThat(m1.get("address").asText()).isEqualTo("10.0.0.1");
        assertThat(m1.get("health").asText()).isEqualTo("unknown");
        assertThat(m1.get("weight").asInt()).isEqualTo(1);
        assertThat(m1.get("share").asDouble()).isEqualTo(0.5);
        assertThat(m1.has("active_connections")).isTrue();
        assertThat(h.get("/api/v1/vips/nope/distribution").status()).isEqualTo(404);
    }

    @Test
    void networkReadsShowTheSwitchesPortsFlowsGroupsHostsAndConnections() {
        assertThat(h.get("/api/v1/switches").json().get(0).get("dpid").asText()).isEqualTo(DPID);
        assertThat(h.get("/api/v1/switches/" + DPID).json().get("packet_ins").asLong()).isEqualTo(5);
        assertThat(h.get("/api/v1/switches/" + DPID + "/ports").json().get(0).get("name").asText()).isEqualTo("s1-eth1");
        assertThat(h.get("/api/v1/switches/" + DPID + "/flows").json().get(0).get("instructions").asText())
                .isEqualTo("group:1");
        assertThat(h.get("/api/v1/switches/" + DPID + "/groups").json().get(0).get("type").asText()).isEqualTo("select");
        assertThat(h.get("/api/v1/hosts").json().get(0).get("ips").get(0).asText()).isEqualTo("10.0.0.1");
        assertThat(h.get("/api/v1/connections").json().get(0).get("member").asText()).isEqualTo("10.0.0.1:80");
    }

    @Test
    void unknownOrSilentSwitchesAre404And504() {
        Reply unknown = h.get("/api/v1/switches/00:00:00:00:00:00:00:09/flows");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("dpid");
        assertThat(h.get("/api/v1/switches/00:00:00:00:00:00:00:09").status()).isEqualTo(404);
        assertThat(h.get("/api/v1/switches/00:00:00:00:00:00:00:02/flows").status()).isEqualTo(504);
    }

    @Test
    void agentReportIsAcceptedAndShownWithItsMember() {
        Reply r = h.call("POST", "/api/v1/agents/report", "{\"address\":\"10.0.0.2\",\"port\":80,\"cpu_percent\":42.5,"
                + "\"agent_state\":\"ready\",\"sequence\":3,\"sent_at\":\"2026-11-23T05:00:00.250Z\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("member_ids").get(0).asText()).isEqualTo("m2");
        Reply all = h.get("/api/v1/agents");
        assertThat(all.json()).hasSize(1);
        Reply one = h.get("/api/v1/agents/m2");
        assertThat(one.json().get("cpu_percent").asDouble()).isEqualTo(42.5);
        assertThat(one.json().get("sent_at").asText()).isEqualTo("2026-11-23T05:00:00.250Z");
        assertThat(one.json().has("memory_percent")).as("an unknown reading is left out").isFalse();
        assertThat(one.json().get("source").asText()).matches("127\\.0\\.0\\.1:[0-9]+");
        assertThat(h.get("/api/v1/agents/m1").status()).isEqualTo(404);
    }

    @Test
    void badAgentReportsAre400AndReportsForNoMemberAre422() {
        Reply bad = h.call("POST", "/api/v1/agents/report", "{\"member_id\":\"m1\",\"memory_percent\":101}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("memory_percent");
        Reply none = h.call("POST", "/api/v1/agents/report", "{\"address\":\"10.0.0.77\",\"port\":80}");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.field()).isEqualTo("address");
        assertThat(h.call("POST", "/api/v1/agents/report", "{\"member_id\":\"m1\",\"extra\":1}").field())
                .isEqualTo("extra");
        assertThat(h.call("POST", "/api/v1/agents/report", "").status()).isEqualTo(400);
        assertThat(h.metrics.scrapeText()).contains("flowlb_agent_reports_rejected_total{reason=\"unknown_member\"} 1");
    }

    @Test
    void metricsAreInTheTextFormatWithTheExpectedFamilies() {
        h.get("/api/v1/vips");
        Reply r = h.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        var families = MetricsTextParser.parse(r.body());
        assertThat(families).containsKeys("flowlb_rest_requests_total", "flowlb_config_changes_total",
                "flowlb_state_writes_total", "flowlb_state_write_failures_total", "flowlb_agent_reports_total",
                "flowlb_agent_reports_rejected_total", "flowlb_member_weight", "flowlb_member_share",
                "flowlb_member_health", "flowlb_member_active_connections", "flowlb_member_packets_total",
                "flowlb_member_bytes_total", "flowlb_vip_active_connections", "flowlb_pool_members",
                "flowlb_switch_flows", "flowlb_switch_packet_ins_total", "flowlb_switch_errors_total",
                "flowlb_openflow_messages_total", "flowlb_config_objects");
        assertThat(families.get("flowlb_rest_requests_total")).anySatisfy(s -> {
            assertThat(s.labels()).isEqualTo(Map.of("method", "GET", "route", "/api/v1/vips", "status", "200"));
            assertThat(s.value()).isEqualTo(1);
        });
        assertThat(families.get("flowlb_config_objects")).anySatisfy(s -> {
            assertThat(s.labels()).isEqualTo(Map.of("kind", "member"));
            assertThat(s.value()).isEqualTo(2);
        });
    }
}
