package io.flowlb.flowswitch.io;

/** Bits a port passes with each received frame. */
public final class RxFlags {
    /**
     * The kernel left the L4 checksum partial (veth with TX checksum offload on the peer):
     * the checksum field holds only the pseudo-header sum and must be completed before the
     * frame leaves through a real port or is rewritten incrementally.
     */
    public static final int CSUM_NOT_READY = 1;
    /** The kernel already verified the checksum. */
    public static final int CSUM_VALID = 1 << 1;
    /** The frame was cut short by the ring slot (snap length below frame length). */
    public static final int TRUNCATED = 1 << 2;

    private RxFlags() {
    }
}
