package io.flowlb.loadbalancer.filter;

/**
 * What the {@link PacketFilter} decided for a frame. Codes are small dense ints so that the
 * per-packet path returns a primitive and counters index an array.
 *
 * <p>Thread safety: constants only.
 */
public final class Verdict {
    /** Send the frame on, rewritten in place for its member (or, for a NAT reply, for its client). */
    public static final int FORWARD = 0;
    /** Hand the frame to the control plane unchanged (the control address, or unmatched traffic when so configured). */
    public static final int TO_CONTROL = 1;
    /** Send the answer the filter wrote into the caller's reply buffer (ARP, NA, echo reply, TCP RST). */
    public static final int REPLY = 2;
    /** Discard the frame. */
    public static final int DROP = 3;
    /** Number of verdicts: the size of a per-verdict counter array. */
    public static final int COUNT = 4;

    private static final String[] NAMES = {"forward", "to_control", "reply", "drop"};

    private Verdict() {
    }

    /** A stable lower-case name for metrics and logs (not for the per-packet path). */
    public static String name(int verdict) {
        return verdict >= 0 && verdict < COUNT ? NAMES[verdict] : "unknown_" + verdict;
    }
}
