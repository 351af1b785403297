package io.flowlb.controller.master;

import io.flowlb.loadbalancer.model.MemberId;

/**
 * The master module as other parts of the controller see it: the published status of every
 * pool, and one input besides health and reports, the connection counts the LB application
 * measures in the switches.
 */
public interface MasterService {

    /** The latest snapshot; any thread, never waits. */
    MasterSnapshot snapshot();

    /**
     * The number of connections a member holds now, as the LB application counts them in the
     * switches (used by least-connections and by an agent's {@code maxconn}). Agent reports set
     * the same figure from {@code active_clients}; the last one given wins. On the control thread.
     */
    void connectionsCounted(MemberId member, int activeConnections);
}
