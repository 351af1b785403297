package io.flowlb.flowswitch.datapath.spec;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code ofp_flow_mod_flags} of OpenFlow 1.3.
 *
 * <p>Thread safety: immutable.
 */
public enum FlowFlag {
    /** Send a FLOW_REMOVED event when the flow expires or is deleted. */
    SEND_FLOW_REM(1),
    /** Refuse an ADD that overlaps a flow of the same priority. */
    CHECK_OVERLAP(1 << 1),
    /** Reset the counters of the flows a MODIFY or a replacing ADD hits. */
    RESET_COUNTS(1 << 2),
    /** Do not count packets (accepted; flow-switch counts anyway). */
    NO_PKT_COUNTS(1 << 3),
    /** Do not count bytes (accepted; flow-switch counts anyway). */
    NO_BYT_COUNTS(1 << 4);

    private final int bit;

    FlowFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The flags set in an OpenFlow bit field (unknown bits ignored). */
    public static Set<FlowFlag> fromBits(int bits) {
        EnumSet<FlowFlag> s = EnumSet.noneOf(FlowFlag.class);
        for (FlowFlag f : values()) {
            if ((bits & f.bit) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    public static int toBits(Set<FlowFlag> flags) {
        int bits = 0;
        for (FlowFlag f : flags) {
            bits |= f.bit;
        }
        return bits;
    }
}
