/**
 * The connection table: which backend each live connection was given.
 *
 * <p>Design: {@link io.flowlb.loadbalancer.table.ConnectionTable} is a fixed-capacity, open
 * addressing hash table (linear probing, backward-shift deletion) over one off-heap segment of
 * 64-byte slots; it never grows, refuses and counts inserts beyond its maximum, expires idle
 * entries incrementally by {@link io.flowlb.loadbalancer.table.ConnState} and
 * {@link io.flowlb.loadbalancer.table.Timeouts}, and finds NAT connections under their forward and
 * reply keys. Nothing on its per-packet path allocates, locks or reads a clock.
 *
 * <p>Thread safety: each table has one owning thread (a switch poller, or the thread that runs a
 * packet filter) that makes every lookup, insert, update, removal and expiry. Other threads only
 * read the counters ({@link io.flowlb.loadbalancer.table.OwnedCounters}, opaque reads) and sample
 * entries racily for statistics.
 */
package io.flowlb.loadbalancer.table;
