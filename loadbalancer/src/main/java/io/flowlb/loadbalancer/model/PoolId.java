package io.flowlb.loadbalancer.model;

/**
 * The identifier of a pool of members: a string, as in Floodlight's REST API, checked by
 * {@link Fields#token(String, String)}.
 *
 * <p>Thread safety: immutable.
 */
public record PoolId(String value) implements Comparable<PoolId> {
    public PoolId {
        Fields.token("id", value);
    }

    /** Parses an identifier carried in {@code field} (e.g. {@code "pool_id"}), naming that field on error. */
    public static PoolId parse(String field, String value) {
        return new PoolId(Fields.token(field, value));
    }

    public static PoolId of(String value) {
        return new PoolId(value);
    }

    @Override
    public int compareTo(PoolId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
