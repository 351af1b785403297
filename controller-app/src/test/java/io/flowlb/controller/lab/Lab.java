package io.flowlb.controller.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowlb.controller.Controller;
import io.flowlb.controller.config.ControllerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Builds Open vSwitch bridges and network-namespace hosts for integration tests, and removes
 * them on {@link #close}. Refuses to run outside the project's sandbox
 * ({@code scripts/sandbox}, which sets {@code FLOWLB_IN_SANDBOX=1} and runs its own OVS), so a
 * test can never touch the machine's real interfaces.
 *
 * <p>Bridges use the userspace datapath ({@code datapath_type=netdev}), the only one this kind
 * of machine has. Hosts get checksum offload off ({@code ethtool -K tx off}), which OVS's
 * AF_PACKET ports need for TCP.
 */
public final class Lab implements AutoCloseable {
    private final List<String> bridges = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> links = new ArrayList<>();

    /** Skips the test unless it runs as root inside the sandbox with Open vSwitch. */
    public static void requireSandbox() {
        assumeTrue("1".equals(System.getenv("FLOWLB_IN_SANDBOX")),
                "integration tests run inside scripts/sandbox (./flowlb test --it)");
        assumeTrue(run(List.of("ovs-vsctl", "--timeout=5", "show")).code == 0, "Open vSwitch is not running");
    }

    /** A controller with the default configuration, listening for OpenFlow on a free port. */
    public static Controller controllerOnAnyPort() {
        ControllerConfig c = ControllerConfig.defaults();
        return Controller.launch(c.withOpenflow(c.openflow().withPorts(List.of(0))));
    }

    /** The result of a command. */
    public record Result(int code, String out, String err) {
    }

    public static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    /** Runs a command that must succeed; returns its output. */
    public static String sh(String... cmd) {
        Result r = run(List.of(cmd));
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (" + r.code + "): " + r.err + r.out);
        }
        return r.out;
    }

    /**
     * A bridge controlled by the controller at 127.0.0.1:{@code port}, in secure fail mode (no
     * forwarding without the controller), with a fixed DPID.
     *
     * @param protocols e.g. {@code OpenFlow13,OpenFlow10}
     */
    public void bridge(String name, long dpid, String protocols, int port) {
        sh("ovs-vsctl", "add-br", name, "--", "set", "bridge", name, "datapath_type=netdev", "protocols=" + protocols,
                "fail_mode=secure", String.format("other-config:datapath-id=%016x", dpid),
                "--", "set-controller", name, "tcp:127.0.0.1:" + port,
                "--", "set", "controller", name, "connection-mode=out-of-band");
        bridges.add(name);
    }

    /** A host in namespace {@code ns} with address {@code cidr}, plugged into {@code bridge} as {@code ofport}. */
    public void host(String ns, String cidr, String bridge, int ofport) {
        String outside = hostLink(ns, cidr, bridge + "-" + ns);
        sh("ovs-vsctl", "add-port", bridge, outside, "--", "set", "interface", outside, "ofport_request=" + ofport);
    }

    /**
     * A host in namespace {@code ns} with address {@code cidr} on a veth pair whose other end,
     * {@code outside}, is left up in this namespace for a switch to take (returned).
     */
    public String hostLink(String ns, String cidr, String outside) {
        String inside = ns + "-eth0";
        sh("ip", "netns", "add", ns);
        namespaces.add(ns);
        sh("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
        sh("ip", "link", "set", inside, "netns", ns);
        sh("ip", "netns", "exec", ns, "ip", "addr", "add", cidr, "dev", inside);
        sh("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
        sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        run(List.of("ip", "netns", "exec", ns, "ethtool", "-K", inside, "tx", "off"));
        sh("ip", "link", "set", outside, "up");
        links.add(outside);
        return outside;
    }

    /** A cable (veth pair) between two bridges. */
    public void cable(String bridgeA, int portA, String bridgeB, int portB) {
        String a = bridgeA + "-p" + portA;
        String b = bridgeB + "-p" + portB;
        cableLink(a, b);
        sh("ovs-vsctl", "add-port", bridgeA, a, "--", "set", "interface", a, "ofport_request=" + portA);
        sh("ovs-vsctl", "add-port", bridgeB, b, "--", "set", "interface", b, "ofport_request=" + portB);
    }

    /** A veth pair {@code a}-{@code b}, both ends up, for switches to take as ports. */
    public void cableLink(String a, String b) {
        sh("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        links.add(a);
        sh("ip", "link", "set", a, "up");
        sh("ip", "link", "set", b, "up");
    }

    /** Pings until one reply arrives or the time is up. */
    public boolean ping(String ns, String ip, Duration within) {
        return await(within, () -> run(List.of("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1", ip)).code == 0);
    }

    public String dumpFlows(String bridge, String version) {
        return sh("ovs-ofctl", "-O", version, "dump-flows", bridge);
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code within} passes. */
    public static boolean await(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public void close() {
        for (String br : bridges) {
            run(List.of("ovs-vsctl", "--if-exists", "del-br", br));
        }
        for (String l : links) {
            run(List.of("ip", "link", "del", l));
        }
        for (String ns : namespaces) {
            run(List.of("ip", "netns", "del", ns));
        }
    }
}
