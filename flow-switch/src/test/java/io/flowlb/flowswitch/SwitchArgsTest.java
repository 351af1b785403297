package io.flowlb.flowswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.flowswitch.SwitchArgs.BadArgumentException;
import io.flowlb.flowswitch.SwitchConfig.ControllerTarget;
import io.flowlb.flowswitch.SwitchConfig.FailMode;
import io.flowlb.flowswitch.SwitchConfig.ListenTarget;
import io.flowlb.flowswitch.SwitchConfig.PortBinding;
import io.flowlb.flowswitch.engine.IdleMode;
import io.flowlb.flowswitch.io.afpacket.AfPacketConfig.RxRingVersion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.projectfloodlight.openflow.protocol.OFVersion;

class SwitchArgsTest {

    @Test
    void numbersPortsInOrderFromOneAndDocumentsDefaults() {
        SwitchConfig c = SwitchArgs.parse("--port", "veth0", "--port", "veth1");
        assertThat(c.ports()).containsExactly(new PortBinding("veth0", 1), new PortBinding("veth1", 2));
        assertThat(c.controllers()).isEmpty();
        assertThat(c.listen()).isNull();
        assertThat(c.dpid()).isEqualTo(SwitchConfig.DPID_FROM_MAC);
        assertThat(c.pollers()).isEqualTo(1);
        assertThat(c.failMode()).isEqualTo(FailMode.STANDALONE);
        assertThat(c.versions()).containsExactly(OFVersion.OF_13);
        assertThat(c.name()).isEqualTo("flowswitch");
    }

    @Test
    void explicitPortNumbersAreKeptAndOthersFillTheGaps() {
        SwitchConfig c = SwitchArgs.parse("--port", "a=1", "--port", "b", "--port=c=7", "--port", "d");
        assertThat(c.ports()).containsExactly(new PortBinding("a", 1), new PortBinding("b", 2),
                new PortBinding("c", 7), new PortBinding("d", 3));
    }

    @Test
    void parsesControllersListenerDpidAndMode() {
        SwitchConfig c = SwitchArgs.parse("--port", "eth0", "--controller", "tcp:10.0.0.1:6653", "--controller",
                "tcp:[::1]", "--listen", "ptcp:6634", "--dpid", "0x1f", "--fail-mode", "secure", "--name", "s1");
        assertThat(c.controllers()).containsExactly(new ControllerTarget("10.0.0.1", 6653),
                new ControllerTarget("::1", 6653));
        assertThat(c.listen()).isEqualTo(new ListenTarget(6634, "127.0.0.1"));
        assertThat(c.dpid()).isEqualTo(0x1f);
        assertThat(c.failMode()).isEqualTo(FailMode.SECURE);
        assertThat(c.name()).isEqualTo("s1");
    }

    @Test
    void readsDpidInDecimalAndSixteenHexDigits() {
        assertThat(SwitchArgs.parseDpid("42")).isEqualTo(42);
        assertThat(SwitchArgs.parseDpid("0000000000000010")).isEqualTo(16);
        assertThat(SwitchArgs.parseDpid("ab")).isEqualTo(0xab);
    }

    @Test
    void listenerTakesAnAddress() {
        assertThat(SwitchArgs.parseListen("ptcp:6700:0.0.0.0")).isEqualTo(new ListenTarget(6700, "0.0.0.0"));
        assertThat(SwitchArgs.parseListen("ptcp:")).isEqualTo(new ListenTarget(6634, "127.0.0.1"));
    }

    @Test
    void derivesTheDpidFromTheFirstPortMac() {
        SwitchConfig c = SwitchArgs.parse("--port", "eth0");
        assertThat(c.effectiveDpid(0x0000_0242_ac11_0002L)).isEqualTo(0x0242_ac11_0002L);
    }

    @Test
    void rejectsMistakesWithMessagesThatNameTheOption() {
        assertThatThrownBy(() -> SwitchArgs.parse()).isInstanceOf(BadArgumentException.class)
                .hasMessageContaining("no --port");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--bogus", "1"))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--port", "a")).hasMessageContaining("twice");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a=1", "--port", "b=1")).hasMessageContaining("taken");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--controller", "10.0.0.1:6653"))
                .hasMessageContaining("tcp:HOST");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--controller", "tcp:h:99999"))
                .hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a=0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--fail-mode", "open"))
                .hasMessageContaining("secure or standalone");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--pollers", "2"))
                .hasMessageContaining("each poller needs at least one port");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--dpid", "zz")).hasMessageContaining("--dpid");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--protocols", "OpenFlow15"))
                .hasMessageContaining("OpenFlow13");
        assertThatThrownBy(() -> SwitchArgs.parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a/b")).hasMessageContaining("not an interface name");
    }

    @Test
    void dataPlaneOptionsDefaultToWhatTheHelpSays() {
        DataPlaneOptions d = SwitchArgs.parse("--port", "eth0").dataPlane();
        assertThat(d).isEqualTo(DataPlaneOptions.DEFAULTS);
        assertThat(d.connectionsPerPoller()).isEqualTo(1_048_576);
        assertThat(d.cpus()).isEmpty();
        assertThat(d.idle()).isEqualTo(IdleMode.POLL);
        assertThat(d.qdiscBypass()).isFalse();
        assertThat(d.rxRing()).isEqualTo(RxRingVersion.TPACKET_V2);
        assertThat(d.statsFile()).isNull();
        assertThat(d.maxFlows()).isEqualTo(65_536);
        assertThat(SwitchArgs.USAGE).contains("default 1048576", "default poll", "(default off)", "(default v2)",
                "(default 65536");
    }

    @Test
    void parsesDataPlaneOptions(@TempDir Path dir) {
        Path stats = dir.resolve("stats.json");
        DataPlaneOptions d = SwitchArgs.parse("--port", "a", "--port", "b", "--pollers", "2", "--connections",
                "2200000", "--cpu", "1,0", "--idle", "spin", "--qdisc-bypass", "on", "--rx-ring", "v3",
                "--stats-file", stats.toString(), "--max-flows", "1048576").dataPlane();
        assertThat(d).isEqualTo(new DataPlaneOptions(2_200_000, List.of(1, 0), IdleMode.SPIN, true,
                RxRingVersion.TPACKET_V3, stats, 1_048_576));
    }

    @Test
    void rejectsBadDataPlaneOptionsNamingThem() {
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--connections", "8"))
                .hasMessageContaining("--connections").hasMessageContaining("out of range");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--max-flows", "0"))
                .hasMessageContaining("--max-flows").hasMessageContaining("out of range");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--cpu", "1,x")).hasMessageContaining("--cpu")
                .hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--cpu", "1,1")).hasMessageContaining("twice");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--idle", "sleep"))
                .hasMessageContaining("spin, backoff or poll");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--qdisc-bypass", "yes"))
                .hasMessageContaining("on or off");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--rx-ring", "v1")).hasMessageContaining("v2 or v3");
        assertThatThrownBy(() -> SwitchArgs.parse("--port", "a", "--stats-file", "/no/such/dir/stats.json"))
                .hasMessageContaining("does not exist");
    }

    @Test
    void recognisesHelp() {
        assertThat(SwitchArgs.wantsHelp(new String[] {"--port", "x", "--help"})).isTrue();
        assertThat(SwitchArgs.USAGE).contains("--controller", "--listen", "--fail-mode", "--pollers", "--dpid");
    }
}
