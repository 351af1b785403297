/**
 * The load balancer's ARP side: proxy ARP and neighbor discovery for VIPs when the switch cannot
 * answer itself, suppression of servers' announcements of DSR VIPs, ARP probes that find members
 * and check routers, and the published {@link io.flowlb.controller.lb.arp.LbAddresses} the packet
 * processors and host learning read.
 *
 * <p>Thread safety: processors run on the event thread and read immutable snapshots; the prober
 * may be used from any thread.
 */
package io.flowlb.controller.lb.arp;
