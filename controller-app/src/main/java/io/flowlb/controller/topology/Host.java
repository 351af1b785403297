package io.flowlb.controller.topology;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.projectfloodlight.openflow.types.IPAddress;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * An end host the controller has seen: its MAC, where it is attached, and the IP addresses it
 * used.
 *
 * @param mac the host's MAC (its identity)
 * @param vlan the VLAN it was seen on, or -1 untagged
 * @param location the edge port it is attached to
 * @param ips IPv4 and IPv6 addresses learned for it (unmodifiable, in learning order)
 * @param firstSeenMillis when it was first learned
 * @param lastSeenMillis when a packet from it last reached the controller
 *
 * <p>Thread safety: immutable; updates produce new instances.
 */
public record Host(MacAddress mac, int vlan, ConnectPoint location, Set<IPAddress<?>> ips, long firstSeenMillis,
        long lastSeenMillis) {

    public Host {
        ips = Collections.unmodifiableSet(new LinkedHashSet<>(ips));
    }

    Host seen(long now) {
        return new Host(mac, vlan, location, ips, firstSeenMillis, now);
    }

    Host movedTo(ConnectPoint where, long now) {
        return new Host(mac, vlan, where, ips, firstSeenMillis, now);
    }

    Host withIp(IPAddress<?> ip) {
        Set<IPAddress<?>> more = new LinkedHashSet<>(ips);
        more.add(ip);
        return new Host(mac, vlan, location, more, firstSeenMillis, lastSeenMillis);
    }

    Host withoutIp(IPAddress<?> ip) {
        Set<IPAddress<?>> fewer = new LinkedHashSet<>(ips);
        fewer.remove(ip);
        return new Host(mac, vlan, location, fewer, firstSeenMillis, lastSeenMillis);
    }

    @Override
    public String toString() {
        return "host " + mac + " at " + location + " " + ips;
    }
}
