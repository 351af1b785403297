package io.flowlb.loadbalancer.filter;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.select.MidConnectionPolicy;
import io.flowlb.loadbalancer.select.Selector;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link PacketFilter} treats what is not load-balanced traffic, and its selection defaults.
 *
 * <p>Defaults ({@link #DEFAULTS}): unmatched traffic goes to the control plane (the controller
 * then forwards it as an L2 switch would), no control address, the consistent mid-connection
 * policy for services that name none, and {@link Selector#DEFAULT_HASH_SEED}.
 *
 * <p>Thread safety: immutable.
 *
 * @param unmatchedToControl true: frames for no VIP, no NAT connection and no control address
 *                           (and non-IP frames) are {@link Verdict#TO_CONTROL}; false: dropped
 * @param controlAddresses   the control plane's own addresses (the control VIP): frames for them,
 *                           and ARP / neighbor solicitations asking for them, go to the control plane
 * @param midConnection      the policy of services that do not name one
 * @param hashSeed           the flow hash seed; the same on every switch and controller of a deployment
 */
public record FilterSettings(boolean unmatchedToControl, List<IpAddress> controlAddresses,
                             MidConnectionPolicy midConnection, long hashSeed) {
    public static final FilterSettings DEFAULTS =
            new FilterSettings(true, List.of(), MidConnectionPolicy.CONSISTENT, Selector.DEFAULT_HASH_SEED);

    public FilterSettings {
        controlAddresses = List.copyOf(controlAddresses);
        Objects.requireNonNull(midConnection, "midConnection");
    }

    public FilterSettings withUnmatchedToControl(boolean toControl) {
        return new FilterSettings(toControl, controlAddresses, midConnection, hashSeed);
    }

    public FilterSettings withControlAddresses(List<IpAddress> addresses) {
        return new FilterSettings(unmatchedToControl, addresses, midConnection, hashSeed);
    }

    public FilterSettings withMidConnection(MidConnectionPolicy policy) {
        return new FilterSettings(unmatchedToControl, controlAddresses, policy, hashSeed);
    }
}
