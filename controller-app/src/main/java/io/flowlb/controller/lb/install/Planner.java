package io.flowlb.controller.lb.install;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functional core of the load balancer's installers: the desired {@link SwitchPlan} of one
 * switch as a pure function of the configuration, the effective weights, the members' places,
 * the topology, the switch's {@link SwitchProfile} and the plan installed now (which only
 * matters for a VIP whose group is frozen, see below). No I/O, no clock, no state: tests call it
 * and run the result through a simulated switch.
 *
 * <p>Per VIP, proactive or reactive ({@link #isReactive}):
 * <ul>
 *   <li><b>Proactive</b>: one SELECT group with a bucket per backend and the VIP flow pointing at
 *       it.</li>
 *   <li><b>Reactive</b>: the VIP flow sends new connections to the controller, which installs
 *       per-connection flows (they are not part of the plan). A VIP is reactive on a switch
 *       without groups, when the settings say so, for UDP on a switch whose groups keep no
 *       connections (their hash ignores UDP ports), or when it is frozen on a switch whose groups
 *       do not keep connections: its pool lost a member for new connections (drain, death,
 *       removal), and changing a plain SELECT group re-hashes existing connections, which would
 *       move them (the draining member's, and other members' too). Its group then stays
 *       installed unchanged: the reactive installer sends the packets of connections it has not
 *       seen start through it, so they keep the member the group gave them. It thaws (proactive
 *       again, the group brought up to date) once no such connection is left.</li>
 * </ul>
 * Then {@link VipPlanner reverse NAT}, {@link AddressPlanner address} and
 * {@link RouterPlanner router-pool} flows. A switch that is not {@link SwitchProfile#capable()}
 * gets an empty plan.
 *
 * <p>Thread safety: stateless.
 */
public final class Planner {

    private Planner() {
    }

    public static SwitchPlan plan(PlanInput in, SwitchProfile profile, SwitchPlan installed) {
        if (!profile.capable()) {
            return SwitchPlan.EMPTY;
        }
        Map<FlowSpec.Slot, FlowSpec> flows = new LinkedHashMap<>();
        List<GroupSpec> groups = new ArrayList<>();
        Map<IpAddress, List<Vip>> byAddress = new TreeMap<>();
        for (Vip vip : in.config().vips().values()) {
            byAddress.computeIfAbsent(vip.address(), a -> new ArrayList<>()).add(vip);
            int groupId = in.groupIds().getOrDefault(vip.id(), 0);
            boolean reactive = isReactive(vip, in, profile);
            FlowSpec vipFlow = VipPlanner.vipFlow(vip, reactive, groupId);
            if (vipFlow == null) {
                continue;
            }
            flows.putIfAbsent(vipFlow.slot(), vipFlow);
            FlowSpec synFlow = VipPlanner.newConnectionFlow(vip, reactive, profile);
            if (synFlow != null) {
                flows.putIfAbsent(synFlow.slot(), synFlow);
            }
            if (!reactive) {
                groups.add(group(groupId, VipPlanner.backends(vip, in, profile)));
            } else if (installed.group(groupId) != null && frozenGroupKept(vip, in, profile)) {
                groups.add(installed.group(groupId));
            }
        }
        for (Vip vip : in.config().vips().values()) {
            VipPlanner.reverseFlows(vip, in, profile, flows);
        }
        AddressPlanner.plan(byAddress, profile, flows);
        RouterPlanner.plan(in, profile, flows);
        return SwitchPlan.of(flows.values(), groups);
    }

    /**
     * True when the VIP's new connections go through the controller on this switch. UDP VIPs are
     * reactive on switches whose SELECT groups keep no connections (Open vSwitch): their group hash
     * leaves UDP ports out, so every flow of one client would land on the same member.
     */
    public static boolean isReactive(Vip vip, PlanInput in, SwitchProfile profile) {
        return !profile.groups() || in.settings().reactiveAll() || in.settings().reactiveVips().contains(vip.id())
                || (!profile.keepsConnections() && vip.protocol().equals(Protocol.UDP))
                || frozenGroupKept(vip, in, profile);
    }

    /** True when the switch keeps the VIP's group as installed, for connections that started through it. */
    public static boolean frozenGroupKept(Vip vip, PlanInput in, SwitchProfile profile) {
        return profile.groups() && !profile.keepsConnections()
                && in.frozenVips().getOrDefault(profile.dpid(), java.util.Set.of()).contains(vip.id());
    }

    /** The backends of a VIP from one switch (the reactive installer picks among them). */
    public static List<Backend> backends(Vip vip, PlanInput in, SwitchProfile profile) {
        return VipPlanner.backends(vip, in, profile);
    }

    private static GroupSpec group(int id, List<Backend> backends) {
        List<GroupSpec.Bucket> buckets = new ArrayList<>(backends.size());
        for (Backend b : backends) {
            buckets.add(b.bucket());
        }
        return new GroupSpec(id, buckets);
    }
}
