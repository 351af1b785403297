package io.flowlb.controller.lb.reactive;

import io.flowlb.controller.lb.install.Backend;
import io.flowlb.controller.lb.install.LbAction;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.select.ServiceTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The core's {@link ServiceTable} of each reactive VIP on each switch, rebuilt only when what it
 * is built from (the VIP and its backends) changed: building one fills a Maglev table.
 *
 * <p>A backend's key is its member's {@code backendKey()}, the same in every run, so a rebuilt
 * table (new weights, a member added) still finds the connections recorded under it; its service
 * id, the connection table's zone, is the VIP's group id.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
final class ServiceTables {
    private record Key(Dpid dpid, VipId vip) {
    }

    private record Built(Vip vip, int id, List<Backend> backends, ServiceTable table) {
    }

    private final Map<Key, Built> built = new HashMap<>();
    private long generation;

    ServiceTable of(Dpid dpid, Vip vip, int id, List<Backend> backends) {
        Key k = new Key(dpid, vip.id());
        Built b = built.get(k);
        if (b != null && b.vip().equals(vip) && b.id() == id && b.backends().equals(backends)) {
            return b.table();
        }
        ServiceTable t = build(vip, id, backends);
        built.put(k, new Built(vip, id, List.copyOf(backends), t));
        return t;
    }

    /** Forgets the tables of switches and VIPs no longer reactive. */
    void retain(Map<Dpid, List<ReactiveVip>> live) {
        built.keySet().removeIf(k -> {
            for (ReactiveVip rv : live.getOrDefault(k.dpid(), List.of())) {
                if (rv.vip().id().equals(k.vip())) {
                    return false;
                }
            }
            return true;
        });
    }

    private ServiceTable build(Vip vip, int id, List<Backend> backends) {
        ServiceTable.Builder b = ServiceTable.builder(id)
                .vip(vip.address().hi(), vip.address().lo(), vip.protocol().number(), vip.port())
                .mode(vip.mode() == ForwardingMode.NAT ? ServiceTable.MODE_NAT : ServiceTable.MODE_DSR);
        for (Backend be : backends) {
            int port = ServiceTable.ALL;
            for (LbAction a : be.actions()) {
                if (a instanceof LbAction.SetTpDst p) {
                    port = p.port();
                }
            }
            boolean accepts = be.weight().acceptsNew() && be.weight().weight() > 0;
            b.backend(be.member().id().backendKey(), be.weight().weight(), be.weight().alive(), accepts,
                    be.member().address().hi(), be.member().address().lo(), port, 0);
        }
        return b.build(++generation);
    }
}
