package io.flowlb.loadbalancer.model;

/**
 * The identifier of a health monitor: a string, as in Floodlight's REST API, checked by
 * {@link Fields#token(String, String)}.
 *
 * <p>Thread safety: immutable.
 */
public record MonitorId(String value) implements Comparable<MonitorId> {
    public MonitorId {
        Fields.token("id", value);
    }

    /** Parses an identifier carried in {@code field} (e.g. {@code "monitor_ids"}), naming that field on error. */
    public static MonitorId parse(String field, String value) {
        return new MonitorId(Fields.token(field, value));
    }

    public static MonitorId of(String value) {
        return new MonitorId(value);
    }

    @Override
    public int compareTo(MonitorId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
