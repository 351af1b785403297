package io.flowlb.loadbalancer.model;

/**
 * What the switch does with a mid-connection packet (not a TCP SYN) that has no connection entry,
 * for example after a switch restart.
 *
 * <p>Text form: the constant's name in any case, with {@code -} or {@code _}.
 */
public enum ConnectionPolicy {
    /** Re-select by the same hash and adopt the connection: survives restarts and scale-out. The default. */
    CONSISTENT,
    /** Refuse it: TCP RST, other protocols dropped. */
    STRICT;

    public static ConnectionPolicy parse(String text) {
        return Fields.parseEnum(ConnectionPolicy.class, "connection_policy", text);
    }

    public static ConnectionPolicy parse(String field, String text) {
        return Fields.parseEnum(ConnectionPolicy.class, field, text);
    }
}
