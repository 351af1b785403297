package io.flowlb.controller.lb.json;

import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ConnectionPolicy;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;

/**
 * The JSON body of a {@link Vip}; the fields and defaults are the model's. {@code port} left out
 * is 0 (every port).
 *
 * <p>Thread safety: immutable.
 */
public record VipJson(VipId id, String name, IpAddress address, Protocol protocol, Integer port, ForwardingMode mode,
                      PoolId poolId, AdminState adminState, MacAddress virtualMac, ConnectionPolicy connectionPolicy) {

    public static VipJson of(Vip v) {
        return new VipJson(v.id(), v.name(), v.address(), v.protocol(), v.port(), v.mode(), v.poolId(), v.adminState(),
                v.virtualMac(), v.connectionPolicy());
    }

    /** The VIP this body describes, under {@code id} (the body's own id may be absent). */
    public Vip toVip(VipId vipId) {
        return new Vip(vipId, name, address, protocol, port == null ? 0 : port, mode, poolId, adminState, virtualMac,
                connectionPolicy);
    }

    public Vip toVip() {
        return toVip(id);
    }

    public VipJson withId(VipId newId) {
        return new VipJson(newId, name, address, protocol, port, mode, poolId, adminState, virtualMac,
                connectionPolicy);
    }
}
