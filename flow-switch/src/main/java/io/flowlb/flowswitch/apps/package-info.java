/**
 * In-switch applications (WO 00/30321: network applications on the switching processor with
 * direct access to the buffer rings). An application runs on the poller threads, receives the
 * frames a flow outputs to its logical port without a copy, and answers with frames built in
 * buffers from the poller's free pool.
 *
 * <p>Logical ports are reserved at 0xfe00..0xfeff (the top of the port range Open vSwitch's tools
 * accept) and listed in PORT_DESC by name, so any controller can discover them and use them in
 * plain output actions: {@code app-arp} 0xfe01 (ARP and IPv6 neighbor solicitation responder),
 * {@code app-icmp} 0xfe02 (echo responder), {@code app-rst} 0xfe03 (TCP reset for invalid
 * service entries). With them the switch answers ARP, ping and resets for its VIPs itself, and keeps
 * doing so when the controller is gone.
 */
package io.flowlb.flowswitch.apps;
