/**
 * flowsetup: a controller benchmark in the spirit of cbench. It emulates N OpenFlow switches
 * that connect to a controller, complete the handshake (OpenFlow 1.3, or 1.0 on request), make
 * the controller learn M hosts per switch, then send PACKET_INs and count the controller's
 * answers (a FLOW_MOD or PACKET_OUT that names the packet: its buffer id, or for unbuffered
 * packet-ins a tag carried in the frame) in throughput mode (a window of outstanding packet-ins
 * per switch) and latency mode (one outstanding packet-in per switch).
 *
 * <p>The tool must never be the bottleneck: packet-ins are copied from a pre-encoded template
 * with the xid, buffer id, in_port, MAC addresses and tag patched in place, written in one batch
 * per read, and answers are recognised from their raw bytes without decoding them into objects.
 * Only the rare handshake and housekeeping messages go through OpenFlowJ.
 *
 * <p>Threads: each emulated switch is owned by the Netty event loop of its connection; the main
 * thread drives the phases with commands posted to those loops and reads single-writer counters.
 */
package io.flowlb.bench.flowsetup;
