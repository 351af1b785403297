package io.flowlb.flowswitch.io.afpacket;

import java.util.ArrayList;
import java.util.List;

/**
 * Two hosts in network namespaces, each wired by a veth pair to a switch-side interface left
 * in the test's namespace: {@code <prefix>h1} (10.9.N.1/24, {@code eth0}) to
 * {@code <prefix>p1}, and {@code <prefix>h2} (10.9.N.2/24) to {@code <prefix>p2}. IPv6 is off so
 * only the test's own traffic crosses the switch.
 */
final class TwoHosts implements AutoCloseable {
    final String prefix;
    final int subnet;

    TwoHosts(String prefix, int subnet) {
        this.prefix = prefix;
        this.subnet = subnet;
        for (int i = 1; i <= 2; i++) {
            Shell.run("ip", "netns", "add", host(i));
            wire(i);
        }
    }

    String host(int i) {
        return prefix + "h" + i;
    }

    String switchPort(int i) {
        return prefix + "p" + i;
    }

    String ip(int i) {
        return "10.9." + subnet + "." + i;
    }

    /** Creates the veth pair of host {@code i} (again, after {@link #unwire}) and brings it up. */
    void wire(int i) {
        Shell.run("ip", "link", "add", switchPort(i), "type", "veth", "peer", "name", "eth0", "netns", host(i));
        Shell.run("sysctl", "-qw", "net.ipv6.conf." + switchPort(i) + ".disable_ipv6=1");
        Shell.run("ip", "link", "set", switchPort(i), "up");
        in(i, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
        in(i, "ip", "link", "set", "lo", "up");
        in(i, "ip", "addr", "add", ip(i) + "/24", "dev", "eth0");
        in(i, "ip", "link", "set", "eth0", "up");
    }

    /** Deletes the veth pair of host {@code i} (both ends vanish). */
    void unwire(int i) {
        Shell.run("ip", "link", "del", switchPort(i));
    }

    /** Runs a command inside host {@code i}'s namespace; it must succeed. */
    String in(int i, String... command) {
        return Shell.run(inCommand(i, command).toArray(new String[0]));
    }

    /** Runs a command inside host {@code i}'s namespace. */
    Shell.Result tryIn(int i, long timeoutSeconds, String... command) {
        return Shell.exec(timeoutSeconds, inCommand(i, command).toArray(new String[0]));
    }

    List<String> inCommand(int i, String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", host(i)));
        all.addAll(List.of(command));
        return all;
    }

    /** A counter of the host's eth0 from /sys (e.g. {@code tx_packets}). */
    long hostCounter(int i, String name) {
        return Long.parseLong(in(i, "cat", "/sys/class/net/eth0/statistics/" + name).trim());
    }

    /** The host's MAC address in the low 48 bits. */
    long hostMac(int i) {
        String mac = in(i, "cat", "/sys/class/net/eth0/address").trim();
        return Long.parseLong(mac.replace(":", ""), 16);
    }

    @Override
    public void close() {
        for (int i = 1; i <= 2; i++) {
            Shell.exec(10, "ip", "link", "del", switchPort(i));
            Shell.exec(10, "ip", "netns", "del", host(i));
        }
    }
}
