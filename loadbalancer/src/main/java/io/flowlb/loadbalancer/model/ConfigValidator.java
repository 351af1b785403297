package io.flowlb.loadbalancer.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The referential checks of a whole {@link LbConfig}: every reference resolves, no two VIPs claim
 * one service, and members can be reached the way their VIPs forward. Single records check
 * their own fields; what needs more than one record is here.
 *
 * <p>Messages start with the object at fault ({@code member m3: ...}); the field is the JSON
 * name of the value to change.
 *
 * <p>Thread safety: stateless.
 */
final class ConfigValidator {
    private record Service(IpAddress address, Protocol protocol, int port) {
    }

    private record Endpoint(PoolId pool, IpAddress address, int port) {
    }

    private ConfigValidator() {
    }

    /**
     * Binds every VIP named by a pool's {@code vip_id} to that pool, then sets each pool's
     * {@code vip_id} to the first VIP, by id, that uses it (or none). Works on the given maps.
     */
    static void bindPools(SortedMap<VipId, Vip> vips, SortedMap<PoolId, Pool> pools) {
        for (Pool pool : pools.values()) {
            if (pool.vipId() == null) {
                continue;
            }
            Vip vip = vips.get(pool.vipId());
            if (vip == null) {
                throw new ValidationException("vip_id", "pool " + pool.id() + ": vip " + pool.vipId() + " does not exist");
            }
            if (vip.poolId() == null) {
                vips.put(vip.id(), vip.withPool(pool.id()));
            } else if (!vip.poolId().equals(pool.id())) {
                throw new ValidationException("vip_id", "pool " + pool.id() + ": vip " + vip.id() + " already uses pool "
                        + vip.poolId() + "; change the vip's pool_id instead");
            }
        }
        Map<PoolId, VipId> firstVip = new HashMap<>();
        for (Vip vip : vips.values()) {
            if (vip.poolId() != null) {
                firstVip.putIfAbsent(vip.poolId(), vip.id());
            }
        }
        for (Pool pool : List.copyOf(pools.values())) {
            VipId expected = firstVip.get(pool.id());
            if (expected == null ? pool.vipId() != null : !expected.equals(pool.vipId())) {
                pools.put(pool.id(), pool.withVip(expected));
            }
        }
    }

    static void validate(LbConfig c) {
        checkVips(c);
        for (Pool pool : c.pools().values()) {
            for (MonitorId m : pool.monitorIds()) {
                if (!c.monitors().containsKey(m)) {
                    throw new ValidationException("monitor_ids", "pool " + pool.id() + ": monitor " + m + " does not exist");
                }
            }
        }
        checkMembers(c);
        checkRouterPools(c);
    }

    private static void checkVips(LbConfig c) {
        Map<Service, Vip> services = new HashMap<>();
        Map<IpAddress, Vip> byAddress = new HashMap<>();
        for (Vip vip : c.vips().values()) {
            if (vip.poolId() != null && !c.pools().containsKey(vip.poolId())) {
                throw new ValidationException("pool_id", at(vip) + "pool " + vip.poolId() + " does not exist");
            }
            Vip same = services.putIfAbsent(new Service(vip.address(), vip.protocol(), vip.port()), vip);
            if (same != null) {
                throw new ValidationException("address", at(vip) + "vip " + same.id() + " already serves " + vip.address()
                        + " " + vip.protocol() + (vip.allPorts() ? " on every port" : " port " + vip.port()));
            }
            Vip sibling = byAddress.putIfAbsent(vip.address(), vip);
            if (sibling != null && !sibling.effectiveMac().equals(vip.effectiveMac())) {
                throw new ValidationException("virtual_mac", at(vip) + "vip " + sibling.id() + " on the same address answers"
                        + " ARP with " + sibling.effectiveMac() + "; every vip on one address must use one MAC");
            }
        }
    }

    private static void checkMembers(LbConfig c) {
        Map<PoolId, List<Vip>> vipsByPool = new HashMap<>();
        for (Vip vip : c.vips().values()) {
            if (vip.poolId() != null) {
                vipsByPool.computeIfAbsent(vip.poolId(), k -> new ArrayList<>()).add(vip);
            }
        }
        Map<IpAddress, Vip> vipAddresses = new HashMap<>();
        for (Vip vip : c.vips().values()) {
            vipAddresses.putIfAbsent(vip.address(), vip);
        }
        Map<Endpoint, Member> endpoints = new HashMap<>();
        for (Member m : c.members().values()) {
            if (!c.pools().containsKey(m.poolId())) {
                throw new ValidationException("pool_id", at(m) + "pool " + m.poolId() + " does not exist");
            }
            Member same = endpoints.putIfAbsent(new Endpoint(m.poolId(), m.address(), m.port()), m);
            if (same != null) {
                throw new ValidationException("address", at(m) + "member " + same.id() + " of pool " + m.poolId()
                        + " already has " + m.address() + " port " + m.port());
            }
            Vip owner = vipAddresses.get(m.address());
            if (owner != null) {
                throw new ValidationException("address", at(m) + m.address() + " is the address of vip " + owner.id());
            }
            for (Vip vip : vipsByPool.getOrDefault(m.poolId(), List.of())) {
                checkReachable(m, vip);
            }
        }
    }

    /** A member must be reachable the way {@code vip} forwards: same family, and a port the mode can produce. */
    private static void checkReachable(Member m, Vip vip) {
        if (!m.address().sameFamily(vip.address())) {
            throw new ValidationException("address", at(m) + (m.address().isV4() ? "IPv4" : "IPv6") + " address, but vip "
                    + vip.id() + " is " + (vip.address().isV4() ? "IPv4" : "IPv6"));
        }
        if (vip.allPorts() && m.port() != 0) {
            throw new ValidationException("port", at(m) + "vip " + vip.id() + " keeps the client's port ("
                    + (vip.protocol().hasPorts() ? "every port" : vip.protocol() + " has no ports")
                    + "), so the member port must be 0");
        }
        if (vip.mode() == ForwardingMode.DSR && m.port() != 0 && m.port() != vip.port()) {
            throw new ValidationException("port", at(m) + "vip " + vip.id() + " uses DSR, which cannot change the port:"
                    + " use 0 or " + vip.port());
        }
    }

    private static void checkRouterPools(LbConfig c) {
        Map<IpAddress, RouterPool> gateways = new HashMap<>();
        for (RouterPool rp : c.routerPools().values()) {
            RouterPool same = gateways.putIfAbsent(rp.gatewayAddress(), rp);
            if (same != null) {
                throw new ValidationException("gateway_address", at(rp) + "router pool " + same.id()
                        + " already answers for " + rp.gatewayAddress());
            }
            for (Vip vip : c.vips().values()) {
                if (vip.address().equals(rp.gatewayAddress())) {
                    throw new ValidationException("gateway_address", at(rp) + rp.gatewayAddress() + " is the address of vip "
                            + vip.id());
                }
            }
        }
    }

    /*
     * The start of a message about one object. Built only when a check fails: building it for
     * every object of a large configuration cost more than the checks themselves.
     */
    private static String at(Vip vip) {
        return "vip " + vip.id() + ": ";
    }

    private static String at(Member m) {
        return "member " + m.id() + ": ";
    }

    private static String at(RouterPool rp) {
        return "router pool " + rp.id() + ": ";
    }
}
