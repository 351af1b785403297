package io.flowlb.loadbalancer.model;

/**
 * How a pool turns its members into weights for new connections.
 *
 * <p>Text form: the constant's name in any case, with {@code -} or {@code _}.
 */
public enum Algorithm {
    /** Equal weights for every eligible member; configured weights are ignored. The default. */
    ROUND_ROBIN,
    /** The configured weights, scaled by agent-check percentages. */
    WEIGHTED,
    /** Weights inversely related to each member's active connections. */
    LEAST_CONNECTIONS,
    /** Weights proportional to spare capacity computed from agent load reports. */
    LEAST_LOAD,
    /** Only members carrying every tag the pool requires, then weighted. */
    CAPABILITY;

    public static Algorithm parse(String text) {
        return Fields.parseEnum(Algorithm.class, "algorithm", text);
    }

    public static Algorithm parse(String field, String text) {
        return Fields.parseEnum(Algorithm.class, field, text);
    }
}
