package io.flowlb.controller.packet;

/**
 * The priority bands packet processors register in. Higher priorities run first (as in a flow
 * table); within one priority, processors run in the order they were added.
 *
 * <ul>
 *   <li><b>ADVISOR</b> [{@value #ADVISOR}, {@value #ADVISOR} + {@value #BAND_WIDTH}): runs first.
 *       Learns from packets and may consume control traffic (LLDP, ARP for a VIP). Skipped once
 *       the packet is handled.</li>
 *   <li><b>DIRECTOR</b> [{@value #DIRECTOR}, ...): decides where a packet goes and sends it
 *       (load balancer, then L2 forwarding). Skipped once the packet is handled.</li>
 *   <li><b>OBSERVER</b> [{@value #OBSERVER}, ...): sees every packet, handled or not, after the
 *       others (metrics, capture). Must not send or block the packet.</li>
 * </ul>
 *
 * <p>The named slots place the controller's own applications. The LB application's processors
 * go to {@link #LB_ADVISOR} (proxy ARP for VIPs, suppressing servers' own ARP for DSR VIPs, so
 * host learning never sees those) and {@link #LOAD_BALANCER} (VIP traffic), both before L2
 * forwarding.
 *
 * <p>Thread safety: constants only.
 */
public final class PacketPriority {
    public static final int BAND_WIDTH = 1_000_000;
    public static final int OBSERVER = 0;
    public static final int DIRECTOR = 1_000_000;
    public static final int ADVISOR = 2_000_000;

    /** LLDP frames are consumed by link discovery before anything else sees them. */
    public static final int LINK_DISCOVERY = ADVISOR + 900_000;
    /** LB control traffic: ARP for VIPs and router pools, answered and consumed here. */
    public static final int LB_ADVISOR = ADVISOR + 600_000;
    /** Host learning: sees every packet that is not control traffic; never handles. */
    public static final int HOST_LEARNING = ADVISOR + 300_000;
    /** Traffic for the controller's own VIP (the pseudo-interface). */
    public static final int CONTROL_VIP = DIRECTOR + 900_000;
    /** VIP traffic of the load balancer (reactive installer, health-check replies). */
    public static final int LOAD_BALANCER = DIRECTOR + 600_000;
    /** L2 forwarding: everything nobody else took. */
    public static final int L2_FORWARDING = DIRECTOR + 100_000;
    /** Counters and other read-only observers. */
    public static final int METRICS = OBSERVER + 500_000;

    private PacketPriority() {
    }

    /** Whether a processor of this priority runs on packets already handled. */
    public static boolean isObserver(int priority) {
        return priority < DIRECTOR;
    }

    /** The band's name, for logs and the REST listing. */
    public static String bandOf(int priority) {
        if (priority >= ADVISOR) {
            return "advisor";
        }
        return priority >= DIRECTOR ? "director" : "observer";
    }
}
