package io.flowlb.loadbalancer.model;

/**
 * A virtual service: clients reach {@code address} (with {@code protocol} and {@code port}) and
 * the switch spreads their connections over the members of {@code poolId}.
 *
 * <p>Fields and their JSON names: {@code id}, {@code name} (optional, default empty),
 * {@code address} (IPv4 or IPv6 unicast), {@code protocol} ({@link Protocol}), {@code port}
 * (1-65535, or 0 for every port; must be 0 for protocols without ports), {@code mode}
 * (default {@link ForwardingMode#NAT}), {@code pool_id} (optional until a pool is bound),
 * {@code admin_state} (default {@link AdminState#UP}), {@code virtual_mac} (optional: when left
 * out the switch answers ARP/ND for the address with {@link #effectiveMac()}, derived from the
 * address), {@code connection_policy} (default {@link ConnectionPolicy#CONSISTENT}).
 * A null optional field takes its default, so a JSON codec may pass what it read as is.
 *
 * <p>Thread safety: immutable.
 */
public record Vip(VipId id, String name, IpAddress address, Protocol protocol, int port,
                  ForwardingMode mode, PoolId poolId, AdminState adminState, MacAddress virtualMac,
                  ConnectionPolicy connectionPolicy) {

    public Vip {
        Fields.required("id", id);
        name = Fields.name("name", name);
        IpAddress.requireHost("address", address);
        Fields.required("protocol", protocol);
        Fields.port("port", port);
        if (port != 0 && !protocol.hasPorts()) {
            throw new ValidationException("port", "must be 0 for protocol " + protocol + ", which has no ports");
        }
        mode = Fields.orDefault(mode, ForwardingMode.NAT);
        adminState = Fields.orDefault(adminState, AdminState.UP);
        MacAddress.requireHost("virtual_mac", virtualMac);
        connectionPolicy = Fields.orDefault(connectionPolicy, ConnectionPolicy.CONSISTENT);
    }

    /** A NAT VIP in service, with no pool yet and every other field at its default. */
    public static Vip of(VipId id, IpAddress address, Protocol protocol, int port) {
        return new Vip(id, null, address, protocol, port, null, null, null, null, null);
    }

    /** The MAC the switch answers ARP/ND with: the configured one, else one derived from the address. */
    public MacAddress effectiveMac() {
        return virtualMac != null ? virtualMac : MacAddress.derivedFrom(address.hi() * 31 + address.lo());
    }

    /** True when the VIP listens on every port of its protocol. */
    public boolean allPorts() {
        return port == 0;
    }

    /** True when both VIPs claim the same (address, protocol, port). */
    public boolean sameServiceAs(Vip o) {
        return address.equals(o.address) && protocol.equals(o.protocol) && port == o.port;
    }

    public Vip withName(String newName) {
        return new Vip(id, newName, address, protocol, port, mode, poolId, adminState, virtualMac, connectionPolicy);
    }

    public Vip withMode(ForwardingMode newMode) {
        return new Vip(id, name, address, protocol, port, newMode, poolId, adminState, virtualMac, connectionPolicy);
    }

    /** This VIP bound to another pool, or to none with {@code null}. */
    public Vip withPool(PoolId newPool) {
        return new Vip(id, name, address, protocol, port, mode, newPool, adminState, virtualMac, connectionPolicy);
    }

    public Vip withAdminState(AdminState newState) {
        return new Vip(id, name, address, protocol, port, mode, poolId, newState, virtualMac, connectionPolicy);
    }

    public Vip withVirtualMac(MacAddress newMac) {
        return new Vip(id, name, address, protocol, port, mode, poolId, adminState, newMac, connectionPolicy);
    }

    public Vip withConnectionPolicy(ConnectionPolicy newPolicy) {
        return new Vip(id, name, address, protocol, port, mode, poolId, adminState, virtualMac, newPolicy);
    }
}
