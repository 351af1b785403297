package io.flowlb.controller.lb.arp;

import io.flowlb.controller.topology.ReservedAddresses;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Router;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.Vip;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.projectfloodlight.openflow.types.IPAddress;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;

/**
 * The addresses the load balancer answers for or watches, derived from one configuration and
 * published for the packet processors on the event thread:
 *
 * <ul>
 *   <li>{@link #answerMac}: every VIP address with the virtual MAC its ARP / ND answers carry
 *       (the first VIP's, by id, when several share an address);</li>
 *   <li>{@link #isDsrAddress}: addresses of DSR VIPs, which servers hold on loopback and must
 *       never announce;</li>
 *   <li>{@link #gatewayPool}: router-pool gateway addresses;</li>
 *   <li>{@link #isWatched}: members' and routers' own addresses, whose ARP tells where they are;</li>
 *   <li>{@link #serves}: whether some VIP in service covers a destination, protocol and port.</li>
 * </ul>
 * It is also the {@link ReservedAddresses} of host learning: virtual MACs, the probe MAC, VIP and
 * gateway addresses.
 *
 * <p>Thread safety: immutable.
 */
public final class LbAddresses implements ReservedAddresses {
    public static final LbAddresses EMPTY = of(LbConfig.EMPTY, 0);

    private final Map<IpAddress, MacAddress> answers = new HashMap<>();
    private final Set<IpAddress> dsr = new HashSet<>();
    private final Map<IpAddress, RouterPoolId> gateways = new HashMap<>();
    private final Set<IpAddress> watched = new HashSet<>();
    private final Set<Long> virtualMacs = new HashSet<>();
    private final List<Vip> vips;
    private final long probeMac;

    private LbAddresses(LbConfig config, long probeMac) {
        this.probeMac = probeMac;
        this.vips = List.copyOf(config.vips().values());
        for (Vip v : vips) {
            answers.putIfAbsent(v.address(), v.effectiveMac());
            virtualMacs.add(v.effectiveMac().value());
            if (v.mode() == ForwardingMode.DSR) {
                dsr.add(v.address());
            }
        }
        for (Member m : config.members().values()) {
            watched.add(m.address());
        }
        for (RouterPool p : config.routerPools().values()) {
            gateways.put(p.gatewayAddress(), p.id());
            for (Router r : p.routers()) {
                watched.add(r.address());
            }
        }
    }

    /** The addresses of {@code config}; {@code probeMac} is the source of the controller's ARP probes. */
    public static LbAddresses of(LbConfig config, long probeMac) {
        return new LbAddresses(config, probeMac);
    }

    /** The virtual MAC that answers for a VIP address, or null when no VIP has it. */
    public MacAddress answerMac(IpAddress address) {
        return answers.get(address);
    }

    public boolean isDsrAddress(IpAddress address) {
        return dsr.contains(address);
    }

    /** The router pool whose gateway this is, or null. */
    public RouterPoolId gatewayPool(IpAddress address) {
        return gateways.get(address);
    }

    public boolean isWatched(IpAddress address) {
        return watched.contains(address);
    }

    public boolean isVirtualMac(long mac) {
        return virtualMacs.contains(mac);
    }

    public long probeMac() {
        return probeMac;
    }

    /** True when a VIP in service (not in maintenance, with a pool) covers this destination. */
    public boolean serves(IpAddress dst, int ipProtocol, int port) {
        for (Vip v : vips) {
            if (v.address().equals(dst) && v.protocol().matches(ipProtocol) && (v.allPorts() || v.port() == port)
                    && v.adminState() != AdminState.MAINT && v.poolId() != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isReservedMac(long mac) {
        return (probeMac != 0 && mac == probeMac) || virtualMacs.contains(mac);
    }

    @Override
    public boolean isReservedIp(IPAddress<?> ip) {
        IpAddress a = switch (ip) {
            case IPv4Address v4 -> IpAddress.ofV4(v4.getInt());
            case IPv6Address v6 -> IpAddress.ofBytes(v6.getBytes());
            default -> null;
        };
        return a != null && (answers.containsKey(a) || gateways.containsKey(a));
    }
}
