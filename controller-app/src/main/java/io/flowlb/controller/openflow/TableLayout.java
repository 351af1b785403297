package io.flowlb.controller.openflow;

import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.TableId;

/**
 * Which flow table each application uses. On an OpenFlow 1.3 switch with at least two tables:
 *
 * <ul>
 *   <li><b>table 0</b> (the {@linkplain #classifier classifier}): LLDP to the controller, the
 *       control VIP, the load balancer's flows (VIPs, reverse NAT, proxy ARP, per-connection
 *       flows), and a table-miss flow {@code goto_table:1};</li>
 *   <li><b>table 1</b> ({@linkplain #forwarding forwarding}): L2 forwarding's per-destination flows
 *       and the table-miss flow to the controller.</li>
 * </ul>
 *
 * A frame the load balancer rewrites and hands on ({@code goto_table:1}, as reverse NAT does) is
 * then delivered by L2 forwarding like any other. OpenFlow 1.0 switches (one table, no
 * {@code goto_table}) and 1.3 switches announcing a single table keep everything in table 0 and
 * get L2 forwarding only: the load balancer needs the split.
 *
 * <p>Thread safety: stateless.
 */
public final class TableLayout {
    /** The first table: control traffic, load-balancer flows, then on to {@link #FORWARDING}. */
    public static final TableId CLASSIFIER = TableId.of(0);
    /** The table of L2 forwarding when the switch has two tables. */
    public static final TableId FORWARDING = TableId.of(1);

    private TableLayout() {
    }

    /** True when the switch has the two-table layout (OpenFlow 1.3 or newer, two tables or more). */
    public static boolean isSplit(OfSwitch sw) {
        return isSplit(sw.version(), sw.nTables());
    }

    static boolean isSplit(OFVersion version, int nTables) {
        return version.compareTo(OFVersion.OF_13) >= 0 && nTables >= 2;
    }

    /** The table for the load balancer's and control flows: always table 0. */
    public static TableId classifier(OfSwitch sw) {
        return CLASSIFIER;
    }

    /** The table of L2 forwarding: 1 on a split switch, else 0. */
    public static TableId forwarding(OfSwitch sw) {
        return isSplit(sw) ? FORWARDING : CLASSIFIER;
    }
}
