package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;

/**
 * Receives the entries of a {@link ConnectionTable} sampled by a thread that does not own it
 * (statistics, connection counts per backend, a debugging dump).
 *
 * <p>The values are read racily while the owner keeps working: an entry may be seen half
 * updated, twice (moved while sampling) or not at all. Use them for statistics, never as a
 * decision input. {@code key} is the caller's scratch object, refilled for each entry: copy what
 * you keep.
 */
@FunctionalInterface
public interface EntryVisitor {
    void visit(FlowKey key, int zone, int state, long backendKey, long lastSeen);
}
