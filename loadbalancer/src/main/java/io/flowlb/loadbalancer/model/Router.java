package io.flowlb.loadbalancer.model;

/**
 * One router of a router pool: its own unique address (which the switch probes) and the MAC
 * that the switch gives servers in ARP replies for the pool's gateway address.
 *
 * <p>JSON names: {@code address}, {@code mac}. Thread safety: immutable.
 */
public record Router(IpAddress address, MacAddress mac) {
    public Router {
        IpAddress.requireHost("address", address);
        Fields.required("mac", mac);
        MacAddress.requireHost("mac", mac);
    }

    public static Router of(String address, String mac) {
        return new Router(IpAddress.parse(address), MacAddress.parse(mac));
    }
}
