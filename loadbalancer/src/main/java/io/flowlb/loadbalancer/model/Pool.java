package io.flowlb.loadbalancer.model;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A set of members that serve one or more VIPs, with the algorithm that weights them and the
 * monitors that check them. Members point at their pool ({@link Member#poolId()}); the pool's
 * members are {@link LbConfig#membersOf(PoolId)}.
 *
 * <p>Fields and their JSON names: {@code id}, {@code name} (optional), {@code algorithm}
 * (default {@link Algorithm#ROUND_ROBIN}), {@code monitor_ids} (optional, no repeats),
 * {@code availability} (default {@link AvailabilityMode#ACTIVE_ALL}), {@code required_tags}
 * (the tags every member must carry under {@link Algorithm#CAPABILITY}, which needs at least
 * one; kept but unused by the other algorithms), {@code vip_id} (optional: Floodlight's
 * pool-to-VIP link; {@link LbConfig} binds the named VIP to this pool and keeps this field
 * equal to the first VIP, by id, that uses the pool).
 *
 * <p>Thread safety: immutable.
 */
public record Pool(PoolId id, String name, Algorithm algorithm, List<MonitorId> monitorIds,
                   AvailabilityMode availability, Set<String> requiredTags, VipId vipId) {

    public Pool {
        Fields.required("id", id);
        name = Fields.name("name", name);
        algorithm = Fields.orDefault(algorithm, Algorithm.ROUND_ROBIN);
        monitorIds = Fields.distinct("monitor_ids", monitorIds);
        availability = Fields.orDefault(availability, AvailabilityMode.ACTIVE_ALL);
        requiredTags = Fields.tokens("required_tags", requiredTags);
        if (algorithm == Algorithm.CAPABILITY && requiredTags.isEmpty()) {
            throw new ValidationException("required_tags", "must name at least one tag for the capability algorithm");
        }
    }

    /** A round-robin, active-all pool with no monitor and no VIP link. */
    public static Pool of(PoolId id) {
        return new Pool(id, null, null, null, null, null, null);
    }

    public Pool withName(String newName) {
        return new Pool(id, newName, algorithm, monitorIds, availability, requiredTags, vipId);
    }

    public Pool withAlgorithm(Algorithm newAlgorithm) {
        return new Pool(id, name, newAlgorithm, monitorIds, availability, requiredTags, vipId);
    }

    public Pool withMonitors(Collection<MonitorId> newMonitors) {
        return new Pool(id, name, algorithm, List.copyOf(newMonitors), availability, requiredTags, vipId);
    }

    public Pool withAvailability(AvailabilityMode newMode) {
        return new Pool(id, name, algorithm, monitorIds, newMode, requiredTags, vipId);
    }

    /** This pool requiring {@code tags}, switched to the capability algorithm. */
    public Pool withCapability(Collection<String> tags) {
        return new Pool(id, name, Algorithm.CAPABILITY, monitorIds, availability, Set.copyOf(tags), vipId);
    }

    public Pool withVip(VipId newVip) {
        return new Pool(id, name, algorithm, monitorIds, availability, requiredTags, newVip);
    }
}
