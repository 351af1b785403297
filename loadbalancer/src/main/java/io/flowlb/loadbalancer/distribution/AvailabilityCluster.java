package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.MemberId;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The availability-clustering state of one pool in
 * {@link io.flowlb.loadbalancer.model.AvailabilityMode#PRIMARY_SECONDARY} mode (WO 99/33227): one
 * primary takes all traffic, the others are secondary-operational or secondary-failed.
 *
 * <p>Transitions, as a pure function of the previous state and the members' current
 * operational view ({@link #next(List)}):
 * <ul>
 *   <li>the primary stays primary as long as it is operational, whatever else happens;</li>
 *   <li>when the primary fails (or is removed), it becomes secondary-failed and the operational
 *       member with the lowest failover order (then lowest id) becomes primary;</li>
 *   <li>a failed member that recovers becomes secondary-operational: it never pre-empts the
 *       current primary, not even a former primary or a member with a lower failover order;</li>
 *   <li>with no operational member there is no primary; the first to recover becomes primary.</li>
 * </ul>
 * The input is the whole current view rather than single events, so a missed or repeated event
 * cannot desynchronise the state.
 *
 * <p>Thread safety: immutable.
 */
public record AvailabilityCluster(MemberId primary, SortedMap<MemberId, ClusterRole> roles) {
    public static final AvailabilityCluster EMPTY = new AvailabilityCluster(null, new TreeMap<>());

    /** One member as the cluster sees it. */
    public record Candidate(MemberId id, int failoverOrder, boolean operational) {
    }

    public AvailabilityCluster {
        roles = Collections.unmodifiableSortedMap(new TreeMap<>(roles));
    }

    public AvailabilityCluster next(List<Candidate> candidates) {
        Candidate keep = null;
        Candidate best = null;
        Comparator<Candidate> preference = Comparator.comparingInt(Candidate::failoverOrder)
                .thenComparing(Candidate::id);
        for (Candidate c : candidates) {
            if (!c.operational()) {
                continue;
            }
            if (c.id().equals(primary)) {
                keep = c;
            }
            if (best == null || preference.compare(c, best) < 0) {
                best = c;
            }
        }
        MemberId newPrimary = keep != null ? keep.id() : best != null ? best.id() : null;
        TreeMap<MemberId, ClusterRole> newRoles = new TreeMap<>();
        for (Candidate c : candidates) {
            newRoles.put(c.id(), c.id().equals(newPrimary) ? ClusterRole.PRIMARY
                    : c.operational() ? ClusterRole.SECONDARY_OPERATIONAL : ClusterRole.SECONDARY_FAILED);
        }
        return new AvailabilityCluster(newPrimary, newRoles);
    }

    /** The role of a member; members the cluster has not seen are secondary-failed. */
    public ClusterRole roleOf(MemberId id) {
        return roles.getOrDefault(id, ClusterRole.SECONDARY_FAILED);
    }
}
