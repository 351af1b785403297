package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.topology.Link;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flows and the group of one VIP on one switch.
 *
 * <ul>
 *   <li><b>Backends</b>: every member of the VIP's pool whose weight entry says alive and whose
 *       place is known, with the actions that reach it: DSR sets the destination MAC only; NAT
 *       also the destination address and, when the member listens on another port, the
 *       destination port. Then out of the member's port if it is attached to this switch, else
 *       out of the first hop of the shortest path towards its switch (an OpenFlow group cannot
 *       continue in another table, so the bucket forwards itself); a member with no path from
 *       here gets no bucket. A draining member keeps its bucket with weight 0.</li>
 *   <li><b>VIP flow</b>: IP to the VIP's address, protocol and port, sent to the VIP's virtual
 *       MAC (so a frame already rewritten towards a member, which keeps the VIP address in DSR,
 *       is not balanced again on the next switch), pointing at the group (proactive) or the
 *       controller (reactive). A VIP in maintenance or without a pool has none: its traffic falls
 *       through to the refusal flows.</li>
 *   <li><b>Reverse NAT</b>: for a NAT VIP, every member's replies (its address, the protocol,
 *       its service port as the source port) get the VIP's address, port and virtual MAC as
 *       source, then go on to L2 forwarding.</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
final class VipPlanner {

    private VipPlanner() {
    }

    /** The backends of a VIP as reached from the switch of {@code profile}, in member id order. */
    static List<Backend> backends(Vip vip, PlanInput in, SwitchProfile profile) {
        if (vip.poolId() == null) {
            return List.of();
        }
        PoolWeights weights = in.weights().get(vip.poolId());
        List<Backend> out = new ArrayList<>();
        for (Member m : in.config().membersOf(vip.poolId())) {
            MemberWeight w = weights == null ? null : weights.get(m.id());
            MemberPlace place = in.places().get(m.id());
            if (w == null || !w.alive() || place == null) {
                continue;
            }
            PortNo port = outPort(place, in, profile);
            if (port == null) {
                continue;
            }
            if (vip.adminState() == AdminState.DRAIN && w.acceptsNew()) {
                w = MemberWeight.closed(w.memberId(), w.baseWeight(), true);
            }
            List<LbAction> actions = new ArrayList<>(rewrite(vip, m, place));
            actions.add(new LbAction.Output(port));
            out.add(new Backend(m, w, actions, port));
        }
        return out;
    }

    /** The header rewrites that take a client's packet for {@code vip} to member {@code m}. */
    static List<LbAction> rewrite(Vip vip, Member m, MemberPlace place) {
        List<LbAction> out = new ArrayList<>(3);
        out.add(new LbAction.SetEthDst(place.mac()));
        if (vip.mode() == ForwardingMode.NAT) {
            out.add(new LbAction.SetIpDst(m.address()));
            int target = targetPort(vip, m);
            if (target != 0 && target != vip.port()) {
                out.add(new LbAction.SetTpDst(vip.protocol().number(), target));
            }
        }
        return out;
    }

    /**
     * The port a member serves a VIP on, 0 for "the client's port". A VIP on every port keeps the
     * client's port whatever the member says: its replies could not be mapped back without
     * per-connection state.
     */
    static int targetPort(Vip vip, Member m) {
        if (!vip.protocol().hasPorts() || vip.allPorts()) {
            return 0;
        }
        return m.targetPort(vip.port());
    }

    private static PortNo outPort(MemberPlace place, PlanInput in, SwitchProfile profile) {
        if (place.at().dpid().equals(profile.dpid())) {
            return place.at().port();
        }
        List<Link> path = in.topology().path(profile.dpid(), place.at().dpid());
        return path == null || path.isEmpty() ? null : path.get(0).src().port();
    }

    static int priority(Vip vip) {
        if (vip.protocol().isAny()) {
            return LbPriority.VIP_ANY_PROTOCOL;
        }
        return vip.allPorts() ? LbPriority.VIP_ALL_PORTS : LbPriority.VIP_PORT;
    }

    /** The match of a VIP's flow: its service, sent to its virtual MAC. */
    static LbMatch match(Vip vip) {
        return LbMatch.ipTo(vip.address()).ethDst(vip.effectiveMac()).ipProto(vip.protocol().number())
                .tpDst(vip.port());
    }

    /** The VIP flow, or null when the VIP takes no traffic (maintenance, no pool). */
    static FlowSpec vipFlow(Vip vip, boolean reactive, int groupId) {
        if (vip.adminState() == AdminState.MAINT || vip.poolId() == null) {
            return null;
        }
        LbAction target = reactive ? new LbAction.ToController() : new LbAction.Group(groupId);
        return FlowSpec.of(priority(vip), match(vip), List.of(target), LbCookie.of(LbCookie.Kind.VIP, vip.id().value()));
    }

    /**
     * The flow that sends a reactive TCP VIP's pure SYNs to the controller above the per-connection
     * flows, on switches that match TCP flags: a client reusing the tuple of an earlier connection
     * opens a new one, which the current weights place, not the flow pinning the old one. Null
     * when the VIP or the switch does not need it.
     */
    static FlowSpec newConnectionFlow(Vip vip, boolean reactive, SwitchProfile profile) {
        if (!reactive || !profile.tcpFlags() || !vip.protocol().equals(Protocol.TCP)
                || vip.adminState() == AdminState.MAINT || vip.poolId() == null) {
            return null;
        }
        return FlowSpec.of(LbPriority.NEW_CONNECTION, match(vip).openingSyn(), List.of(new LbAction.ToController()),
                LbCookie.of(LbCookie.Kind.VIP, vip.id().value()));
    }

    /**
     * The reverse NAT flows of a NAT VIP, added to {@code out} unless a flow for the same reply
     * tuple is there already (two VIPs sharing a member address and port: the first, by VIP id,
     * wins; the reactive installer's per-connection flows get such replies right).
     */
    static void reverseFlows(Vip vip, PlanInput in, SwitchProfile profile, Map<FlowSpec.Slot, FlowSpec> out) {
        if (vip.mode() != ForwardingMode.NAT || vip.poolId() == null) {
            return;
        }
        int proto = vip.protocol().number();
        for (Member m : in.config().membersOf(vip.poolId())) {
            if (!m.address().sameFamily(vip.address())) {
                continue;
            }
            int target = targetPort(vip, m);
            LbMatch match = LbMatch.ipFrom(m.address()).ipProto(proto).tpSrc(target);
            List<LbAction> actions = new ArrayList<>(5);
            actions.add(new LbAction.SetIpSrc(vip.address()));
            if (target != 0 && target != vip.port()) {
                actions.add(new LbAction.SetTpSrc(proto, vip.port()));
            }
            actions.add(new LbAction.SetEthSrc(vip.effectiveMac()));
            actions.add(new LbAction.GotoTable(profile.forwardingTable()));
            FlowSpec f = FlowSpec.of(LbPriority.REVERSE_NAT, match, actions,
                    LbCookie.of(LbCookie.Kind.REVERSE_NAT, vip.id().value()));
            out.putIfAbsent(f.slot(), f);
        }
    }
}
