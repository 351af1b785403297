package io.flowlb.controller.openflow;

/**
 * Flow-table priorities of the controller's applications, in one place so their flows never
 * shadow each other by accident. Higher wins.
 *
 * <ul>
 *   <li>{@link #CONTROL} (40000): traffic the controller itself must see whatever else is
 *       installed: LLDP to the controller, the control VIP.</li>
 *   <li>{@link #LB_HIGH}..{@link #LB_LOW} (30000..20000): the load-balancer application's VIP
 *       flows, reverse NAT flows and per-connection flows; it orders them inside this range.</li>
 *   <li>{@link #L2_FORWARDING} (1000): per-destination MAC flows of L2 forwarding.</li>
 *   <li>{@link #TABLE_MISS} (0): everything else goes to the controller (OpenFlow 1.3).</li>
 * </ul>
 *
 * <p>Thread safety: constants only.
 */
public final class FlowPriority {
    public static final int CONTROL = 40000;
    public static final int LB_HIGH = 30000;
    public static final int LB_LOW = 20000;
    public static final int L2_FORWARDING = 1000;
    public static final int TABLE_MISS = 0;

    private FlowPriority() {
    }
}
