package io.flowlb.controller.lb.arp;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.packet.FrameBuilder;

/**
 * The ARP request the controller sends to find a member or check a router: from the controller's
 * probe MAC with sender address 0.0.0.0 (an RFC 5227 probe, so no neighbour caches a binding for
 * it), asking for {@code target}. A host owning the address answers unicast to the probe MAC;
 * the answer reaches the controller as a table miss and tells the host's MAC and port.
 *
 * <p>Thread safety: stateless.
 */
public final class ArpProbe {
    /** The broadcast Ethernet address. */
    public static final long BROADCAST = 0xffff_ffff_ffffL;

    private ArpProbe() {
    }

    public static byte[] frame(long probeMac, IpAddress target) {
        return FrameBuilder.ethernet(BROADCAST, probeMac).arp(1, probeMac, 0, 0, target.v4()).build();
    }
}
