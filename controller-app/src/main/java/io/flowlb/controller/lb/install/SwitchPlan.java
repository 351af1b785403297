package io.flowlb.controller.lb.install;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load balancer's state on one switch, as plain data: its flows by slot and its groups by
 * id. The planner computes the desired plan; the installer keeps the plan it last sent and sends
 * only the {@link PlanDiff difference}.
 *
 * <p>Thread safety: immutable.
 */
public record SwitchPlan(Map<FlowSpec.Slot, FlowSpec> flows, Map<Integer, GroupSpec> groups) {
    public static final SwitchPlan EMPTY = new SwitchPlan(Map.of(), Map.of());

    public SwitchPlan {
        flows = Collections.unmodifiableMap(new LinkedHashMap<>(flows));
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
    }

    /** A plan from flows and groups; a second flow for a slot replaces the first. */
    public static SwitchPlan of(Collection<FlowSpec> flows, Collection<GroupSpec> groups) {
        Map<FlowSpec.Slot, FlowSpec> f = new LinkedHashMap<>();
        for (FlowSpec s : flows) {
            f.put(s.slot(), s);
        }
        Map<Integer, GroupSpec> g = new TreeMap<>();
        for (GroupSpec s : groups) {
            g.put(s.groupId(), s);
        }
        return new SwitchPlan(f, g);
    }

    public GroupSpec group(int id) {
        return groups.get(id);
    }
}
