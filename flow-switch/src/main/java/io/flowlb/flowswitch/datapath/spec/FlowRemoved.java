package io.flowlb.flowswitch.datapath.spec;

/**
 * A flow left the table: sent for flows installed with {@link FlowFlag#SEND_FLOW_REM}.
 *
 * <p>Thread safety: immutable.
 */
public record FlowRemoved(FlowSpec spec, FlowRemovedReason reason, long durationNanos, long packets, long bytes) {
}
