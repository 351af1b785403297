package io.flowlb.controller.resource;

import io.flowlb.loadbalancer.distribution.Health;

/**
 * The health of one member under one monitor, after HAProxy's rise/fall rule: {@code rise}
 * consecutive successes make it UP, {@code fall} consecutive failures make it DOWN, anything in
 * between keeps the previous verdict. It starts {@link Health#UNKNOWN}, which counts as alive,
 * so a controller that just started does not black-hole a service while its first checks run;
 * from UNKNOWN the first complete run of either kind decides.
 *
 * <p>The counters count the current run: a success resets the failure run and the other way
 * round, so one flapping answer among successes never brings a member down.
 *
 * <p>Thread safety: immutable.
 */
public record RiseFall(Health health, int successes, int failures) {
    public static final RiseFall INITIAL = new RiseFall(Health.UNKNOWN, 0, 0);

    /** This state after one probe result; an uncounted result ({@link ProbeResult#counts()}) changes nothing. */
    public RiseFall next(ProbeResult result, int rise, int fall) {
        if (!result.counts()) {
            return this;
        }
        if (result.ok()) {
            int s = Math.min(successes + 1, rise);
            return new RiseFall(s >= rise ? Health.UP : health, s, 0);
        }
        int f = Math.min(failures + 1, fall);
        return new RiseFall(f >= fall ? Health.DOWN : health, 0, f);
    }
}
