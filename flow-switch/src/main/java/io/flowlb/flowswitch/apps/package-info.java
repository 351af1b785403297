/**
 * In-switch applications (WO 00/30321: network applications on the switching processor with
 * direct access to the buffer rings). An application runs on the poller threads, receives the
 * frames a flow outputs to its logical port without a copy, and answers with frames built in
 * buffers from the poller's free pool.
 *
 * <p>Logical ports are reserved just below OpenFlow's OFPP_MAX and listed in PORT_DESC by name,
 * so any controller can discover them and use them in plain output actions:
 * {@code app-arp} 0xfffff001 (ARP and IPv6 neighbor solicitation responder), {@code app-icmp}
 * 0xfffff002 (echo responder), {@code app-rst} 0xfffff003 (TCP reset for invalid service
 * entries). With them the switch answers ARP, ping and resets for its VIPs itself, and keeps
 * doing so when the controller is gone.
 */
package io.flowlb.flowswitch.apps;
