package io.flowlb.loadbalancer.distribution;

/** A member's role in an availability cluster (WO 99/33227). */
public enum ClusterRole {
    /** Takes all of the pool's traffic. */
    PRIMARY,
    /** Ready to take over when the primary fails. */
    SECONDARY_OPERATIONAL,
    /** Not operational; becomes secondary-operational (never primary directly) when it recovers. */
    SECONDARY_FAILED
}
