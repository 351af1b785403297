package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.loadbalancer.select.MaglevTableBuilder;
import io.flowlb.loadbalancer.select.ServiceTable;
import java.util.List;

/**
 * Compiles a SELECT group into the core's {@link ServiceTable}: one backend per bucket, in
 * bucket order (backend index = bucket index), keyed by {@link BucketKeys} so a weight change
 * keeps identities, alive when the bucket's watch port and group are live, weighted by the
 * bucket weight. The Maglev table then spreads new connections by weight over the live buckets.
 *
 * <p>Thread safety: owned by the control thread (the Maglev builder is reused).
 */
final class SelectCompiler {
    private final MaglevTableBuilder maglev;
    private long generation;

    SelectCompiler(MaglevTableBuilder maglev) {
        this.maglev = maglev;
    }

    /** The service of {@code spec}, whose buckets have the keys {@code keys} ({@link BucketKeys#of}). */
    ServiceTable compile(GroupSpec spec, long[] keys, boolean[] live) {
        List<Bucket> buckets = spec.buckets();
        ServiceTable.Builder b = ServiceTable.builder(spec.groupId()).maglevSize(maglev.size());
        for (int i = 0; i < keys.length; i++) {
            b.backend(keys[i], buckets.get(i).weight(), live[i], true);
        }
        return b.build(++generation, maglev);
    }
}
