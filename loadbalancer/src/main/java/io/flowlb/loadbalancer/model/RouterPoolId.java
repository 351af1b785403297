package io.flowlb.loadbalancer.model;

/**
 * The identifier of a router pool: a string, as in Floodlight's REST API, checked by
 * {@link Fields#token(String, String)}.
 *
 * <p>Thread safety: immutable.
 */
public record RouterPoolId(String value) implements Comparable<RouterPoolId> {
    public RouterPoolId {
        Fields.token("id", value);
    }

    /** Parses an identifier carried in {@code field} (e.g. {@code "router_pool_id"}), naming that field on error. */
    public static RouterPoolId parse(String field, String value) {
        return new RouterPoolId(Fields.token(field, value));
    }

    public static RouterPoolId of(String value) {
        return new RouterPoolId(value);
    }

    @Override
    public int compareTo(RouterPoolId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
