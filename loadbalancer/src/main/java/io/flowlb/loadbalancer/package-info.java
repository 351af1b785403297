/**
 * The load-balancing core shared by the switch and the controller: the model (VIPs, pools,
 * members, monitors, router pools), packet views, the connection table, the double-buffered
 * configuration table with Maglev selection, the packet filter and the distribution algorithms.
 */
package io.flowlb.loadbalancer;
