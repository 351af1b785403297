package io.flowlb.controller.lb.json;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Router;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.RouterSelection;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON body of a {@link RouterPool}; the fields and defaults are the model's. An error in
 * one router names it: {@code routers[1].mac}.
 *
 * <p>Thread safety: immutable.
 */
public record RouterPoolJson(RouterPoolId id, String name, IpAddress gatewayAddress, List<RouterJson> routers,
                             RouterSelection selection) {

    /** One router of the pool. */
    public record RouterJson(IpAddress address, MacAddress mac) {
    }

    public static RouterPoolJson of(RouterPool p) {
        List<RouterJson> rs = new ArrayList<>(p.routers().size());
        for (Router r : p.routers()) {
            rs.add(new RouterJson(r.address(), r.mac()));
        }
        return new RouterPoolJson(p.id(), p.name(), p.gatewayAddress(), rs, p.selection());
    }

    public RouterPool toRouterPool(RouterPoolId poolId) {
        List<Router> rs = null;
        if (routers != null) {
            rs = new ArrayList<>(routers.size());
            for (int i = 0; i < routers.size(); i++) {
                RouterJson r = routers.get(i);
                if (r == null) {
                    throw new ValidationException("routers[" + i + "]", "is required");
                }
                try {
                    rs.add(new Router(r.address(), r.mac()));
                } catch (ValidationException e) {
                    throw new ValidationException("routers[" + i + "]." + e.field(), e.error());
                }
            }
        }
        return new RouterPool(poolId, name, gatewayAddress, rs, selection);
    }

    public RouterPool toRouterPool() {
        return toRouterPool(id);
    }

    public RouterPoolJson withId(RouterPoolId newId) {
        return new RouterPoolJson(newId, name, gatewayAddress, routers, selection);
    }
}
