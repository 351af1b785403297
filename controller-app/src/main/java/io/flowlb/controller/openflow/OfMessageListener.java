package io.flowlb.controller.openflow;

import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Receives the asynchronous messages of connected switches: PACKET_IN, FLOW_REMOVED, PORT_STATUS
 * (after the inventory was updated), ERROR replies no request was waiting for, EXPERIMENTER.
 * Replies to requests go to the request's future instead.
 *
 * <p>Called on the controller's event thread; must not block.
 */
@FunctionalInterface
public interface OfMessageListener {
    void messageReceived(OfSwitch sw, OFMessage msg);
}
