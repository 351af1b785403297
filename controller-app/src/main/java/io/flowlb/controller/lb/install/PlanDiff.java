package io.flowlb.controller.lb.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What turns the installed plan of a switch into the desired one: groups to add, modify and
 * delete, flows to add (or replace) and delete. Applied in the order that never leaves a flow
 * pointing at a missing group: group adds and modifies, flow adds, flow deletes, group deletes.
 * A flow whose actions or timeout changed is re-added (OpenFlow replaces a flow with the same
 * slot); a group whose buckets changed is modified, which on a switch with a connection table
 * keeps existing connections where they are.
 *
 * <p>Thread safety: immutable.
 */
public record PlanDiff(List<GroupSpec> groupAdds, List<GroupSpec> groupModifies, List<FlowSpec> flowAdds,
                       List<FlowSpec> flowDeletes, List<GroupSpec> groupDeletes) {

    public PlanDiff {
        groupAdds = List.copyOf(groupAdds);
        groupModifies = List.copyOf(groupModifies);
        flowAdds = List.copyOf(flowAdds);
        flowDeletes = List.copyOf(flowDeletes);
        groupDeletes = List.copyOf(groupDeletes);
    }

    public static PlanDiff between(SwitchPlan installed, SwitchPlan desired) {
        List<GroupSpec> gAdd = new ArrayList<>();
        List<GroupSpec> gMod = new ArrayList<>();
        List<GroupSpec> gDel = new ArrayList<>();
        for (GroupSpec g : desired.groups().values()) {
            GroupSpec old = installed.group(g.groupId());
            if (old == null) {
                gAdd.add(g);
            } else if (!old.equals(g)) {
                gMod.add(g);
            }
        }
        for (GroupSpec g : installed.groups().values()) {
            if (desired.group(g.groupId()) == null) {
                gDel.add(g);
            }
        }
        List<FlowSpec> fAdd = new ArrayList<>();
        List<FlowSpec> fDel = new ArrayList<>();
        for (Map.Entry<FlowSpec.Slot, FlowSpec> e : desired.flows().entrySet()) {
            if (!e.getValue().equals(installed.flows().get(e.getKey()))) {
                fAdd.add(e.getValue());
            }
        }
        for (Map.Entry<FlowSpec.Slot, FlowSpec> e : installed.flows().entrySet()) {
            if (!desired.flows().containsKey(e.getKey())) {
                fDel.add(e.getValue());
            }
        }
        return new PlanDiff(gAdd, gMod, fAdd, fDel, gDel);
    }

    /** A whole plan sent to a switch that holds none of it. */
    public static PlanDiff install(SwitchPlan plan) {
        return between(SwitchPlan.EMPTY, plan);
    }

    public boolean isEmpty() {
        return groupAdds.isEmpty() && groupModifies.isEmpty() && flowAdds.isEmpty() && flowDeletes.isEmpty()
                && groupDeletes.isEmpty();
    }

    public int size() {
        return groupAdds.size() + groupModifies.size() + flowAdds.size() + flowDeletes.size() + groupDeletes.size();
    }

    @Override
    public String toString() {
        return "groups +" + groupAdds.size() + " ~" + groupModifies.size() + " -" + groupDeletes.size() + ", flows +"
                + flowAdds.size() + " -" + flowDeletes.size();
    }
}
