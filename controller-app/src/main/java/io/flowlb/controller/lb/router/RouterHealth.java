package io.flowlb.controller.lb.router;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.RouterPoolId;

/**
 * Router health from outside the LB application (the resource manager's checks, an operator):
 * a router reported down gets no servers and loses the ones it had, until reported up again.
 * The application's own ARP probes count as well: a router is used only when neither says it is
 * down.
 *
 * <p>Thread safety: implementations may be called from any thread.
 */
public interface RouterHealth {
    void routerHealth(RouterPoolId pool, IpAddress router, boolean healthy);
}
