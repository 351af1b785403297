package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.MemberId;

/**
 * The master module's verdict on one member: its effective weight for new connections (the
 * input of the Maglev table), the base weight it came from, and its liveness flags.
 *
 * <p>Invariants: a member that accepts new connections is alive and has weight 1 or more; one
 * that does not has weight 0. {@code alive && !acceptsNew} is a draining member: it keeps its
 * connections but gets no new ones. {@code !alive}: its connections are re-selected.
 * {@code baseWeight} (configured weight times agent percentage) is what an operator set;
 * {@code weight} is what the algorithm made of it, at most {@link WeightCalculator#SCALE}.
 *
 * <p>Thread safety: immutable.
 */
public record MemberWeight(MemberId memberId, int weight, int baseWeight, boolean alive, boolean acceptsNew) {
    public MemberWeight {
        if (memberId == null) {
            throw new IllegalArgumentException("memberId is null");
        }
        if (acceptsNew ? !alive || weight < 1 || weight > WeightCalculator.SCALE : weight != 0) {
            throw new IllegalArgumentException("inconsistent weight " + weight + " alive=" + alive
                    + " acceptsNew=" + acceptsNew + " for member " + memberId);
        }
        if (baseWeight < 0) {
            throw new IllegalArgumentException("negative base weight for member " + memberId);
        }
    }

    /** A member that takes no new connections, alive or not. */
    public static MemberWeight closed(MemberId id, int baseWeight, boolean alive) {
        return new MemberWeight(id, 0, baseWeight, alive, false);
    }

    /** True when the flags and the base weight, the parts that bypass hysteresis, are equal. */
    public boolean sameEligibility(MemberWeight o) {
        return memberId.equals(o.memberId) && alive == o.alive && acceptsNew == o.acceptsNew
                && baseWeight == o.baseWeight;
    }
}
