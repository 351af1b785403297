package io.flowlb.controller.lb.reactive;

import io.flowlb.controller.lb.install.Backend;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.select.ServiceTable;
import java.util.List;

/**
 * One VIP the reactive installer balances on one switch: its backends as seen from that switch
 * (index = the service table's backend index), the service table Maglev picks from, the frozen
 * group connections from before the VIP turned reactive go through ({@code 0}: none), and since
 * when it is frozen there (the connection table's clock, nanoseconds; {@code 0} when not frozen).
 *
 * <p>Thread safety: immutable.
 */
record ReactiveVip(Vip vip, List<Backend> backends, ServiceTable service, int frozenGroup, long frozenSince) {
    ReactiveVip {
        backends = List.copyOf(backends);
    }

    /** True when the VIP covers this protocol and destination port. */
    boolean covers(int protocol, int port) {
        return vip.protocol().matches(protocol) && (vip.allPorts() || vip.port() == port);
    }

    /** Port-specific VIPs before all-port ones before any-protocol ones, as the VIP flows are ordered. */
    int specificity() {
        return vip.protocol().isAny() ? 0 : vip.allPorts() ? 1 : 2;
    }
}
