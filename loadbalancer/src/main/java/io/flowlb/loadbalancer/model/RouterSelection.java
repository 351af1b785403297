package io.flowlb.loadbalancer.model;

/**
 * How a router pool chooses the router whose MAC answers a server's ARP for the gateway.
 *
 * <p>Text form: the constant's name in any case, with {@code -} or {@code _}.
 */
public enum RouterSelection {
    /** The router with the least recent traffic (the load vector of packets and bytes). The default. */
    LOAD_VECTOR,
    /** Round robin over routers by server source address; a server keeps its router while it is healthy. */
    SOURCE_IP_ROUND_ROBIN;

    public static RouterSelection parse(String text) {
        return Fields.parseEnum(RouterSelection.class, "selection", text);
    }

    public static RouterSelection parse(String field, String text) {
        return Fields.parseEnum(RouterSelection.class, field, text);
    }
}
