package io.flowlb.controller.packet;

import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortNo;
import java.util.List;

/**
 * Where a flooded packet may go on one switch without looping. The topology service decides
 * (edge ports plus spanning-tree ports); without one, every port floods.
 *
 * <p>Thread safety: called on the event thread; implementations read published snapshots.
 */
@FunctionalInterface
public interface FloodScope {

    /** Flood on all ports but the input one, with the switch's own FLOOD port. */
    FloodScope ALL_PORTS = (sw, in) -> null;

    /**
     * The ports to send a flooded packet out of, never {@code inPort}; or null to let the switch
     * flood by itself (OFPP_FLOOD).
     */
    List<PortNo> floodPorts(OfSwitch sw, PortNo inPort);
}
