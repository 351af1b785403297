package io.flowlb.flowswitch.io.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.engine.AgentRunner;
import io.flowlb.flowswitch.engine.IdleMode;
import io.flowlb.flowswitch.engine.SwitchEngine;
import io.flowlb.flowswitch.io.PortStatusListener;
import io.flowlb.flowswitch.io.RxFlags;
import io.flowlb.flowswitch.io.afpacket.ObservingPatch.Seen;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two hosts in namespaces, two AF_PACKET ports, one poller with the default idle strategy
 * (poll(2)) and a patch between the ports: what a host sends reaches the other host, once.
 * Root, inside scripts/sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AfPacketForwardingIT {
    /** Receives N bytes on port 5001 and answers with their SHA-256. */
    private static final String SERVER = """
            import socket, hashlib, sys
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('0.0.0.0', 5001)); s.listen(4); s.settimeout(30)
            c, _ = s.accept(); c.settimeout(30); n = int(sys.argv[1]); h = hashlib.sha256(); got = 0
            while got < n:
                d = c.recv(65536)
                if not d: break
                h.update(d); got += len(d)
            c.sendall(h.hexdigest().encode()); c.close()
            """;
    /** Sends N deterministic bytes and exits 0 when the server's digest matches. */
    private static final String CLIENT = """
            import socket, hashlib, sys, time
            n = int(sys.argv[2]); data = (bytes(range(256)) * (n // 256 + 1))[:n]
            for attempt in range(50):
                try:
                    c = socket.create_connection((sys.argv[1], 5001), timeout=20); break
                except OSError:
                    time.sleep(0.1)
            c.sendall(data); reply = c.recv(100).decode()
            sys.exit(0 if reply == hashlib.sha256(data).hexdigest() else 1)
            """;
    /** Opens a connection (retrying while the server starts), writes N bytes in one call, waits a little and leaves. */
    private static final String WRITER = """
            import socket, sys, time
            for attempt in range(50):
                try:
                    c = socket.create_connection((sys.argv[1], 5001), timeout=10); break
                except OSError:
                    time.sleep(0.1)
            c.sendall(b'x' * int(sys.argv[2])); time.sleep(1)
            """;
    private static final String UDP_SENDER = """
            import socket, sys
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'u' * 200, (sys.argv[1], 5002))
            """;

    private TwoHosts hosts;
    private AfPacketPort port1;
    private AfPacketPort port2;
    private ObservingPatch patch;
    private SwitchEngine engine;

    @BeforeAll
    void start() throws Exception {
        Shell.requireSandbox();
        hosts = new TwoHosts("fw", 1);
        List<AfPacketPort> ports = AfPacketPort.openAll(List.of(hosts.switchPort(1), hosts.switchPort(2)),
                AfPacketConfig.DEFAULT);
        port1 = ports.get(0);
        port2 = ports.get(1);
        LinkMonitor monitor = LinkMonitor.open(List.of(port1, port2), PortStatusListener.NONE);
        engine = SwitchEngine.builder().ports(List.of(port1, port2))
                .pipelines(i -> patch = new ObservingPatch(port1, port2))
                .idleMode(IdleMode.POLL).linkMonitor(monitor).build();
        engine.start();
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @BeforeEach
    void forgetFrames() {
        patch.seen.clear();
    }

    @Test
    void pingCrossesTheSwitchBothWaysWithoutDuplicates() {
        Shell.Result ping = hosts.tryIn(1, 20, "ping", "-c", "5", "-i", "0.2", "-W", "2", hosts.ip(2));

        assertThat(ping.exitCode()).as(ping.output()).isZero();
        assertThat(ping.output()).contains("5 received").doesNotContain("DUP!");
    }

    @Test
    void theSwitchNeverReceivesTheFramesItSends() {
        long h1Sent = hosts.hostCounter(1, "tx_packets");
        long h2Sent = hosts.hostCounter(2, "tx_packets");
        long rx1 = port1.counters().rxPackets();
        long rx2 = port2.counters().rxPackets();

        hosts.in(1, "ping", "-c", "10", "-i", "0.05", "-W", "2", hosts.ip(2));

        long h1Mac = hosts.hostMac(1);
        long h2Mac = hosts.hostMac(2);
        assertThat(Shell.eventually(2_000, () -> port2.counters().rxPackets() - rx2
                == hosts.hostCounter(2, "tx_packets") - h2Sent)).isTrue();
        assertThat(port1.counters().rxPackets() - rx1).isEqualTo(hosts.hostCounter(1, "tx_packets") - h1Sent);
        assertThat(patch.seen()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.srcMac()).isEqualTo(s.port() == 1 ? h1Mac : h2Mac));
    }

    @Test
    void tcpTransferArrivesIntactWhenTheHostsDoNotOffloadChecksums() {
        // This pipeline neither segments super-frames nor is it meant to: with transmit offloads
        // off the hosts send MTU-sized frames with complete checksums.
        hosts.in(1, "ethtool", "-K", "eth0", "tx", "off");
        hosts.in(2, "ethtool", "-K", "eth0", "tx", "off");
        try {
            int bytes = 1 << 20;
            Process server = Shell.start(hosts.inCommand(2, "/usr/bin/python3", "-c", SERVER, Integer.toString(bytes)));
            Shell.Result client = hosts.tryIn(1, 60, "/usr/bin/python3", "-c", CLIENT, hosts.ip(2), Integer.toString(bytes));
            server.destroy();

            assertThat(client.exitCode()).as("digest of 1 MiB over TCP: " + client.output()).isZero();
            assertThat(patch.seen()).filteredOn(s -> s.ipProtocol() == 6).allSatisfy(s -> {
                assertThat(s.length()).isLessThanOrEqualTo(1514);
                assertThat(s.flags() & RxFlags.CSUM_NOT_READY).isZero();
            });
        } finally {
            hosts.in(1, "ethtool", "-K", "eth0", "tx", "on");
            hosts.in(2, "ethtool", "-K", "eth0", "tx", "on");
        }
    }

    @Test
    void reportsPartialChecksumsAndSuperFramesAsTheKernelHandsThemOver() {
        long dropsBefore = port2.counters().txDropped();
        hosts.in(1, "/usr/bin/python3", "-c", UDP_SENDER, hosts.ip(2));
        Process server = Shell.start(hosts.inCommand(2, "/usr/bin/python3", "-c", SERVER, "60000"));
        Shell.Result writer = hosts.tryIn(1, 30, "/usr/bin/python3", "-c", WRITER, hosts.ip(2), "60000");
        server.destroy();

        assertThat(writer.exitCode()).as(writer.output()).isZero();
        List<Seen> fromH1 = patch.seen().stream().filter(s -> s.port() == 1).toList();
        assertThat(fromH1).as("a UDP datagram with its checksum left partial")
                .anyMatch(s -> s.ipProtocol() == 17 && (s.flags() & RxFlags.CSUM_NOT_READY) != 0);
        assertThat(fromH1).as("a TCP super-frame, whole, longer than the MTU, flagged partial")
                .anyMatch(s -> s.ipProtocol() == 6 && s.length() > 1514 && s.length() == s.ipTotalLength() + 14
                        && (s.flags() & RxFlags.CSUM_NOT_READY) != 0 && (s.flags() & RxFlags.TRUNCATED) == 0);
        assertThat(port2.counters().txDropped()).as("super-frames refused by the output queue")
                .isGreaterThan(dropsBefore);
    }

    @Test
    void anIdlePollerSleepsInTheKernel() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        hosts.in(1, "ping", "-c", "3", "-i", "0.2", hosts.ip(2));
        Thread.sleep(300);
        List<AgentRunner> runners = engine.runners();
        long[] before = new long[runners.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = threads.getThreadCpuTime(runners.get(i).thread().threadId());
        }
        long start = System.nanoTime();
        Thread.sleep(3_000);
        long wall = System.nanoTime() - start;

        for (int i = 0; i < before.length; i++) {
            long used = threads.getThreadCpuTime(runners.get(i).thread().threadId()) - before[i];
            assertThat((double) used / wall).as("CPU share of idle thread %s", runners.get(i).thread().getName())
                    .isLessThan(0.02);
        }
    }
}
