package io.flowlb.controller.lb.reactive;

import io.flowlb.controller.lb.install.Backend;
import io.flowlb.controller.lb.install.FlowSpec;
import io.flowlb.controller.lb.install.LbAction;
import io.flowlb.controller.lb.install.LbCookie;
import io.flowlb.controller.lb.install.LbMatch;
import io.flowlb.controller.lb.install.LbPriority;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.packet.FlowKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The flows of one reactively balanced connection, as plain data (a pure function of the
 * connection's key, its VIP and its backend):
 *
 * <ul>
 *   <li><b>forward</b>: the exact client-to-VIP tuple (sent to the VIP's virtual MAC) gets the
 *       backend's rewrite and output actions;</li>
 *   <li><b>reverse</b> (NAT): the exact member-to-client tuple gets the VIP as source (address,
 *       port, virtual MAC) and goes on to L2 forwarding; unlike the static reverse flows these are
 *       right even when a member serves several VIPs;</li>
 *   <li><b>adoption</b>: a connection that started before its VIP turned reactive goes through
 *       the VIP's frozen group, which picks the member it had.</li>
 * </ul>
 * All carry the connection idle timeout, so the switch forgets them with the connection; forward
 * and reverse flows carry the member's cookie, so a removed member's connections can be deleted.
 *
 * <p>Thread safety: stateless.
 */
final class ConnectionFlows {

    private ConnectionFlows() {
    }

    /** The exact match of the client-to-VIP direction of {@code key}. */
    static LbMatch forwardMatch(Vip vip, FlowKey key) {
        return LbMatch.ipTo(vip.address()).ethDst(vip.effectiveMac()).ipProto(key.protocol)
                .ipSrc(new IpAddress(key.srcHi, key.srcLo)).tpSrc(key.srcPort).tpDst(key.dstPort);
    }

    static FlowSpec forward(Vip vip, FlowKey key, Backend b, int idleSeconds) {
        return new FlowSpec(0, LbPriority.CONNECTION, forwardMatch(vip, key), b.actions(),
                cookie(b.member()), idleSeconds);
    }

    /** The reverse flow of a NAT connection, or null for DSR. */
    static FlowSpec reverse(Vip vip, FlowKey key, Backend b, int forwardingTable, int idleSeconds) {
        if (vip.mode() != ForwardingMode.NAT) {
            return null;
        }
        Member m = b.member();
        int memberPort = key.dstPort;
        for (LbAction a : b.actions()) {
            if (a instanceof LbAction.SetTpDst p) {
                memberPort = p.port();
            }
        }
        LbMatch match = LbMatch.ipFrom(m.address()).ipProto(key.protocol).ipDst(new IpAddress(key.srcHi, key.srcLo))
                .tpSrc(memberPort).tpDst(key.srcPort);
        List<LbAction> actions = new ArrayList<>(5);
        actions.add(new LbAction.SetIpSrc(vip.address()));
        if (memberPort != key.dstPort) {
            actions.add(new LbAction.SetTpSrc(key.protocol, key.dstPort));
        }
        actions.add(new LbAction.SetEthSrc(vip.effectiveMac()));
        actions.add(new LbAction.GotoTable(forwardingTable));
        return new FlowSpec(0, LbPriority.CONNECTION, match, actions, cookie(m), idleSeconds);
    }

    static FlowSpec adoption(Vip vip, FlowKey key, int groupId, int idleSeconds) {
        return new FlowSpec(0, LbPriority.CONNECTION, forwardMatch(vip, key), List.of(new LbAction.Group(groupId)),
                LbCookie.of(LbCookie.Kind.ADOPTION, vip.id().value()), idleSeconds);
    }

    /** The cookie of every per-connection flow of one member. */
    static long cookie(Member m) {
        return LbCookie.of(LbCookie.Kind.CONNECTION, m.id().value());
    }
}
