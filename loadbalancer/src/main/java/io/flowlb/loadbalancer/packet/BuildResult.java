package io.flowlb.loadbalancer.packet;

/**
 * The negative results of the allocation-free frame builders and the segmenter; a non-negative
 * result is the length of the frame written. Nothing is written when a builder returns one of
 * these.
 *
 * <p>Thread safety: constants only.
 */
public final class BuildResult {
    /** The input is not the kind of packet this builder answers (not a request, a fragment, an RST...). */
    public static final int NOT_APPLICABLE = -1;
    /** The output memory from the given offset is too small for the frame. */
    public static final int NO_ROOM = -2;
    /** An argument is out of range (an MSS below 1, a segment index past the last). */
    public static final int BAD_ARGUMENT = -3;

    private BuildResult() {
    }
}
