package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.FlowPriority;

/**
 * The order of the load balancer's flows inside its range of table 0
 * ({@link FlowPriority#LB_LOW}..{@link FlowPriority#LB_HIGH}); higher wins.
 *
 * <ol>
 *   <li>{@link #ARP_GUARD}: servers' ARP claiming a DSR VIP is dropped before anything answers it.</li>
 *   <li>{@link #ARP_ANSWER}: ARP and neighbor solicitations for VIPs, and servers' ARP for a
 *       router pool's gateway (per server), answered by the switch or the controller;
 *       {@link #GATEWAY_ARP}: a gateway ARP from a server the switch has no answer for yet.</li>
 *   <li>{@link #CONNECTION}: per-connection flows of the reactive installer, ahead of the VIP flow
 *       they refine.</li>
 *   <li>{@link #REVERSE_NAT}: a NAT member's replies get the VIP as their source.</li>
 *   <li>{@link #VIP_PORT} &gt; {@link #VIP_ALL_PORTS} &gt; {@link #VIP_ANY_PROTOCOL}: the more
 *       specific VIP wins on a shared address.</li>
 *   <li>{@link #ECHO}: ping to a VIP address that no ICMP VIP balances is answered.</li>
 *   <li>{@link #REFUSE}, {@link #REFUSE_OTHER}: anything else sent to a VIP's virtual MAC and
 *       address is an invalid service entry: TCP reset, UDP and the rest dropped.</li>
 * </ol>
 *
 * <p>Thread safety: constants only.
 */
public final class LbPriority {
    public static final int ARP_GUARD = FlowPriority.LB_HIGH - 200;
    public static final int ARP_ANSWER = FlowPriority.LB_HIGH - 500;
    public static final int GATEWAY_ARP = FlowPriority.LB_HIGH - 600;
    /** A reactive TCP VIP's opening segments, above the connection flows a reused tuple may still match. */
    public static final int NEW_CONNECTION = FlowPriority.LB_HIGH - 1900;
    public static final int CONNECTION = FlowPriority.LB_HIGH - 2000;
    public static final int REVERSE_NAT = FlowPriority.LB_HIGH - 3000;
    public static final int VIP_PORT = FlowPriority.LB_HIGH - 3700;
    public static final int VIP_ALL_PORTS = FlowPriority.LB_HIGH - 3800;
    public static final int VIP_ANY_PROTOCOL = FlowPriority.LB_HIGH - 3900;
    public static final int ECHO = FlowPriority.LB_HIGH - 5000;
    public static final int REFUSE = FlowPriority.LB_HIGH - 6000;
    public static final int REFUSE_OTHER = FlowPriority.LB_HIGH - 7000;

    private LbPriority() {
    }
}
