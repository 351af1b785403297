package io.flowlb.controller.lb.app;

import io.flowlb.controller.Controller;
import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.StateStore;
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

/**
 * The load balancer's integration-test lab: the controller in-process with the LB control loop
 * and the LB application, an Open vSwitch bridge (userspace datapath, OpenFlow 1.3, secure fail
 * mode), and hosts in network namespaces: a client and servers running nginx that names itself
 * ({@code GET /} answers the server's name; every answer carries {@code X-Server}; {@code /big/file}
 * is a 600 KB file for long downloads). Everything is removed on {@link #close}. Runs only inside
 * the sandbox ({@link Lab#requireSandbox}).
 */
final class LbLab implements AutoCloseable {
    static final String BRIDGE = "br0";

    final Lab lab = new Lab();
    final Path dir;
    final Controller controller;
    final LbManager lb;
    private final List<String> nginx = new ArrayList<>();
    private final List<Process> background = new ArrayList<>();
    private final Map<String, String> macs = new HashMap<>();

    LbLab(Path dir) throws Exception {
        this.dir = dir;
        this.controller = Lab.controllerOnAnyPort();
        this.lb = LbManager.start(new StateStore(Files.createDirectories(dir.resolve("state")), LbJson.newMapper()),
                new MetricRegistry());
        controller.startLoadBalancer(lb);
        lab.bridge(BRIDGE, 0x10, "OpenFlow13", controller.openflowPorts().get(0));
    }

    /** A host on the bridge; returns its MAC. */
    String host(String ns, String cidr, int ofport) {
        lab.host(ns, cidr, BRIDGE, ofport);
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

    /** Waits until the VIP's group on the bridge has {@code n} buckets. */
    boolean bucketsInstalled(int groups, int buckets) {
        return Lab.await(Duration.ofSeconds(20), () -> {
            String dump = Lab.run(List.of("ovs-ofctl", "-O", "OpenFlow13", "dump-groups", BRIDGE)).out();
            long g = dump.lines().filter(l -> l.contains("group_id=")).count();
            long b = dump.split("bucket=", -1).length - 1;
            return g == groups && b == (long) groups * buckets;
        });
    }

    String dumpFlows() {
        return lab.dumpFlows(BRIDGE, "OpenFlow13");
    }

    String dumpGroups() {
        return Lab.run(List.of("ovs-ofctl", "-O", "OpenFlow13", "dump-groups", BRIDGE)).out();
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
        lab.close();
        controller.close();
        lb.close();
    }
}
