package io.flowlb.controller.lb.install;

import io.flowlb.loadbalancer.model.VipId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Group ids for VIPs: a hash of the VIP id (so the same VIP gets the same id in every run, which
 * keeps dumps readable and a switch's connection-table zones stable), probing on to the next id
 * on a collision. An id stays with its VIP until the VIP is released.
 *
 * <p>Thread safety: confined to the LB control thread.
 */
public final class GroupIds {
    /** Ids are kept in 1..MAX, below OpenFlow's reserved group numbers. */
    static final int MAX = 0x7fff_ffff;

    private final Map<VipId, Integer> byVip = new HashMap<>();
    private final Map<Integer, VipId> byId = new HashMap<>();

    /** The VIP's group id, allocated on first use. */
    public int of(VipId vip) {
        Integer id = byVip.get(vip);
        if (id != null) {
            return id;
        }
        int candidate = (int) (LbCookie.hash40(vip.value()) % MAX) + 1;
        while (byId.containsKey(candidate)) {
            candidate = candidate == MAX ? 1 : candidate + 1;
        }
        byVip.put(vip, candidate);
        byId.put(candidate, vip);
        return candidate;
    }

    /** The VIP a group id belongs to, or null. */
    public VipId vipOf(int groupId) {
        return byId.get(groupId);
    }

    /** Frees the ids of VIPs that are not in {@code keep}. */
    public void retainOnly(Set<VipId> keep) {
        byVip.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            byId.remove(e.getValue());
            return true;
        });
    }
}
