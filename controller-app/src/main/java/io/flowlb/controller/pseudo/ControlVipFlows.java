package io.flowlb.controller.pseudo;

import io.flowlb.controller.openflow.AppCookie;
import io.flowlb.controller.openflow.FlowPriority;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.packet.OfPackets;
import io.flowlb.controller.packet.Ndp;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.U8;

/**
 * The flows that send the control VIP's traffic to the controller, in table 0 at
 * {@link FlowPriority#CONTROL} (above the load balancer and L2 forwarding, so nothing else can
 * forward or flood it), whole packets ({@code max_len} 65535):
 *
 * <ol>
 *   <li>{@code ip, nw_dst=VIP -> CONTROLLER}</li>
 *   <li>{@code arp, arp_tpa=VIP -> CONTROLLER} (hosts' requests, replies to the host's own)</li>
 *   <li>{@code dl_dst=TAP_MAC -> CONTROLLER}</li>
 *   <li>with an IPv6 VIP: {@code ipv6, ipv6_dst=VIP6 -> CONTROLLER} and
 *       {@code icmp6, icmpv6_type=135, nd_target=VIP6 -> CONTROLLER}</li>
 * </ol>
 *
 * <p>Only on OpenFlow 1.2 and later (OXM matches). On OpenFlow 1.0 a table miss goes to the
 * controller anyway and the TAP's MAC is never learned as a host, so every frame for the control
 * VIP still arrives as a PACKET_IN; no flows are needed.
 *
 * <p>Cookies carry the application id {@link #APP_ID} so the flows can be deleted together.
 *
 * <p>Thread safety: stateless.
 */
final class ControlVipFlows {
    /** The cookie application id of the pseudo-interface's flows ("PI"). */
    static final int APP_ID = 0x5049;

    private ControlVipFlows() {
    }

    /** True when a switch takes these flows (OpenFlow 1.2+). */
    static boolean supported(OfSwitch sw) {
        return sw.version().compareTo(OFVersion.OF_12) >= 0;
    }

    /** The flows for one switch (empty before OpenFlow 1.2). */
    static List<OFFlowMod> install(OfSwitch sw, PseudoConfig config) {
        if (!supported(sw)) {
            return List.of();
        }
        OFFactory f = sw.factory();
        List<OFFlowMod> out = new ArrayList<>();
        IPv4Address vip = IPv4Address.of(config.controlVip().address().v4());
        out.add(flow(f, 1, f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IPV4_DST, vip).build()));
        out.add(flow(f, 2, f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.ARP)
                .setExact(MatchField.ARP_TPA, vip).build()));
        out.add(flow(f, 3, f.buildMatch().setExact(MatchField.ETH_DST,
                MacAddress.of(config.effectiveMac().value())).build()));
        if (config.controlVip6() != null) {
            IPv6Address vip6 = IPv6Address.of(config.controlVip6().address().toBytes());
            out.add(flow(f, 4, f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv6)
                    .setExact(MatchField.IPV6_DST, vip6).build()));
            out.add(flow(f, 5, f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv6)
                    .setExact(MatchField.IP_PROTO, IpProtocol.IPv6_ICMP)
                    .setExact(MatchField.ICMPV6_TYPE, U8.of((short) Ndp.NEIGHBOR_SOLICITATION))
                    .setExact(MatchField.IPV6_ND_TARGET, vip6).build()));
        }
        return out;
    }

    private static OFFlowMod flow(OFFactory f, long id, Match match) {
        return f.buildFlowAdd()
                .setTableId(TableId.of(0))
                .setPriority(FlowPriority.CONTROL)
                .setCookie(AppCookie.of(APP_ID, id))
                .setMatch(match)
                .setActions(List.of(OfPackets.output(f, PortNo.CONTROLLER)))
                .build();
    }

    /** Deletes every pseudo-interface flow of a switch (by cookie). */
    static List<OFFlowMod> remove(OfSwitch sw) {
        if (!supported(sw)) {
            return List.of();
        }
        OFFactory f = sw.factory();
        return List.of(f.buildFlowDelete()
                .setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .setCookie(AppCookie.app(APP_ID))
                .setCookieMask(U64.of(AppCookie.APP_MASK))
                .setMatch(f.matchWildcardAll())
                .build());
    }
}
