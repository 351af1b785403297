package io.flowlb.flowswitch.io.afpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user sees when the switch cannot open its ports. Touches no interface's traffic. */
class AfPacketPortPrivilegeTest {

    @Test
    void saysToRunAsRootWhenTheProcessLacksCapNetRaw() throws Exception {
        List<String> command = new ArrayList<>();
        if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
            // Root: drop CAP_NET_RAW from the child, as an unprivileged user would lack it.
            command.addAll(List.of("setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw"));
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OpenPortProbe.class.getName(), "lo"));

        Shell.Result result = Shell.exec(60, command.toArray(new String[0]));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("socket(AF_PACKET, SOCK_RAW)", "Operation not permitted",
                "CAP_NET_RAW", "run flow-switch as root");
    }

    @Test
    void namesAMissingInterface() {
        assertThatThrownBy(() -> AfPacketPort.open("nosuch-if9", 1, AfPacketConfig.DEFAULT))
                .isInstanceOf(NativeException.class)
                .hasMessageContaining("interface 'nosuch-if9'")
                .hasMessageContaining("No such device")
                .hasMessageContaining("ip link");
    }

    @Test
    void refusesAnEmptyOrRepeatedPortList() {
        assertThatThrownBy(() -> AfPacketPort.openAll(List.of(), AfPacketConfig.DEFAULT))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> AfPacketPort.openAll(List.of("s1p1", "s1p2", "s1p1"), AfPacketConfig.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named twice");
    }

    @Test
    void rejectsNamesLinuxCouldNeverHold() {
        assertThatThrownBy(() -> AfPacketPort.open("a-name-longer-than-15", 1, AfPacketConfig.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 15 bytes");
        assertThatThrownBy(() -> AfPacketPort.open("eth0", 0, AfPacketConfig.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start at 1");
    }
}
