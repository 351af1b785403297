/**
 * The packet-in pseudo-interface: programs on the controller host reach the network, and are
 * reached from it, only through the switches.
 *
 * <p>Design note (WO 00/30294, Fig. 8). In the source document the control processor has no
 * network interface of its own: a <em>pseudo-network driver</em> in its kernel looks like a
 * network interface to user programs, and an <em>interface daemon</em> moves packets between
 * that driver and the switching processors, so remote devices talk to the control processor's
 * applications "even though the control processor does not have a direct connection to a
 * network interface". Here:
 * <ul>
 *   <li>the pseudo-network driver is a Linux TAP device ({@link io.flowlb.controller.pseudo.TapDevice},
 *       default {@code flowlb0}) holding the <em>control VIP</em> (e.g. {@code 10.0.0.254/24} in
 *       the servers' subnet); the host's own TCP/IP stack is the protocol module;</li>
 *   <li>the interface daemon is {@link io.flowlb.controller.pseudo.PseudoInterface}: switches
 *       send the control VIP's traffic to the controller ({@link io.flowlb.controller.pseudo.ControlVipFlows}),
 *       its packet processor writes those PACKET_INs into the TAP, and frames the kernel writes
 *       to the TAP leave as PACKET_OUT where their destination was learned, or are flooded on
 *       edge ports ({@link io.flowlb.controller.pseudo.Outbound}).</li>
 * </ul>
 * So any program bound to the control VIP (the REST server, sshd, a test HTTP server) is
 * reachable from hosts behind the switches, the host's own sockets (health checks, agent-check
 * polls) reach the servers through the switches, and ARP for the control VIP is answered by the
 * host's kernel through the TAP.
 *
 * <p>No offloads: the TAP is created without a virtio-net header, so the kernel segments to the
 * MTU and completes checksums before a frame reaches the controller; every PACKET_OUT is at most
 * MTU + 14 bytes, well under OpenFlow's 64 KiB message limit.
 *
 * <p>Threads: inbound runs on the controller's event thread (a packet processor; a TAP write is a
 * non-blocking system call). The TAP reader thread only reads frames and hands them to the
 * OpenFlow side: it reads published snapshots (hosts, topology, switches) and sends through the
 * thread-safe switch service, changing no controller state. The TAP path is the controller
 * host's own, low-rate traffic, so it copies each frame into a {@code byte[]} (OpenFlowJ needs
 * one anyway); the allocation-free rules of the data plane do not apply to it.
 */
package io.flowlb.controller.pseudo;
