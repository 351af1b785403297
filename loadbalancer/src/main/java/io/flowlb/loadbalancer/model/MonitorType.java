package io.flowlb.loadbalancer.model;

/**
 * The kind of active health check a monitor runs against each member.
 *
 * <p>Text form: the constant's name in any case, with {@code -} or {@code _}.
 */
public enum MonitorType {
    /** ICMP (or ICMPv6) echo. */
    ICMP,
    /** A TCP connection that completes the handshake. */
    TCP,
    /** An HTTP GET whose status code is in the expected set. */
    HTTP;

    public static MonitorType parse(String text) {
        return Fields.parseEnum(MonitorType.class, "type", text);
    }

    public static MonitorType parse(String field, String text) {
        return Fields.parseEnum(MonitorType.class, field, text);
    }
}
