package io.flowlb.flowswitch.datapath.spec;

/**
 * One poller's connection table as the control side sees it (the SELECT groups' load-balancing
 * state): connections recorded, entries in use (a NAT connection takes two) and the most entries
 * it can hold.
 *
 * <p>Thread safety: immutable.
 */
public record ConnectionTableStats(int poller, long connections, long entries, long capacity) {
}
