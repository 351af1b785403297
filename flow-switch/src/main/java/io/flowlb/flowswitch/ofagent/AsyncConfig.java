package io.flowlb.flowswitch.ofagent;

import org.projectfloodlight.openflow.protocol.OFControllerRole;

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
    static final int MASTER = 0;
    /** Index of the slave masks. */
    static final int SLAVE = 1;

    final long[] packetIn = {0b011, 0};
    final long[] portStatus = {0b111, 0b111};
    final long[] flowRemoved = {0b1111, 0};

    void set(long pinMaster, long pinSlave, long psMaster, long psSlave, long frMaster, long frSlave) {
        packetIn[MASTER] = pinMaster;
        packetIn[SLAVE] = pinSlave;
        portStatus[MASTER] = psMaster;
        portStatus[SLAVE] = psSlave;
        flowRemoved[MASTER] = frMaster;
        flowRemoved[SLAVE] = frSlave;
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
