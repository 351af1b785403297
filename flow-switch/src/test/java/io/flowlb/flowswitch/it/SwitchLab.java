package io.flowlb.flowswitch.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowlb.flowswitch.FlowSwitch;
import io.flowlb.flowswitch.SwitchArgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A lab for flow-switch integration tests: N hosts in network namespaces, host {@code k} at
 * {@code 10.8.<net>.k/24} with MAC {@code 02:00:00:00:<net>:0k} on its {@code eth0}, wired by a
 * veth pair to {@code <prefix>p<k>} in the test's namespace, which becomes switch port k. The
 * switch runs in this JVM (the real composition root, as {@code ./flowlb switch} builds it).
 * IPv6 is off so only the test's traffic crosses the switch. Root, inside scripts/sandbox only.
 */
final class SwitchLab implements AutoCloseable {
    /** A finished command: exit code and merged output. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    final String prefix;
    final int net;
    final int hosts;
    private final List<Process> background = new ArrayList<>();
    private FlowSwitch sw;

    SwitchLab(String prefix, int net, int hosts) {
        assumeTrue("1".equals(System.getenv("FLOWLB_IN_SANDBOX")),
                "needs root inside scripts/sandbox (private network namespace)");
        this.prefix = prefix;
        this.net = net;
        this.hosts = hosts;
        for (int k = 1; k <= hosts; k++) {
            String h = host(k);
            run("ip", "netns", "add", h);
            run("ip", "link", "add", port(k), "type", "veth", "peer", "name", "eth0", "netns", h);
            run("sysctl", "-qw", "net.ipv6.conf." + port(k) + ".disable_ipv6=1");
            run("ip", "link", "set", port(k), "up");
            in(k, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
            in(k, "ip", "link", "set", "lo", "up");
            in(k, "ip", "link", "set", "eth0", "address", mac(k));
            in(k, "ip", "addr", "add", ip(k) + "/24", "dev", "eth0");
            in(k, "ip", "link", "set", "eth0", "up");
        }
    }

    String host(int k) {
        return prefix + "h" + k;
    }

    String port(int k) {
        return prefix + "p" + k;
    }

    String ip(int k) {
        return "10.8." + net + "." + k;
    }

    String mac(int k) {
        return String.format("02:00:00:00:%02x:%02x", net, k);
    }

    /** Starts flow-switch on every host's port with these extra arguments (as on the command line). */
    FlowSwitch startSwitch(String... extra) throws InterruptedException {
        List<String> args = new ArrayList<>();
        for (int k = 1; k <= hosts; k++) {
            args.add("--port");
            args.add(port(k));
        }
        args.addAll(List.of(extra));
        sw = FlowSwitch.start(SwitchArgs.parse(args.toArray(new String[0])));
        return sw;
    }

    /** {@code ovs-ofctl -O OpenFlow13 <command> tcp:127.0.0.1:<port> <args>}. */
    Result ofctl(int listenPort, String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13", command,
                "tcp:127.0.0.1:" + listenPort));
        cmd.addAll(List.of(args));
        return exec(20, cmd.toArray(new String[0]));
    }

    /** Runs a command in host {@code k}; it must succeed. */
    String in(int k, String... command) {
        return run(inHost(k, command));
    }

    Result tryIn(int k, long timeoutSeconds, String... command) {
        return exec(timeoutSeconds, inHost(k, command));
    }

    /** Starts a long-running command in host {@code k}; it is killed when the lab closes. */
    Process spawn(int k, String... command) {
        try {
            Process p = new ProcessBuilder(inHost(k, command)).redirectErrorStream(true).start();
            background.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a command in the test's namespace (a controller...); killed when the lab closes. */
    Process spawnHere(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            background.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String[] inHost(int k, String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", host(k)));
        all.addAll(List.of(command));
        return all.toArray(new String[0]);
    }

    static String run(String... command) {
        Result r = exec(30, command);
        if (!r.ok()) {
            throw new AssertionError("'" + String.join(" ", command) + "' exited " + r.exitCode() + ": " + r.output());
        }
        return r.output();
    }

    static Result exec(long timeoutSeconds, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code millis} pass. */
    static boolean eventually(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        for (Process p : background) {
            p.destroyForcibly();
        }
        if (sw != null) {
            sw.close();
        }
        for (int k = 1; k <= hosts; k++) {
            exec(10, "ip", "link", "del", port(k));
            exec(10, "ip", "netns", "del", host(k));
        }
    }
}
