package io.flowlb.flowswitch.io.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.engine.AgentRunner;
import io.flowlb.flowswitch.engine.PatchPanel;
import io.flowlb.flowswitch.engine.SwitchEngine;
import io.flowlb.flowswitch.io.NetPort;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Links going down, vanishing and coming back under a running switch, as Mininet does when it
 * tears a topology down. Root, inside scripts/sandbox.
 */
class AfPacketLinkIT {
    private final Queue<String> events = new ConcurrentLinkedQueue<>();
    private TwoHosts hosts;
    private AfPacketPort port1;
    private AfPacketPort port2;
    private SwitchEngine engine;

    @BeforeEach
    void start() throws Exception {
        Shell.requireSandbox();
        hosts = new TwoHosts("lk", 2);
        port1 = AfPacketPort.open(hosts.switchPort(1), 1, AfPacketConfig.DEFAULT);
        port2 = AfPacketPort.open(hosts.switchPort(2), 2, AfPacketConfig.DEFAULT);
        LinkMonitor monitor = LinkMonitor.open(List.of(port1, port2), this::record);
        engine = SwitchEngine.builder().ports(List.of(port1, port2)).pipelines(PatchPanel.between(port1, port2))
                .linkMonitor(monitor).build();
        engine.start();
    }

    private void record(NetPort port) {
        events.add(port.name() + (port.linkUp() ? " up" : " down"));
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    private boolean ping(int seconds) {
        return hosts.tryIn(1, seconds + 5, "ping", "-c", "1", "-w", Integer.toString(seconds), hosts.ip(2)).exitCode() == 0;
    }

    @Test
    void aVanishedInterfaceMarksItsPortDownWhileThePollerKeepsServingTheOthers() {
        assertThat(ping(5)).isTrue();

        hosts.unwire(2);

        assertThat(Shell.eventually(2_000, () -> !port2.linkUp() && !port2.present())).isTrue();
        assertThat(events).contains(hosts.switchPort(2) + " down");
        long rxBefore = port1.counters().rxPackets();
        assertThat(ping(1)).as("nothing answers behind a vanished port").isFalse();
        assertThat(port1.counters().rxPackets()).as("port 1 still receives").isGreaterThan(rxBefore);
        assertThat(port2.counters().txDropped()).as("frames for the vanished port are counted").isPositive();
        assertThat(engine.runners()).allMatch(AgentRunner::isAlive);
        assertThat(engine.errors()).isZero();
    }

    @Test
    void aReCreatedInterfaceOfTheSameNameIsPickedUpAgain() {
        hosts.unwire(2);
        assertThat(Shell.eventually(2_000, () -> !port2.present())).isTrue();

        hosts.wire(2);

        assertThat(Shell.eventually(2_000, () -> port2.present() && port2.linkUp())).isTrue();
        assertThat(ping(5)).as("forwarding resumes through re-opened sockets").isTrue();
        assertThat(events).endsWith(hosts.switchPort(2) + " up");
    }

    @Test
    void anAdministrativelyDownLinkIsReportedAndForwardsAgainOnceUp() {
        Shell.run("ip", "link", "set", hosts.switchPort(2), "down");
        assertThat(Shell.eventually(2_000, () -> !port2.linkUp())).isTrue();
        assertThat(port2.present()).isTrue();
        long errorsBefore = port2.counters().txErrors();
        assertThat(ping(1)).isFalse();
        assertThat(port2.counters().txDropped()).as("refused while down").isPositive();
        assertThat(port2.counters().txErrors()).as("no kick is tried on a down link").isEqualTo(errorsBefore);

        Shell.run("ip", "link", "set", hosts.switchPort(2), "up");

        assertThat(Shell.eventually(2_000, port2::linkUp)).isTrue();
        assertThat(ping(5)).isTrue();
        assertThat(events).containsSubsequence(hosts.switchPort(2) + " down", hosts.switchPort(2) + " up");
    }
}
