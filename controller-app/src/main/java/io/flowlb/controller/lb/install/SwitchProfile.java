package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.TableLayout;

/**
 * What the load balancer can do on one switch.
 *
 * @param dpid the switch
 * @param capable OpenFlow 1.3 with the two-table layout: the load balancer installs nothing on
 *                other switches (they get L2 forwarding only)
 * @param groups SELECT groups available (the proactive installer); without them every VIP is
 *               reactive
 * @param keepsConnections the switch's SELECT groups keep each connection on its bucket across
 *                         weight changes (flow-switch's connection table); on other switches a
 *                         VIP whose pool loses a member turns reactive for a while, so no
 *                         connection moves
 * @param tcpFlags the switch matches TCP flags in OpenFlow 1.3 (Open vSwitch's {@code tcp_flags}
 *                 extension): a reactive TCP VIP's pure SYNs then reach the controller even on
 *                 a tuple a connection flow still pins
 * @param lazyCache the switch's datapath keeps caching a replaced flow's old actions for a few
 *                  milliseconds after it confirmed the change (Open vSwitch revalidates its
 *                  megaflows in the background, after the barrier reply): a packet that must
 *                  follow the new actions at once waits a settle time before it is sent
 * @param arpApp the in-switch ARP/ND responder's logical port ({@code app-arp}), or null
 * @param icmpApp the in-switch echo responder's port ({@code app-icmp}), or null
 * @param rstApp the in-switch TCP reset port ({@code app-rst}), or null
 *
 * <p>Thread safety: immutable.
 */
public record SwitchProfile(Dpid dpid, boolean capable, boolean groups, boolean keepsConnections, boolean tcpFlags,
                            boolean lazyCache, PortNo arpApp,
                            PortNo icmpApp, PortNo rstApp) {
    public static final String APP_ARP = "app-arp";
    public static final String APP_ICMP = "app-icmp";
    public static final String APP_RST = "app-rst";

    /**
     * The profile of a connected switch: capabilities from its version and tables, applications
     * from the logical ports its PORT_DESC names.
     */
    public static SwitchProfile of(OfSwitch sw, boolean keepsConnections, boolean tcpFlags, boolean lazyCache) {
        PortNo arp = null;
        PortNo icmp = null;
        PortNo rst = null;
        for (PortDesc p : sw.portList()) {
            switch (p.name()) {
                case APP_ARP -> arp = p.number();
                case APP_ICMP -> icmp = p.number();
                case APP_RST -> rst = p.number();
                default -> {
                }
            }
        }
        return new SwitchProfile(sw.dpid(), TableLayout.isSplit(sw), sw.supportsGroups(), keepsConnections, tcpFlags,
                lazyCache, arp, icmp, rst);
    }

    /** The forwarding table's number (where reverse NAT hands replies to L2 forwarding). */
    public int forwardingTable() {
        return TableLayout.FORWARDING.getValue();
    }
}
