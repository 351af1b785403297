package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Router;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterSelection;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Outbound balancing over a router pool (WO 99/33227): which router's MAC answers a server's ARP
 * request for the pool's gateway address.
 *
 * <p>Design: an immutable state with pure transitions; each returns the next state, which the
 * controller's LB loop keeps. A server keeps its router while that router is healthy, so its
 * ARP cache and any stateful device behind the router see one path.
 * <ul>
 *   <li>{@link RouterSelection#SOURCE_IP_ROUND_ROBIN}: a server without a router gets the next
 *       healthy router in round-robin order, and keeps it.</li>
 *   <li>{@link RouterSelection#LOAD_VECTOR}: a server without a router gets the router with the
 *       least projected load: its last {@link TrafficVector} plus, for each server assigned to
 *       it since, the pool's mean load per server (so a burst of ARP requests spreads instead
 *       of herding onto one router). Before any traffic is known, load is the number of servers
 *       assigned. On a later ARP refresh a server moves only if its router would stay more than
 *       {@code (1 + rebalanceMargin)} times as loaded as the least loaded one even after the
 *       move (default margin {@value #DEFAULT_REBALANCE_MARGIN}), so servers do not ping-pong.</li>
 *   <li>Failover: when a router fails, or leaves the pool, its servers are reassigned at once
 *       ({@link RouterFailover#moved()} lists them for unsolicited ARP replies). A recovered
 *       router takes new assignments (and, under LOAD_VECTOR, servers moving off busier
 *       routers); it does not pull its old servers back.</li>
 * </ul>
 * The state grows with the servers that ask; the controller only asks for its pools' members.
 *
 * <p>Thread safety: immutable.
 */
public final class RouterSelector {
    public static final double DEFAULT_REBALANCE_MARGIN = 0.5;

    private final RouterPool pool;
    private final Set<IpAddress> failed;
    private final Map<IpAddress, TrafficVector> traffic;
    private final Map<IpAddress, Integer> pending;
    private final SortedMap<IpAddress, IpAddress> assignments;
    private final int cursor;
    private final double rebalanceMargin;

    private RouterSelector(Draft d) {
        this.pool = d.pool;
        this.failed = Set.copyOf(d.failed);
        this.traffic = Map.copyOf(d.traffic);
        this.pending = Map.copyOf(d.pending);
        this.assignments = Collections.unmodifiableSortedMap(new TreeMap<>(d.assignments));
        this.cursor = d.cursor;
        this.rebalanceMargin = d.margin;
    }

    /** Every router healthy, no traffic known, no server assigned. */
    public static RouterSelector initial(RouterPool pool) {
        return initial(pool, DEFAULT_REBALANCE_MARGIN);
    }

    public static RouterSelector initial(RouterPool pool, double rebalanceMargin) {
        Draft d = new Draft();
        d.pool = Fields.required("router_pool", pool);
        d.margin = Fields.range("rebalance_margin", rebalanceMargin, 0.0, 100.0);
        return new RouterSelector(d);
    }

    public RouterPool pool() {
        return pool;
    }

    public boolean isHealthy(IpAddress router) {
        return pool.router(router) != null && !failed.contains(router);
    }

    /** The router a server was last given, healthy or not; null if none. */
    public Router assignedRouter(IpAddress server) {
        IpAddress r = assignments.get(server);
        return r == null ? null : pool.router(r);
    }

    /** Server address to router address, in server order. */
    public SortedMap<IpAddress, IpAddress> assignments() {
        return assignments;
    }

    /** Answers one ARP request from {@code server} for the gateway. */
    public RouterChoice select(IpAddress server) {
        Fields.required("server", server);
        Draft d = new Draft(this);
        Router current = assignedRouter(server);
        if (current != null && d.healthy(current)) {
            if (pool.selection() == RouterSelection.SOURCE_IP_ROUND_ROBIN) {
                return new RouterChoice(current, this);
            }
            Router best = d.leastLoaded();
            if (current.equals(best) || !d.worthMoving(current, best)) {
                return new RouterChoice(current, this);
            }
        }
        Router pick = d.pick();
        if (pick == null) {
            return new RouterChoice(null, this);
        }
        d.assign(server, pick);
        return new RouterChoice(pick, new RouterSelector(d));
    }

    /** Marks a router failed or recovered and moves the servers of failed routers. */
    public RouterFailover withRouterHealth(IpAddress router, boolean healthy) {
        if (pool.router(router) == null) {
            throw new ValidationException("address", "router " + router + " is not in router pool " + pool.id());
        }
        Draft d = new Draft(this);
        if (healthy) {
            d.failed.remove(router);
        } else {
            d.failed.add(router);
        }
        List<RouterAssignment> moved = d.reassignOrphans();
        return new RouterFailover(new RouterSelector(d), moved);
    }

    /** Takes a new configuration of the pool; servers of removed routers move. */
    public RouterFailover withPool(RouterPool newPool) {
        Draft d = new Draft(this);
        d.pool = Fields.required("router_pool", newPool);
        Set<IpAddress> present = new HashSet<>();
        for (Router r : newPool.routers()) {
            present.add(r.address());
        }
        d.failed.retainAll(present);
        d.traffic.keySet().retainAll(present);
        d.pending.keySet().retainAll(present);
        d.cursor %= newPool.routers().size();
        List<RouterAssignment> moved = d.reassignOrphans();
        return new RouterFailover(new RouterSelector(d), moved);
    }

    /** Takes the traffic of the last interval per router address; routers not listed carried none. */
    public RouterSelector withTraffic(Map<IpAddress, TrafficVector> perRouter) {
        Draft d = new Draft(this);
        d.traffic.clear();
        for (Router r : pool.routers()) {
            TrafficVector v = perRouter.get(r.address());
            if (v != null) {
                d.traffic.put(r.address(), v);
            }
        }
        d.pending.clear();
        return new RouterSelector(d);
    }

    /** Forgets a server (it left the network or its pool). */
    public RouterSelector withoutServer(IpAddress server) {
        if (!assignments.containsKey(server)) {
            return this;
        }
        Draft d = new Draft(this);
        d.pending.merge(d.assignments.remove(server), -1, Integer::sum);
        return new RouterSelector(d);
    }

    /** A mutable working copy from which each transition builds the next state. */
    private static final class Draft {
        RouterPool pool;
        final Set<IpAddress> failed = new HashSet<>();
        final Map<IpAddress, TrafficVector> traffic = new HashMap<>();
        final Map<IpAddress, Integer> pending = new HashMap<>();
        final TreeMap<IpAddress, IpAddress> assignments = new TreeMap<>();
        int cursor;
        double margin;

        Draft() {
        }

        Draft(RouterSelector s) {
            pool = s.pool;
            failed.addAll(s.failed);
            traffic.putAll(s.traffic);
            pending.putAll(s.pending);
            assignments.putAll(s.assignments);
            cursor = s.cursor;
            margin = s.rebalanceMargin;
        }

        boolean healthy(Router r) {
            return !failed.contains(r.address());
        }

        Router pick() {
            return pool.selection() == RouterSelection.SOURCE_IP_ROUND_ROBIN ? nextRoundRobin() : leastLoaded();
        }

        Router nextRoundRobin() {
            List<Router> routers = pool.routers();
            for (int k = 0; k < routers.size(); k++) {
                int at = (cursor + k) % routers.size();
                if (healthy(routers.get(at))) {
                    cursor = (at + 1) % routers.size();
                    return routers.get(at);
                }
            }
            return null;
        }

        Router leastLoaded() {
            Router best = null;
            double bestLoad = Double.MAX_VALUE;
            for (Router r : pool.routers()) {
                double load = projected(r);
                if (healthy(r) && load < bestLoad) {
                    best = r;
                    bestLoad = load;
                }
            }
            return best;
        }

        /** True when {@code from} would still be busier than {@code to} by the margin after one server moves. */
        boolean worthMoving(Router from, Router to) {
            double each = perServer();
            return projected(from) - each > (1 + margin) * (projected(to) + each);
        }

        void assign(IpAddress server, Router router) {
            IpAddress old = assignments.put(server, router.address());
            if (old != null) {
                pending.merge(old, -1, Integer::sum);
            }
            pending.merge(router.address(), 1, Integer::sum);
        }

        List<RouterAssignment> reassignOrphans() {
            List<RouterAssignment> moved = new ArrayList<>();
            for (Map.Entry<IpAddress, IpAddress> e : new ArrayList<>(assignments.entrySet())) {
                Router r = pool.router(e.getValue());
                if (r != null && healthy(r)) {
                    continue;
                }
                Router pick = pick();
                if (pick == null) {
                    break;
                }
                assign(e.getKey(), pick);
                moved.add(new RouterAssignment(e.getKey(), pick));
            }
            return moved;
        }

        private double totalLoad() {
            double sum = 0;
            for (TrafficVector v : traffic.values()) {
                sum += v.load();
            }
            return sum;
        }

        private double perServer() {
            double total = totalLoad();
            return total == 0 ? 1 : total / Math.max(1, assignments.size());
        }

        /** Measured load plus the servers added since; with no traffic known, the servers assigned. */
        private double projected(Router r) {
            if (totalLoad() == 0) {
                int count = 0;
                for (IpAddress a : assignments.values()) {
                    count += a.equals(r.address()) ? 1 : 0;
                }
                return count;
            }
            return traffic.getOrDefault(r.address(), TrafficVector.ZERO).load()
                    + perServer() * pending.getOrDefault(r.address(), 0);
        }
    }
}
