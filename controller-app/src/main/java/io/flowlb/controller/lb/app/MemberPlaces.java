package io.flowlb.controller.lb.app;

import io.flowlb.controller.lb.install.MemberPlace;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostService;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.projectfloodlight.openflow.types.IPAddress;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;

/**
 * Where each member is: its MAC from the configuration if given, else learned; its port from
 * host learning or from the ARP the load balancer saw (its own probes' answers included).
 *
 * <p>Learned bindings (address to MAC and port) come from {@link #observe}; they are dropped when
 * the host goes away (port down, switch gone) and replaced by newer observations.
 *
 * <p>Thread safety: confined to the LB control thread; reads {@link HostService}, which is
 * thread-safe.
 */
final class MemberPlaces {
    private final HostService hosts;
    private final Map<IpAddress, MemberPlace> learned = new HashMap<>();
    private int probeCursor;

    MemberPlaces(HostService hosts) {
        this.hosts = hosts;
    }

    /** Records that {@code address} was seen at {@code mac} on {@code at}; true when that is news. */
    boolean observe(IpAddress address, MacAddress mac, ConnectPoint at) {
        MemberPlace p = new MemberPlace(mac, at);
        return !p.equals(learned.put(address, p));
    }

    /** Forgets what was learned about a MAC (its host went away); true when something was known. */
    boolean forget(MacAddress mac) {
        return learned.values().removeIf(p -> p.mac().equals(mac));
    }

    /** Forgets everything learned on a switch. */
    boolean forget(Dpid dpid) {
        return learned.values().removeIf(p -> p.at().dpid().equals(dpid));
    }

    /** The place of every member that can be resolved now. */
    Map<MemberId, MemberPlace> resolve(LbConfig config) {
        Map<MemberId, MemberPlace> out = new HashMap<>();
        for (Member m : config.members().values()) {
            MemberPlace p = place(m.address(), m.mac());
            if (p != null) {
                out.put(m.id(), p);
            }
        }
        return out;
    }

    /** The place of a host with this address (and MAC, when known), or null. */
    MemberPlace place(IpAddress address, MacAddress configuredMac) {
        MemberPlace seen = learned.get(address);
        MacAddress mac = configuredMac;
        if (mac == null) {
            Host h = hosts.hostByIp(toOf(address));
            mac = seen != null ? seen.mac() : h != null ? new MacAddress(h.mac().getLong()) : null;
        }
        if (mac == null) {
            return null;
        }
        Host h = hosts.host(org.projectfloodlight.openflow.types.MacAddress.of(mac.value()));
        if (h != null) {
            return new MemberPlace(mac, h.location());
        }
        return seen != null && seen.mac().equals(mac) ? seen : null;
    }

    /**
     * Up to {@code max} IPv4 addresses of members with no known place, each once, taking up where
     * the last call stopped (in member id order, wrapping around): a configuration with many
     * unplaced members is probed a slice per round, so one round costs the same whatever its size
     * and no switch gets a burst of one probe per member.
     */
    List<IpAddress> nextToProbe(LbConfig config, Map<MemberId, MemberPlace> resolved, int max) {
        List<IpAddress> all = unresolved(config, resolved);
        if (all.size() <= max) {
            probeCursor = 0;
            return all;
        }
        int from = probeCursor % all.size();
        List<IpAddress> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(all.get((from + i) % all.size()));
        }
        probeCursor = (from + max) % all.size();
        return out;
    }

    /** Members' IPv4 addresses with no known place, each once, in member id order. */
    List<IpAddress> unresolved(LbConfig config, Map<MemberId, MemberPlace> resolved) {
        Set<IpAddress> out = new LinkedHashSet<>();
        for (Member m : config.members().values()) {
            if (!resolved.containsKey(m.id()) && m.address().isV4()) {
                out.add(m.address());
            }
        }
        return new ArrayList<>(out);
    }

    static IpAddress fromOf(IPAddress<?> a) {
        return IpAddress.ofBytes(a.getBytes());
    }

    static IPAddress<?> toOf(IpAddress a) {
        return a.isV4() ? IPv4Address.of(a.v4()) : IPv6Address.of(a.toBytes());
    }
}
