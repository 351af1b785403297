package io.flowlb.flowswitch.ofagent;

import org.projectfloodlight.openflow.protocol.OFAsyncGetReply;
import org.projectfloodlight.openflow.protocol.OFAsyncSet;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactory;

/**
 * The asynchronous-message filter of one session (OpenFlow 1.3 SET_ASYNC): for each message
 * kind a bit mask of reasons, one for the master/equal roles and one for the slave role. The
 * defaults are Open vSwitch's: masters and equals get table-miss and action packet-ins, every
 * port status and every flow removal; slaves get port status only.
 *
 * <p>Thread safety: agent thread only.
 */
public final class AsyncConfig {
    /** Index of the master/equal masks. */
    private static final int MASTER = 0;
    /** Index of the slave masks. */
    private static final int SLAVE = 1;

    private final long[] packetIn = {0b011, 0};
    private final long[] portStatus = {0b111, 0b111};
    private final long[] flowRemoved = {0b1111, 0};

    /** Takes the masks of a SET_ASYNC. */
    void set(OFAsyncSet m) {
        packetIn[MASTER] = m.getPacketInMaskEqualMaster();
        packetIn[SLAVE] = m.getPacketInMaskSlave();
        portStatus[MASTER] = m.getPortStatusMaskEqualMaster();
        portStatus[SLAVE] = m.getPortStatusMaskSlave();
        flowRemoved[MASTER] = m.getFlowRemovedMaskEqualMaster();
        flowRemoved[SLAVE] = m.getFlowRemovedMaskSlave();
    }

    /** The GET_ASYNC reply describing these masks. */
    OFAsyncGetReply reply(OFFactory f, long xid) {
        return f.buildAsyncGetReply().setXid(xid)
                .setPacketInMaskEqualMaster(packetIn[MASTER])
                .setPacketInMaskSlave(packetIn[SLAVE])
                .setPortStatusMaskEqualMaster(portStatus[MASTER])
                .setPortStatusMaskSlave(portStatus[SLAVE])
                .setFlowRemovedMaskEqualMaster(flowRemoved[MASTER])
                .setFlowRemovedMaskSlave(flowRemoved[SLAVE])
                .build();
    }

    boolean wantsPacketIn(OFControllerRole role, int reason) {
        return bit(packetIn, role, reason);
    }

    boolean wantsPortStatus(OFControllerRole role, int reason) {
        return bit(portStatus, role, reason);
    }

    boolean wantsFlowRemoved(OFControllerRole role, int reason) {
        return bit(flowRemoved, role, reason);
    }

    private static boolean bit(long[] masks, OFControllerRole role, int reason) {
        long mask = masks[role == OFControllerRole.ROLE_SLAVE ? SLAVE : MASTER];
        return reason >= 0 && reason < 64 && (mask & (1L << reason)) != 0;
    }
}
