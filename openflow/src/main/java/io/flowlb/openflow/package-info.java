/**
 * The OpenFlow wire layer shared by the controller and the switch's agent.
 *
 * <p>Both ends of flowlb speak OpenFlow over TCP (also to third-party peers: Open vSwitch,
 * ovs-testcontroller, ovs-ofctl), so framing, the treatment of malformed input, version
 * negotiation and the echo keepalive are written once here. Messages are OpenFlowJ-Loxigen
 * objects; this layer never interprets their meaning.
 *
 * <p>The messages of a controller's flow-setup path (a table-miss PACKET_IN, a learning switch's
 * FLOW_MOD, a one-action PACKET_OUT) also exist in compact form ({@link io.flowlb.openflow.CompactPacketIn},
 * {@link io.flowlb.openflow.CompactFlowAdd}, {@link io.flowlb.openflow.CompactPacketOut}): the same
 * OpenFlowJ interfaces and the same bytes on the wire, read and written by hand without the
 * kilobyte of objects OpenFlowJ spends on each match.
 *
 * <p>Malformed input never kills a thread or the process: a message whose header frames
 * correctly but whose body does not parse is passed on as a {@link io.flowlb.openflow.MalformedMessage}
 * so that the session can answer with an OpenFlow ERROR and carry on; a header that cannot be
 * framed (length below 8) ends the session, since the byte stream can no longer be trusted.
 */
package io.flowlb.openflow;
