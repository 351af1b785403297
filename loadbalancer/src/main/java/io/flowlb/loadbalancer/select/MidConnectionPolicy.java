package io.flowlb.loadbalancer.select;

/**
 * What the {@link Selector} does with a TCP packet that is not a SYN and has no connection entry
 * (the table was restarted, the entry expired, or the flow moved from another switch).
 */
public enum MidConnectionPolicy {
    /**
     * Pick the backend by the same flow hash and adopt the connection (the default). With an
     * unchanged backend set this is the backend the connection already had, so connections survive
     * a switch restart or a scale-out of the switches.
     */
    CONSISTENT,
    /**
     * Refuse ({@link Selector#REJECT}): the caller answers with a TCP RST, as the original packet
     * filter does for a packet that is neither a new connection nor a known one. (UDP and other
     * protocols have no handshake: a packet without an entry always starts a new flow.)
     */
    STRICT
}
