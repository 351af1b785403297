package io.flowlb.controller.fwd;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import java.util.List;

/**
 * What L2 forwarding decided for one packet: where it goes, independent of how the decision is
 * turned into OpenFlow messages.
 *
 * <p>Thread safety: immutable records.
 */
public sealed interface Forwarding {

    /** The packet is dropped (it would loop, or it has nowhere to go). */
    record Drop(String reason) implements Forwarding {
    }

    /** The destination is unknown or every host should get it: flood along the spanning tree. */
    record Flood(String reason) implements Forwarding {
    }

    /**
     * The destination is known: the packet follows these hops, from the switch it arrived on to
     * the switch of the destination host.
     */
    record Forward(List<Hop> hops) implements Forwarding {
        public Forward {
            hops = List.copyOf(hops);
        }

        public Hop first() {
            return hops.get(0);
        }
    }

    /** On switch {@code dpid}, a packet arriving on {@code inPort} leaves through {@code outPort}. */
    record Hop(Dpid dpid, PortNo inPort, PortNo outPort) {
    }
}
