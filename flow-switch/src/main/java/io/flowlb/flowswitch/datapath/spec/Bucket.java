package io.flowlb.flowswitch.datapath.spec;

import java.util.List;

/**
 * One bucket of a group.
 *
 * @param weight SELECT share (0 = never chosen for new connections); ignored by other types
 * @param watchPort the port whose liveness decides the bucket's ({@link PortNumbers#ANY} = none)
 * @param watchGroup the group whose liveness decides the bucket's ({@link GroupSpec#ANY} = none)
 * @param actions applied in order to the frame (or to its copy for ALL groups)
 *
 * <p>Thread safety: immutable.
 */
public record Bucket(int weight, int watchPort, int watchGroup, List<Action> actions) {
    public Bucket {
        actions = List.copyOf(actions);
    }

    /** A bucket with no watch. */
    public static Bucket of(int weight, Action... actions) {
        return new Bucket(weight, PortNumbers.ANY, GroupSpec.ANY, List.of(actions));
    }

    /** A bucket watching a port (FAST_FAILOVER, or SELECT liveness). */
    public static Bucket watching(int watchPort, int weight, Action... actions) {
        return new Bucket(weight, watchPort, GroupSpec.ANY, List.of(actions));
    }

    public boolean hasWatchPort() {
        return watchPort != PortNumbers.ANY;
    }

    public boolean hasWatchGroup() {
        return watchGroup != GroupSpec.ANY;
    }
}
