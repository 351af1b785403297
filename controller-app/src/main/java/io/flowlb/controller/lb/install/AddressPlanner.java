package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.PortNo;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flows that belong to a VIP address rather than to one VIP:
 *
 * <ul>
 *   <li><b>Proxy ARP / ND</b>: ARP requests and neighbor solicitations for the address are
 *       answered with the virtual MAC of the address's first VIP (by id): by the switch itself
 *       through {@code app-arp} (the flow writes the answer's MAC into the Ethernet source,
 *       which is where the application reads it), else by the controller.</li>
 *   <li><b>DSR guard</b>: when a DSR VIP uses the address, every server holds it on loopback;
 *       ARP from anyone claiming it (a server's reply or gratuitous ARP) is dropped, and so are
 *       neighbor advertisements for it, so clients only ever learn the virtual MAC.</li>
 *   <li><b>Echo</b>: pings to the address are answered ({@code app-icmp}, else the controller)
 *       unless an ICMP (or any-protocol) VIP balances them.</li>
 *   <li><b>Refusal</b>: anything else sent to the address and a virtual MAC of it is an invalid
 *       service entry: TCP gets a reset ({@code app-rst}, else the controller), the rest is
 *       dropped.</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
final class AddressPlanner {

    private AddressPlanner() {
    }

    /** The address flows of every VIP address, added to {@code out}. */
    static void plan(Map<IpAddress, List<Vip>> byAddress, SwitchProfile profile, Map<FlowSpec.Slot, FlowSpec> out) {
        for (Map.Entry<IpAddress, List<Vip>> e : byAddress.entrySet()) {
            IpAddress a = e.getKey();
            List<Vip> vips = e.getValue();
            String key = a.toString();
            answer(a, vips.get(0).effectiveMac(), key, profile, out);
            boolean dsr = false;
            boolean icmpBalanced = false;
            Set<MacAddress> macs = new TreeSet<>();
            for (Vip v : vips) {
                dsr |= v.mode() == ForwardingMode.DSR;
                icmpBalanced |= v.protocol().isAny() || v.protocol().equals(a.isV4() ? Protocol.ICMP : Protocol.ICMPV6);
                macs.add(v.effectiveMac());
            }
            if (dsr) {
                guard(a, key, out);
            }
            for (MacAddress mac : macs) {
                if (!icmpBalanced) {
                    put(out, LbPriority.ECHO, LbMatch.ipTo(a).ethDst(mac)
                            .icmpType(a.isV4() ? LbMatch.ICMP_ECHO_REQUEST : LbMatch.ICMPV6_ECHO_REQUEST),
                            appOrController(profile.icmpApp(), profile), LbCookie.Kind.ECHO, key);
                }
                put(out, LbPriority.REFUSE, LbMatch.ipTo(a).ethDst(mac).ipProto(LbMatch.PROTO_TCP),
                        appOrController(profile.rstApp(), profile), LbCookie.Kind.REFUSE, key);
                put(out, LbPriority.REFUSE_OTHER, LbMatch.ipTo(a).ethDst(mac), List.of(), LbCookie.Kind.REFUSE, key);
            }
        }
    }

    private static void answer(IpAddress a, MacAddress mac, String key, SwitchProfile profile,
                               Map<FlowSpec.Slot, FlowSpec> out) {
        List<LbAction> actions = profile.arpApp() != null
                ? List.of(new LbAction.SetEthSrc(mac), new LbAction.Output(profile.arpApp()))
                : List.of(new LbAction.ToController());
        put(out, LbPriority.ARP_ANSWER, solicitation(a), actions, LbCookie.Kind.VIP_ARP, key);
    }

    /** ARP requests for an IPv4 address; neighbor solicitations for an IPv6 one. */
    static LbMatch solicitation(IpAddress a) {
        if (a.isV4()) {
            return LbMatch.arp().arpOp(LbMatch.ARP_REQUEST).arpTpa(a);
        }
        return LbMatch.ethType(LbMatch.ETH_IPV6).icmpType(LbMatch.ND_SOLICITATION).ndTarget(a);
    }

    private static void guard(IpAddress a, String key, Map<FlowSpec.Slot, FlowSpec> out) {
        LbMatch m = a.isV4() ? LbMatch.arp().arpSpa(a)
                : LbMatch.ethType(LbMatch.ETH_IPV6).icmpType(LbMatch.ND_ADVERTISEMENT).ndTarget(a);
        put(out, LbPriority.ARP_GUARD, m, List.of(), LbCookie.Kind.ARP_GUARD, key);
    }

    private static List<LbAction> appOrController(PortNo app, SwitchProfile profile) {
        return app != null ? List.of(new LbAction.Output(app)) : List.of(new LbAction.ToController());
    }

    private static void put(Map<FlowSpec.Slot, FlowSpec> out, int priority, LbMatch m, List<LbAction> actions,
                            LbCookie.Kind kind, String key) {
        FlowSpec f = FlowSpec.of(priority, m, new ArrayList<>(actions), LbCookie.of(kind, key));
        out.putIfAbsent(f.slot(), f);
    }
}
