package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.ArrayList;
import java.util.List;

/** Members and states for distribution tests. */
final class Fixtures {
    static final PoolId POOL = PoolId.of("pool");

    private Fixtures() {
    }

    static MemberId id(String name) {
        return MemberId.of(name);
    }

    /** Member {@code name} on 10.0.0.{n}:80, where n is its position among a..z. */
    static Member member(String name) {
        return Member.of(id(name), POOL, IpAddress.ofV4(0x0a00_0000 | (name.charAt(0) - 'a' + 11)), 80);
    }

    static MemberState state(String name) {
        return MemberState.of(member(name));
    }

    static List<MemberState> states(String... names) {
        List<MemberState> out = new ArrayList<>();
        for (String n : names) {
            out.add(state(n));
        }
        return out;
    }

    /** The member states with one replaced by its id. */
    static List<MemberState> replace(List<MemberState> states, MemberState changed) {
        List<MemberState> out = new ArrayList<>(states);
        out.replaceAll(s -> s.id().equals(changed.id()) ? changed : s);
        return out;
    }
}
