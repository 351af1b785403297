/**
 * Router pools (WO 99/33227, outbound load balancing): servers' ARP for the gateway answered
 * with the MAC of the router chosen for each server, router health from ARP probes and
 * {@link io.flowlb.controller.lb.router.RouterHealth} reports, failover with unsolicited ARP so
 * servers move at once.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
package io.flowlb.controller.lb.router;
