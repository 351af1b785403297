package io.flowlb.flowswitch.datapath.spec;

/**
 * The outcome of a control operation, mirroring the OpenFlow 1.3 error type and code the agent
 * sends back ({@code ofp_error_msg}). {@link #NONE} means success.
 *
 * <p>Thread safety: immutable.
 */
public enum DatapathError {
    NONE(-1, -1),

    // OFPET_BAD_REQUEST
    BAD_REQUEST_BAD_PORT(1, 11),
    BAD_REQUEST_BAD_PACKET(1, 12),
    BAD_REQUEST_BAD_TABLE_ID(1, 9),
    BAD_REQUEST_BUFFER_UNKNOWN(1, 8),

    // OFPET_BAD_ACTION
    BAD_ACTION_TYPE(2, 0),
    BAD_OUT_PORT(2, 4),
    BAD_ACTION_ARGUMENT(2, 5),
    TOO_MANY_ACTIONS(2, 7),
    BAD_OUT_GROUP(2, 9),
    MATCH_INCONSISTENT(2, 10),
    BAD_SET_TYPE(2, 13),
    BAD_SET_ARGUMENT(2, 15),

    // OFPET_BAD_INSTRUCTION
    UNSUP_INST(3, 1),
    BAD_INST_TABLE_ID(3, 2),

    // OFPET_BAD_MATCH
    BAD_FIELD(4, 6),
    BAD_VALUE(4, 7),
    BAD_MASK(4, 8),
    BAD_PREREQ(4, 9),
    DUP_FIELD(4, 10),

    // OFPET_FLOW_MOD_FAILED
    TABLE_FULL(5, 1),
    BAD_TABLE_ID(5, 2),
    OVERLAP(5, 3),
    BAD_TIMEOUT(5, 5),
    BAD_COMMAND(5, 6),
    BAD_FLAGS(5, 7),

    // OFPET_GROUP_MOD_FAILED
    GROUP_EXISTS(6, 0),
    INVALID_GROUP(6, 1),
    OUT_OF_GROUPS(6, 3),
    OUT_OF_BUCKETS(6, 4),
    CHAINING_UNSUPPORTED(6, 5),
    LOOP(6, 7),
    UNKNOWN_GROUP(6, 8),
    CHAINED_GROUP(6, 9),
    GROUP_BAD_TYPE(6, 10),
    GROUP_BAD_COMMAND(6, 11),
    BAD_BUCKET(6, 12),
    BAD_WATCH(6, 13),

    // OFPET_PORT_MOD_FAILED
    PORT_MOD_BAD_PORT(7, 0),
    PORT_MOD_BAD_CONFIG(7, 2);

    private final int ofType;
    private final int ofCode;

    DatapathError(int ofType, int ofCode) {
        this.ofType = ofType;
        this.ofCode = ofCode;
    }

    /** The OpenFlow 1.3 {@code ofp_error_type} ({@code -1} for {@link #NONE}). */
    public int ofType() {
        return ofType;
    }

    /** The code within {@link #ofType()} ({@code -1} for {@link #NONE}). */
    public int ofCode() {
        return ofCode;
    }

    public boolean isError() {
        return this != NONE;
    }
}
