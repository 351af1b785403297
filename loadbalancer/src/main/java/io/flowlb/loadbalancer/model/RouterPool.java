package io.flowlb.loadbalancer.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Outbound load balancing (WO 99/33227, router pools): servers use {@code gatewayAddress} as
 * their default gateway; the switch answers their ARP for it with the MAC of one of
 * {@code routers}, chosen by {@code selection}, and moves servers off a failed router.
 *
 * <p>Fields and JSON names: {@code id}, {@code name} (optional), {@code gateway_address}
 * (virtual: no router owns it), {@code routers} (at least one; unique addresses and MACs; same
 * address family as the gateway), {@code selection} (default {@link RouterSelection#LOAD_VECTOR}).
 * Errors inside the list name the element: {@code routers[1].mac}.
 *
 * <p>Thread safety: immutable.
 */
public record RouterPool(RouterPoolId id, String name, IpAddress gatewayAddress, List<Router> routers,
                         RouterSelection selection) {

    public RouterPool {
        Fields.required("id", id);
        name = Fields.name("name", name);
        IpAddress.requireHost("gateway_address", gatewayAddress);
        Fields.required("routers", routers);
        if (routers.isEmpty()) {
            throw new ValidationException("routers", "must list at least one router");
        }
        Set<IpAddress> addresses = new HashSet<>();
        Set<MacAddress> macs = new HashSet<>();
        for (int i = 0; i < routers.size(); i++) {
            Router r = Fields.required("routers[" + i + "]", routers.get(i));
            if (!r.address().sameFamily(gatewayAddress)) {
                throw new ValidationException("routers[" + i + "].address", "must be of the gateway's address family");
            }
            if (r.address().equals(gatewayAddress)) {
                throw new ValidationException("routers[" + i + "].address", "must differ from the gateway address,"
                        + " which is virtual");
            }
            if (!addresses.add(r.address())) {
                throw new ValidationException("routers[" + i + "].address", "repeats " + r.address());
            }
            if (!macs.add(r.mac())) {
                throw new ValidationException("routers[" + i + "].mac", "repeats " + r.mac());
            }
        }
        routers = List.copyOf(routers);
        selection = Fields.orDefault(selection, RouterSelection.LOAD_VECTOR);
    }

    public static RouterPool of(RouterPoolId id, IpAddress gatewayAddress, List<Router> routers) {
        return new RouterPool(id, null, gatewayAddress, routers, null);
    }

    /** The router with {@code address}, or null. */
    public Router router(IpAddress address) {
        for (Router r : routers) {
            if (r.address().equals(address)) {
                return r;
            }
        }
        return null;
    }

    public RouterPool withRouters(List<Router> newRouters) {
        return new RouterPool(id, name, gatewayAddress, newRouters, selection);
    }

    public RouterPool withSelection(RouterSelection newSelection) {
        return new RouterPool(id, name, gatewayAddress, routers, newSelection);
    }
}
