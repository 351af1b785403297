package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AgentOptions o = AgentOptions.parse("--controller", "10.0.0.254");

        assertThat(o.reportUri()).isEqualTo(URI.create("http://10.0.0.254:8080/api/v1/agents/report"));
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.servicePort()).isEqualTo(80);
        assertThat(o.agentPort()).isEqualTo(5555);
        assertThat(o.token()).isNull();
        assertThat(o.memberId()).isNull();
        assertThat(o.address()).isNull();
        assertThat(o.maxClients()).isZero();
        assertThat(o.once()).isFalse();
        assertThat(o.cpuFromCgroup()).isFalse();
        assertThat(AgentOptions.usage()).contains("default 2s", "default 80", "default 5555", "PORT 8080 by",
                "/api/v1/agents/report", "0 disables");
    }

    @Test
    void readsEveryFlagInBothSpellings() {
        AgentOptions o = AgentOptions.parse("--controller=10.0.0.254:9090", "--interval", "500ms", "--token=s3cr3t",
                "--member-id", "web 1", "--address", "10.0.0.1", "--service-port", "8080", "--agent-port=0",
                "--stats-file", "/run/web.stats", "--stats-url", "http://127.0.0.1/status", "--state-file", "/run/web.state",
                "--max-clients", "100", "--cpu-from-cgroup", "--once");

        assertThat(o.reportUri()).isEqualTo(URI.create("http://10.0.0.254:9090/api/v1/agents/report"));
        assertThat(o.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.token()).isEqualTo("s3cr3t");
        assertThat(o.memberId()).isEqualTo("web 1");
        assertThat(o.address()).isEqualTo("10.0.0.1");
        assertThat(o.servicePort()).isEqualTo(8080);
        assertThat(o.agentPort()).isZero();
        assertThat(o.statsFile()).isEqualTo(Path.of("/run/web.stats"));
        assertThat(o.statsUrl()).isEqualTo(URI.create("http://127.0.0.1/status"));
        assertThat(o.stateFile()).isEqualTo(Path.of("/run/web.state"));
        assertThat(o.maxClients()).isEqualTo(100);
        assertThat(o.cpuFromCgroup()).isTrue();
        assertThat(o.once()).isTrue();
    }

    @Test
    void controllerMayBeAHostAnIpv6AddressOrAFullUrl() {
        assertThat(AgentOptions.controllerUri("ctl.lab")).hasToString("http://ctl.lab:8080/api/v1/agents/report");
        assertThat(AgentOptions.controllerUri("[fd00::fe]:9090")).hasToString("http://[fd00::fe]:9090/api/v1/agents/report");
        assertThat(AgentOptions.controllerUri("fd00::fe")).hasToString("http://[fd00::fe]:8080/api/v1/agents/report");
        assertThat(AgentOptions.controllerUri("http://ctl:1234")).hasToString("http://ctl:1234/api/v1/agents/report");
        assertThat(AgentOptions.controllerUri("https://ctl/custom/path")).hasToString("https://ctl/custom/path");
    }

    @Test
    void durationsTakeMillisecondsSecondsAndMinutes() {
        assertThat(AgentOptions.duration("--interval", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(AgentOptions.duration("--interval", "2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(AgentOptions.duration("--interval", "1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(AgentOptions.duration("--interval", "3")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> AgentOptions.duration("--interval", "fast")).hasMessageContaining("500ms, 2s or 1m");
        assertThatThrownBy(() -> AgentOptions.duration("--interval", "-1s")).hasMessageContaining("--interval '-1s'");
        assertThatThrownBy(() -> AgentOptions.duration("--interval", "50ms")).hasMessageContaining("between 100ms and 1h");
        assertThatThrownBy(() -> AgentOptions.duration("--interval", "61m")).hasMessageContaining("between 100ms and 1h");
    }

    @Test
    void badCommandLinesAreRejectedWithTheFlagNamed() {
        assertRejected("unknown option '--controler'", "--controler", "x");
        assertRejected("--interval needs a value", "--controller", "c", "--interval");
        assertRejected("--token is given twice", "--controller", "c", "--token", "a", "--token", "b");
        assertRejected("--service-port '0' must be a whole number from 1 to 65535", "--controller", "c", "--service-port", "0");
        assertRejected("--agent-port 'x' must be", "--controller", "c", "--agent-port", "x");
        assertRejected("'web1.lab' is not an IPv4 or IPv6 address", "--controller", "c", "--address", "web1.lab");
        assertRejected("--token must be printable ASCII without spaces", "--controller", "c", "--token", "a b");
        assertRejected("--member-id must have 1 to 256 characters", "--controller", "c", "--member-id", " ");
        assertRejected("--stats-url 'ftp://x/s' is not an http", "--controller", "c", "--stats-url", "ftp://x/s");
        assertRejected("--controller port '99999' must be", "--controller", "c:99999");
        assertRejected("--controller 'c:x' is not HOST:PORT", "--controller", "c:x");
        assertRejected("--max-clients '0' must be", "--controller", "c", "--max-clients", "0");
        assertRejected("--once sends one report: it needs --controller", "--once");
        assertRejected("nothing to do", "--agent-port", "0");
    }

    @Test
    void withoutAControllerTheAgentOnlyAnswersAgentChecks() {
        AgentOptions o = AgentOptions.parse("--agent-port", "5556");

        assertThat(o.reportUri()).isNull();
        assertThat(o.agentPort()).isEqualTo(5556);
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(AgentOptions.parse("--help").help()).isTrue();
        assertThat(AgentOptions.parse("-h").help()).isTrue();
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> AgentOptions.parse(args))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
