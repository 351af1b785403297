package io.flowlb.controller.lb.arp;

import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;

/**
 * Where the load balancer's packet processors hand what needs its state: implemented by the LB
 * application, which posts each call to the LB control thread. Calls come from the event thread
 * and must not block; frames are the processor's own copies.
 */
public interface LbPacketSink {

    /** A watched address (a member, a router) was seen at {@code mac} on {@code at}. */
    void neighbourSeen(IpAddress address, MacAddress mac, ConnectPoint at);

    /** A server asked for a router pool's gateway: answer with its router. */
    void gatewayRequested(ConnectPoint at, byte[] frame);

    /** A packet for a VIP the switch sent to the controller (reactive installer). */
    void vipPacket(ConnectPoint at, byte[] frame);
}
