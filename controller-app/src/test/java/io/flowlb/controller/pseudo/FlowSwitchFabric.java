package io.flowlb.controller.pseudo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowlb.controller.lab.Lab;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * flow-switch processes ({@code SwitchMain}, as {@code ./flowlb switch} runs it) on veth ports,
 * one per bridge, each also listening for {@code ovs-ofctl} on its own port. Their logs go to
 * {@code target/flowswitch-NAME.log}.
 */
public final class FlowSwitchFabric implements Fabric {
    private static final Path MODULE = Path.of("..", "flow-switch", "target").toAbsolutePath().normalize();
    private static final int FIRST_LISTEN_PORT = 6634;

    private final Lab lab;
    private final Map<String, Bridge> bridges = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    private record Bridge(String name, long dpid, int controllerPort, int listenPort, Map<Integer, String> ports) {
    }

    public FlowSwitchFabric(Lab lab) {
        assumeTrue(Files.isDirectory(MODULE.resolve("classes")) && Files.isDirectory(MODULE.resolve("lib")),
                "flow-switch is built (mvn -pl flow-switch package)");
        this.lab = lab;
    }

    @Override
    public void bridge(String name, long dpid, int controllerPort) {
        bridges.put(name, new Bridge(name, dpid, controllerPort, FIRST_LISTEN_PORT + bridges.size(), new TreeMap<>()));
    }

    @Override
    public void host(String ns, String cidr, String bridge, int ofport) {
        bridges.get(bridge).ports().put(ofport, lab.hostLink(ns, cidr, bridge + "-" + ns));
    }

    @Override
    public void cable(String bridgeA, int portA, String bridgeB, int portB) {
        String a = bridgeA + "-p" + portA;
        String b = bridgeB + "-p" + portB;
        lab.cableLink(a, b);
        bridges.get(bridgeA).ports().put(portA, a);
        bridges.get(bridgeB).ports().put(portB, b);
    }

    @Override
    public void start() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = MODULE.resolve("classes") + File.pathSeparator + MODULE.resolve("lib") + File.separator + "*";
        for (Bridge b : bridges.values()) {
            List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                    "io.flowlb.flowswitch.SwitchMain", "--name", b.name(), "--dpid", "0x" + Long.toHexString(b.dpid()),
                    "--controller", "tcp:127.0.0.1:" + b.controllerPort(), "--fail-mode", "secure",
                    "--listen", "ptcp:" + b.listenPort()));
            for (Map.Entry<Integer, String> p : b.ports().entrySet()) {
                cmd.add("--port");
                cmd.add(p.getValue() + "=" + p.getKey());
            }
            try {
                processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(Path.of("target", "flowswitch-" + b.name() + ".log").toFile()).start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String flows(String bridge) {
        return Lab.sh("ovs-ofctl", "-O", "OpenFlow13", "dump-flows", "tcp:127.0.0.1:" + bridges.get(bridge).listenPort());
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
