package io.flowlb.controller.lb.json;

import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.Set;

/**
 * The JSON body of a {@link Member}; the fields and defaults are the model's ({@code weight}
 * left out is {@value Member#DEFAULT_WEIGHT}, {@code port} left out is 0).
 *
 * <p>Thread safety: immutable.
 */
public record MemberJson(MemberId id, PoolId poolId, IpAddress address, Integer port, MacAddress mac, Integer weight,
                         AdminState adminState, Set<String> tags, Integer failoverOrder, Integer agentPort) {

    public static MemberJson of(Member m) {
        return new MemberJson(m.id(), m.poolId(), m.address(), m.port(), m.mac(), m.weight(), m.adminState(), m.tags(),
                m.failoverOrder(), m.agentPort());
    }

    public Member toMember(MemberId memberId) {
        return new Member(memberId, poolId, address, port == null ? 0 : port, mac,
                weight == null ? Member.DEFAULT_WEIGHT : weight, adminState, tags,
                failoverOrder == null ? 0 : failoverOrder, agentPort == null ? 0 : agentPort);
    }

    public Member toMember() {
        return toMember(id);
    }

    public MemberJson withId(MemberId newId) {
        return new MemberJson(newId, poolId, address, port, mac, weight, adminState, tags, failoverOrder, agentPort);
    }
}
