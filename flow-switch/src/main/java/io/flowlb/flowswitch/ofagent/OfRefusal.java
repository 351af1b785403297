package io.flowlb.flowswitch.ofagent;

/**
 * A request the agent cannot accept, thrown out of a translation and answered with
 * {@link #error()}. This is the control path (never a packet), where an exception keeps the
 * translators readable.
 *
 * <p>Thread safety: immutable.
 */
public final class OfRefusal extends RuntimeException {
    private final OfError error;

    public OfRefusal(OfError error, String why) {
        super(why, null, false, false);
        this.error = error;
    }

    public OfError error() {
        return error;
    }
}
