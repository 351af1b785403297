package io.flowlb.loadbalancer.model;

import java.util.Collection;
import java.util.Set;

/**
 * One back-end server (address and port) in one pool.
 *
 * <p>Fields and their JSON names: {@code id}, {@code pool_id}, {@code address} (unicast, same
 * family as the pool's VIPs), {@code port} (1-65535, or 0 for "the port the client asked for";
 * DSR members must use 0 or the VIP's port), {@code mac} (optional, when known; otherwise learned),
 * {@code weight} ({@value #MIN_WEIGHT}-{@value #MAX_WEIGHT}, default {@value #DEFAULT_WEIGHT} as in
 * Floodlight; 0 takes no new connections), {@code admin_state} (default {@link AdminState#UP}),
 * {@code tags} (capabilities, optional), {@code failover_order} (0-65535, default 0: under
 * {@link AvailabilityMode#PRIMARY_SECONDARY} the lowest order, then the lowest id, is preferred
 * as primary), {@code agent_port} (0 = no HAProxy-style agent-check, else its TCP port).
 *
 * <p>Thread safety: immutable.
 */
public record Member(MemberId id, PoolId poolId, IpAddress address, int port, MacAddress mac, int weight,
                     AdminState adminState, Set<String> tags, int failoverOrder, int agentPort) {
    public static final int MIN_WEIGHT = 0;
    public static final int MAX_WEIGHT = 1000;
    public static final int DEFAULT_WEIGHT = 1;

    public Member {
        Fields.required("id", id);
        Fields.required("pool_id", poolId);
        IpAddress.requireHost("address", address);
        Fields.port("port", port);
        MacAddress.requireHost("mac", mac);
        Fields.range("weight", weight, MIN_WEIGHT, MAX_WEIGHT);
        adminState = Fields.orDefault(adminState, AdminState.UP);
        tags = Fields.tokens("tags", tags);
        Fields.range("failover_order", failoverOrder, 0, 65_535);
        Fields.port("agent_port", agentPort);
    }

    /** A member in service with weight 1, no tags, no agent-check. */
    public static Member of(MemberId id, PoolId poolId, IpAddress address, int port) {
        return new Member(id, poolId, address, port, null, DEFAULT_WEIGHT, null, null, 0, 0);
    }

    /** The port connections reach on this member for a VIP listening on {@code vipPort}. */
    public int targetPort(int vipPort) {
        return port == 0 ? vipPort : port;
    }

    /** True when this member carries every one of {@code required}. */
    public boolean hasAllTags(Set<String> required) {
        return tags.containsAll(required);
    }

    public Member withPort(int newPort) {
        return new Member(id, poolId, address, newPort, mac, weight, adminState, tags, failoverOrder, agentPort);
    }

    public Member withMac(MacAddress newMac) {
        return new Member(id, poolId, address, port, newMac, weight, adminState, tags, failoverOrder, agentPort);
    }

    public Member withWeight(int newWeight) {
        return new Member(id, poolId, address, port, mac, newWeight, adminState, tags, failoverOrder, agentPort);
    }

    public Member withAdminState(AdminState newState) {
        return new Member(id, poolId, address, port, mac, weight, newState, tags, failoverOrder, agentPort);
    }

    public Member withTags(Collection<String> newTags) {
        return new Member(id, poolId, address, port, mac, weight, adminState, Set.copyOf(newTags), failoverOrder,
                agentPort);
    }

    public Member withFailoverOrder(int newOrder) {
        return new Member(id, poolId, address, port, mac, weight, adminState, tags, newOrder, agentPort);
    }

    public Member withAgentPort(int newPort) {
        return new Member(id, poolId, address, port, mac, weight, adminState, tags, failoverOrder, newPort);
    }
}
