package io.flowlb.flowswitch.io;

/**
 * Told when a port's link state, presence, MTU or address changes (the OpenFlow agent turns this
 * into PORT_STATUS). Called on the thread that watches the links: it must return quickly and
 * never block (hand the event to the agent's own thread).
 */
@FunctionalInterface
public interface PortStatusListener {

    /** A listener that ignores every change. */
    PortStatusListener NONE = port -> { };

    /** {@code port}'s getters already return the new state. */
    void portChanged(NetPort port);
}
