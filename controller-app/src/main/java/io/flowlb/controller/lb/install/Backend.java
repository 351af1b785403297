package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.PortNo;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.model.Member;
import java.util.List;

/**
 * One member as a VIP reaches it from one switch: its weight and flags, the rewrite and output
 * actions that take a client's packet to it, and the port whose liveness it follows. What a
 * SELECT bucket holds, and what the reactive installer puts in a per-connection flow.
 *
 * <p>Thread safety: immutable.
 */
public record Backend(Member member, MemberWeight weight, List<LbAction> actions, PortNo watchPort) {
    public Backend {
        actions = List.copyOf(actions);
    }

    public GroupSpec.Bucket bucket() {
        return new GroupSpec.Bucket(member.id(), weight.weight(), watchPort, actions);
    }
}
