package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.Fields;

/**
 * Keeps measured weights from flapping: a candidate replaces the published weights only when
 * it matters.
 *
 * <p>Rule: publish immediately when there is nothing published yet, or when eligibility changed
 * (a member added or removed, alive or accepts-new flipped, base weight changed: health, admin
 * state, configured weight, agent percentage are decisions, not noise). Otherwise publish only
 * when some member's share of new connections differs from its published share by more than
 * {@code max(relative * published share, absolute)}. Comparison is always against the
 * published weights, not the previous candidate, so a slow drift is published once it adds up.
 *
 * <p>Thread safety: immutable.
 */
public record Hysteresis(double relative, double absolute) {

    public Hysteresis {
        Fields.range("hysteresis_relative", relative, 0.0, 1.0);
        Fields.range("hysteresis_absolute", absolute, 0.0, 1.0);
    }

    public boolean shouldPublish(PoolWeights published, PoolWeights candidate) {
        if (published == null || !published.sameEligibility(candidate)) {
            return true;
        }
        long oldTotal = published.totalWeight();
        long newTotal = candidate.totalWeight();
        if (oldTotal == 0 || newTotal == 0) {
            return oldTotal != newTotal;
        }
        for (int i = 0; i < published.members().size(); i++) {
            double oldShare = (double) published.members().get(i).weight() / oldTotal;
            double newShare = (double) candidate.members().get(i).weight() / newTotal;
            if (Math.abs(newShare - oldShare) > Math.max(relative * oldShare, absolute)) {
                return true;
            }
        }
        return false;
    }

    /** The weights to publish: {@code candidate} when {@link #shouldPublish}, else {@code published}. */
    public PoolWeights apply(PoolWeights published, PoolWeights candidate) {
        return shouldPublish(published, candidate) ? candidate : published;
    }
}
