package io.flowlb.controller.master;

import io.flowlb.controller.lb.DistributionSink;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** A {@link DistributionSink} that records every publication with the manual clock's time. */
final class RecordingSink implements DistributionSink {
    record Publication(long atMillis, PoolId pool, PoolWeights weights) {
    }

    private final LongSupplier clock;
    final List<Publication> published = new ArrayList<>();
    RuntimeException failWith;

    RecordingSink(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void publish(PoolId pool, PoolWeights weights) {
        published.add(new Publication(clock.getAsLong(), pool, weights));
        if (failWith != null) {
            throw failWith;
        }
    }

    /** The last weights published for a pool, or null. */
    PoolWeights last(PoolId pool) {
        for (int i = published.size() - 1; i >= 0; i--) {
            if (published.get(i).pool().equals(pool)) {
                return published.get(i).weights();
            }
        }
        return null;
    }

    long count(PoolId pool) {
        return published.stream().filter(p -> p.pool().equals(pool)).count();
    }

    double share(PoolId pool, String member) {
        return last(pool).share(MemberId.of(member));
    }
}
