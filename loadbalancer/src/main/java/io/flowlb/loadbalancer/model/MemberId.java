package io.flowlb.loadbalancer.model;

/**
 * The identifier of a pool member (a back-end server and port): a string, as in Floodlight's REST API, checked by
 * {@link Fields#token(String, String)}.
 *
 * <p>Thread safety: immutable.
 */
public record MemberId(String value) implements Comparable<MemberId> {
    public MemberId {
        Fields.token("id", value);
    }

    /** Parses an identifier carried in {@code field} (e.g. {@code "member_id"}), naming that field on error. */
    public static MemberId parse(String field, String value) {
        return new MemberId(Fields.token(field, value));
    }

    public static MemberId of(String value) {
        return new MemberId(value);
    }

    @Override
    public int compareTo(MemberId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
