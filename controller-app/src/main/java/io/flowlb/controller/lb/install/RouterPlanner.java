package io.flowlb.controller.lb.install;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.RouterPool;
import java.util.List;
import java.util.Map;

/**
 * The flows of router pools (WO 99/33227, outbound balancing): servers' ARP requests for a
 * pool's gateway address go to the controller, which picks a router for the asking server; on a
 * switch with {@code app-arp}, each server that was given a router then gets its own responder
 * flow ({@code arp_spa=SERVER,arp_tpa=GATEWAY}: answer with that router's MAC), so the switch
 * answers its later requests itself. IPv6 gateways are not handled (their pools get no flow).
 *
 * <p>Thread safety: stateless.
 */
final class RouterPlanner {

    private RouterPlanner() {
    }

    static void plan(PlanInput in, SwitchProfile profile, Map<FlowSpec.Slot, FlowSpec> out) {
        for (RouterPool pool : in.config().routerPools().values()) {
            IpAddress gw = pool.gatewayAddress();
            if (!gw.isV4()) {
                continue;
            }
            String key = pool.id().value();
            long cookie = LbCookie.of(LbCookie.Kind.GATEWAY_ARP, key);
            LbMatch ask = LbMatch.arp().arpOp(LbMatch.ARP_REQUEST).arpTpa(gw);
            put(out, FlowSpec.of(LbPriority.GATEWAY_ARP, ask, List.of(new LbAction.ToController()), cookie));
            if (profile.arpApp() == null) {
                continue;
            }
            Map<IpAddress, MacAddress> answers = in.routerAnswers().getOrDefault(pool.id(), Map.of());
            for (Map.Entry<IpAddress, MacAddress> a : answers.entrySet()) {
                if (!a.getKey().isV4()) {
                    continue;
                }
                put(out, FlowSpec.of(LbPriority.ARP_ANSWER, ask.arpSpa(a.getKey()),
                        List.of(new LbAction.SetEthSrc(a.getValue()), new LbAction.Output(profile.arpApp())), cookie));
            }
        }
    }

    private static void put(Map<FlowSpec.Slot, FlowSpec> out, FlowSpec f) {
        out.putIfAbsent(f.slot(), f);
    }
}
