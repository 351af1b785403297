package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.FlowRemoved;
import io.flowlb.flowswitch.datapath.spec.PacketIn;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortStatusReason;

/**
 * What the datapath reports to the OpenFlow agent. Called on the thread that calls
 * {@link DatapathControl#doWork(long)} or the control operation that caused the event (never
 * on a poller).
 */
public interface DatapathListener {

    /** A frame for the controller (table-miss or output:CONTROLLER). */
    default void onPacketIn(PacketIn packetIn) {
    }

    /** A flow installed with SEND_FLOW_REM left its table. */
    default void onFlowRemoved(FlowRemoved removed) {
    }

    /** A port was added, removed, or changed state (link up/down, config). */
    default void onPortStatus(PortStatusReason reason, PortDesc port) {
    }

    /** The listener that ignores everything. */
    DatapathListener NONE = new DatapathListener() {
    };
}
