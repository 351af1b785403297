/**
 * Backend selection: weighted Maglev tables, immutable service snapshots, the double-buffered
 * configuration table and the selector that puts them in front of the connection table.
 *
 * <p>Design: the control thread describes services as plain data (VIP, mode, backends with stable
 * keys, weights, health and drain), builds immutable
 * {@link io.flowlb.loadbalancer.select.ServiceTable}s with their
 * {@link io.flowlb.loadbalancer.select.MaglevTableBuilder Maglev tables} beside the active
 * {@link io.flowlb.loadbalancer.select.ConfigSnapshot}, and publishes the new snapshot through the
 * {@link io.flowlb.loadbalancer.select.ConfigTable} with one release store. On the per-packet path a
 * {@link io.flowlb.loadbalancer.select.Selector} finds the connection in its connection table or
 * picks a backend by Maglev and records it; nothing there allocates or locks.
 *
 * <p>Thread safety: snapshots and service tables are immutable and shared by all threads; a
 * selector belongs to the thread that owns its connection table; builders belong to the control
 * thread.
 */
package io.flowlb.loadbalancer.select;
