package io.flowlb.controller.topology;

/** Told when link discovery finds or loses a link. Called on the event thread. */
public interface LinkListener {

    default void linkAdded(Link link) {
    }

    default void linkRemoved(Link link) {
    }
}
