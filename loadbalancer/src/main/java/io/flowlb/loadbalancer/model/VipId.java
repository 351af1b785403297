package io.flowlb.loadbalancer.model;

/**
 * The identifier of a virtual service (VIP): a string, as in Floodlight's REST API, checked by
 * {@link Fields#token(String, String)}.
 *
 * <p>Thread safety: immutable.
 */
public record VipId(String value) implements Comparable<VipId> {
    public VipId {
        Fields.token("id", value);
    }

    /** Parses an identifier carried in {@code field} (e.g. {@code "vip_id"}), naming that field on error. */
    public static VipId parse(String field, String value) {
        return new VipId(Fields.token(field, value));
    }

    public static VipId of(String value) {
        return new VipId(value);
    }

    @Override
    public int compareTo(VipId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
