package io.flowlb.controller.lb.app;

import io.flowlb.controller.Controller;
import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.controller.pseudo.Fabric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;

/**
 * The load balancer's integration-test lab: the controller in-process with the LB control loop
 * and the LB application, one switch (an Open vSwitch bridge with the userspace datapath, or a
 * flow-switch process; OpenFlow 1.3, secure fail mode), and hosts in network namespaces: a client and servers running nginx that names itself
 * ({@code GET /} answers the server's name; every answer carries {@code X-Server}; {@code /big/file}
 * is a 600 KB file for long downloads). Declare the hosts, then {@link #start}. Everything is
 * removed on {@link #close}. Runs only inside the sandbox ({@link Lab#requireSandbox}).
 */
final class LbLab implements AutoCloseable {
    static final String BRIDGE = "br0";

    static final long DPID = 0x10;

    final Lab lab = new Lab();
    final Fabric fabric;
    final Path dir;
    final Controller controller;
    final LbManager lb;
    private final List<String> nginx = new ArrayList<>();
    private final List<Process> background = new ArrayList<>();
    private final Map<String, String> macs = new HashMap<>();

    LbLab(Path dir, Function<Lab, Fabric> switchKind) throws Exception {
        this.dir = dir;
        this.fabric = switchKind.apply(lab);
        this.controller = Lab.controllerOnAnyPort();
        this.lb = LbManager.start(new StateStore(Files.createDirectories(dir.resolve("state")), LbJson.newMapper()),
                new MetricRegistry());
        controller.startLoadBalancer(lb);
        fabric.bridge(BRIDGE, DPID, controller.openflowPorts().get(0));
    }

    /** Starts the switch (after the hosts are declared) and waits until it is connected. */
    boolean start() {
        fabric.start();
        return Lab.await(Duration.ofSeconds(20), () -> controller.switchService().isConnected(Dpid.of(DPID)));
    }

    /** A host on the bridge; returns its MAC. */
    String host(String ns, String cidr, int ofport) {
        fabric.host(ns, cidr, BRIDGE, ofport);
        String mac = Lab.sh("ip", "netns", "exec", ns, "cat", "/sys/class/net/" + ns + "-eth0/address").trim();
        macs.put(ns, mac);
        return mac;
    }

    String mac(String ns) {
        return macs.get(ns);
    }

    static String in(String ns, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        return Lab.sh(full.toArray(String[]::new));
    }

    static Lab.Result run(String ns, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        return Lab.run(full);
    }

    /** Starts nginx in {@code ns}, answering {@code name}. */
    void nginx(String ns, String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve("nginx-" + ns));
        Files.createDirectories(d.resolve("www/big"));
        byte[] big = new byte[600 * 1024];
        Files.write(d.resolve("www/big/file"), big);
        String conf = """
                user root;
                worker_processes 1;
                daemon on;
                pid D/nginx.pid;
                error_log D/error.log;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path D/body;
                  proxy_temp_path D/proxy;
                  fastcgi_temp_path D/fcgi;
                  uwsgi_temp_path D/uwsgi;
                  scgi_temp_path D/scgi;
                  keepalive_timeout 0;
                  server {
                    listen 80;
                    listen 8080;
                    add_header X-Server N always;
                    location = / { return 200 "N\\n"; }
                    location /big/ { root D/www; }
                  }
                }
                """.replace("D/", d + "/").replace("N", name);
        Path file = d.resolve("nginx.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        in(ns, "nginx", "-c", file.toString(), "-p", d.toString());
        nginx.add(d.resolve("nginx.pid").toString());
    }

    /** One HTTP request from {@code ns}; the body (trimmed), or "" when it failed. */
    static String get(String ns, String url) {
        Lab.Result r = run(ns, "curl", "-s", "-m", "3", url);
        return r.code() == 0 ? r.out().trim() : "";
    }

    /** A background command in {@code ns}; killed on close if still running. */
    Process start(String ns, String... cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        background.add(p);
        return p;
    }

    /** Runs a command whose output may be large; returns the output. */
    String output(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        return Files.readString(out);
    }

    /** Waits until the switch holds {@code groups} groups of {@code buckets} buckets each. */
    boolean bucketsInstalled(int groups, int buckets) {
        return Lab.await(Duration.ofSeconds(20), () -> {
            List<OFGroupDescStatsEntry> g = groups();
            return g.size() == groups && g.stream().allMatch(e -> e.getBuckets().size() == buckets);
        });
    }

    /** The switch's groups, asked over OpenFlow (empty when it does not answer). */
    List<OFGroupDescStatsEntry> groups() {
        OfSwitch sw = controller.switchService().getSwitch(Dpid.of(DPID));
        if (sw == null) {
            return List.of();
        }
        try {
            List<OFGroupDescStatsEntry> out = new ArrayList<>();
            for (OFGroupDescStatsReply r : controller.switchService().requestMultipart(sw.dpid(),
                    sw.factory().buildGroupDescStatsRequest().build()).get(5, TimeUnit.SECONDS)) {
                out.addAll(r.getEntries());
            }
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    /** The weights of the buckets of the switch's groups, in order. */
    List<Integer> weights() {
        List<Integer> out = new ArrayList<>();
        for (OFGroupDescStatsEntry g : groups()) {
            g.getBuckets().forEach(b -> out.add(b.getWeight()));
        }
        return out;
    }

    String dumpFlows() {
        return fabric.flows(BRIDGE);
    }

    @Override
    public void close() {
        for (Process p : background) {
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String pid : nginx) {
            try {
                Lab.run(List.of("kill", Files.readString(Path.of(pid)).trim()));
            } catch (IOException e) {
                // nginx did not start; nothing to stop
            }
        }
        fabric.close();
        lab.close();
        controller.close();
        lb.close();
    }
}
