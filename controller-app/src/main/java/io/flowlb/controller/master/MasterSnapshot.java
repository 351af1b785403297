package io.flowlb.controller.master;

import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every pool's status at one moment, published by the master module after each step.
 *
 * @param atMillis when it was taken (controller clock)
 *
 * <p>Thread safety: immutable.
 */
public record MasterSnapshot(long atMillis, SortedMap<PoolId, PoolStatus> pools) {
    public static final MasterSnapshot EMPTY = new MasterSnapshot(0, new TreeMap<>());

    public MasterSnapshot {
        pools = Collections.unmodifiableSortedMap(new TreeMap<>(pools));
    }

    public PoolStatus pool(PoolId id) {
        return pools.get(id);
    }

    /** A member's status in whichever pool holds it, or null. */
    public MemberStatus member(MemberId id) {
        for (PoolStatus p : pools.values()) {
            MemberStatus m = p.member(id);
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
