package io.flowlb.controller.openflow;

/**
 * A request was sent to a switch that is not connected, or the switch disconnected before it
 * answered.
 *
 * <p>Thread safety: immutable.
 */
public final class SwitchNotConnectedException extends RuntimeException {
    public SwitchNotConnectedException(Dpid dpid, String detail) {
        super("switch " + dpid + " " + detail);
    }
}
