package io.flowlb.controller.topology;

/** Host events. Called on the event thread. */
public interface HostListener {

    default void hostAdded(Host host) {
    }

    /** The host was seen on another port. */
    default void hostMoved(Host previous, Host now) {
    }

    /** The host gained or lost an IP address. */
    default void hostUpdated(Host previous, Host now) {
    }

    /** The host expired, or its port or switch went away. */
    default void hostRemoved(Host host) {
    }
}
