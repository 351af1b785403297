package io.flowlb.flowswitch.datapath.spec;

/** {@code ofp_flow_removed_reason} of OpenFlow 1.3 with its wire numbers. */
public enum FlowRemovedReason {
    IDLE_TIMEOUT(0), HARD_TIMEOUT(1), DELETE(2), GROUP_DELETE(3);

    private final int ofReason;

    FlowRemovedReason(int ofReason) {
        this.ofReason = ofReason;
    }

    public int ofReason() {
        return ofReason;
    }
}
