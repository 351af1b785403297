package io.flowlb.controller.openflow;

/**
 * Switch life-cycle events. Called on the controller's event thread, in order: a switch that
 * reconnects with the same DPID produces {@link #switchDisconnected} for the old session, then
 * {@link #switchConnected} for the new one.
 *
 * <p>Contract for applications: when {@link #switchConnected} runs, the switch has been brought
 * to a clean state (unless {@code openflow.cleanStart} is off): every flow and group deleted,
 * the table-miss flow to the controller installed on 1.3, confirmed by a barrier. An application
 * re-installs its state for that switch from this callback.
 *
 * <p>A listener that throws is logged once per kind and skipped; the other listeners still run.
 */
public interface SwitchListener {

    default void switchConnected(OfSwitch sw) {
    }

    default void switchDisconnected(OfSwitch sw) {
    }

    /**
     * A port was added, changed (state, config, speed) or deleted.
     *
     * @param sw the switch after the change
     * @param port the port after the change (for DELETED: as it was last described)
     * @param previous the port before the change, or null for ADDED
     */
    default void portChanged(OfSwitch sw, PortDesc port, PortDesc previous, PortChange change) {
    }
}
