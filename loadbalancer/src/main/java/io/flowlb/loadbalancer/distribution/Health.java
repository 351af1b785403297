package io.flowlb.loadbalancer.distribution;

/**
 * A member's health as concluded by its monitors (after rise/fall).
 *
 * <p>{@link #UNKNOWN} (no monitor, or no conclusion yet) counts as alive: a pool without monitors
 * must still carry traffic, and a restarted controller must not black-hole a service while its
 * first checks run.
 */
public enum Health {
    UP,
    DOWN,
    UNKNOWN
}
