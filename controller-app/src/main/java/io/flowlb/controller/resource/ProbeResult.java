package io.flowlb.controller.resource;

import java.util.Locale;

/**
 * The result of one health probe: success, a failure of a named kind, or "could not probe".
 *
 * <p>{@link Outcome#UNAVAILABLE} is neither success nor failure: the controller could not run the
 * probe at all (no ICMP socket without privilege, say). It leaves the member's rise/fall state
 * as it is, so a controller that lacks a privilege never marks a whole pool down.
 *
 * @param outcome what happened
 * @param detail a short human text for logs and the REST view ("connection refused", "status 503")
 * @param latencyMillis how long the probe took, from its start to its verdict
 *
 * <p>Thread safety: immutable.
 */
public record ProbeResult(Outcome outcome, String detail, long latencyMillis) {

    /** What a probe concluded; the lower-case name is the counter label. */
    public enum Outcome {
        /** The member answered as the monitor wants. */
        OK,
        /** The connection was refused (RST or ICMP port unreachable): an immediate failure. */
        REFUSED,
        /** No answer within the monitor's timeout. */
        TIMEOUT,
        /** The network said the host or net is unreachable. */
        UNREACHABLE,
        /** An HTTP answer with a status outside the expected ranges. */
        BAD_STATUS,
        /** An answer that is not what the protocol says (not HTTP, cut short). */
        BAD_RESPONSE,
        /** Any other I/O failure (reset mid-way, no route from the source address). */
        ERROR,
        /** The probe could not be run here; counts neither way. */
        UNAVAILABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ProbeResult {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is required");
        }
        detail = detail == null ? "" : detail;
    }

    public static ProbeResult ok(String detail, long latencyMillis) {
        return new ProbeResult(Outcome.OK, detail, latencyMillis);
    }

    public static ProbeResult failed(Outcome outcome, String detail, long latencyMillis) {
        return new ProbeResult(outcome, detail, latencyMillis);
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** True when this result moves the rise/fall counters (everything but UNAVAILABLE). */
    public boolean counts() {
        return outcome != Outcome.UNAVAILABLE;
    }
}
