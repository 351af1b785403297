package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.loadbalancer.packet.FlowKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stable 64-bit identities of SELECT buckets: a hash of the bucket's actions only (not its
 * weight, not its watch), the same in every run and on every JVM. A GROUP_MOD that changes only
 * weights keeps every backend's identity, so connections recorded under a backend key keep
 * their bucket; a bucket whose actions change is a new backend.
 *
 * <p>Thread safety: pure functions.
 */
final class BucketKeys {
    private static final long SEED = 0x5bd1_e995_a5a5_5a5aL;

    private BucketKeys() {
    }

    /** The keys of a group's buckets; identical buckets get distinct keys by occurrence. */
    static long[] of(List<Bucket> buckets) {
        long[] keys = new long[buckets.size()];
        Set<Long> used = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            long k = ofActions(buckets.get(i).actions());
            while (!used.add(k)) {
                k = FlowKey.mix(k + 1);
            }
            keys[i] = k;
        }
        return keys;
    }

    /** The hash of one action list. */
    static long ofActions(List<Action> actions) {
        long h = SEED;
        for (Action a : actions) {
            h = switch (a) {
                case Action.Output o -> step(h, 1, o.port(), o.maxLen());
                case Action.SetField s -> step(step(h, 2, s.field().oxmField(), s.hi()), 2, 0, s.value());
                case Action.PushVlan p -> step(h, 3, p.ethertype(), 0);
                case Action.PopVlan p -> step(h, 4, 0, 0);
                case Action.Group g -> step(h, 5, g.groupId(), 0);
                case Action.DecNwTtl d -> step(h, 6, 0, 0);
                case Action.SetQueue q -> step(h, 7, q.queueId(), 0);
            };
        }
        return h;
    }

    private static long step(long h, int tag, long x, long y) {
        h = FlowKey.mix(h ^ ((long) tag << 56) ^ x);
        return FlowKey.mix(h ^ y);
    }
}
