package io.flowlb.loadbalancer.model;

/**
 * Whether a pool spreads load or keeps one active server (availability clustering).
 *
 * <p>Text form: the constant's name in any case, with {@code -} or {@code _}.
 */
public enum AvailabilityMode {
    /** Every eligible member takes new connections. The default. */
    ACTIVE_ALL,
    /**
     * One primary takes all traffic; the others are secondaries in failover order. A recovered
     * former primary does not pre-empt the current one.
     */
    PRIMARY_SECONDARY;

    public static AvailabilityMode parse(String text) {
        return Fields.parseEnum(AvailabilityMode.class, "availability", text);
    }

    public static AvailabilityMode parse(String field, String text) {
        return Fields.parseEnum(AvailabilityMode.class, field, text);
    }
}
