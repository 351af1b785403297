package io.flowlb.flowswitch.datapath.spec;

/** {@code ofp_packet_in_reason} of OpenFlow 1.3 with its wire numbers. */
public enum PacketInReason {
    /** Output to CONTROLLER by a table-miss flow (priority 0, empty match). */
    NO_MATCH(0),
    /** Output to CONTROLLER by any other flow, a group bucket or a packet-out. */
    ACTION(1),
    INVALID_TTL(2);

    private final int ofReason;

    PacketInReason(int ofReason) {
        this.ofReason = ofReason;
    }

    public int ofReason() {
        return ofReason;
    }
}
