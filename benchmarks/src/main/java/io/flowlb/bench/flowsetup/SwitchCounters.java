package io.flowlb.bench.flowsetup;

/**
 * What one emulated switch has done so far, as last published by its event loop. The switch
 * counts in plain fields and publishes them here once per read batch and once per tick, so the
 * main thread's samples lag by at most one batch while the hot path pays no fences.
 *
 * <p>Thread safety: single writer (the switch's event loop), any number of readers.
 */
public final class SwitchCounters {
    volatile boolean ready;
    volatile boolean learned;
    volatile String failure;
    volatile long sent;
    volatile long answered;
    volatile long flowMods;
    volatile long packetOuts;
    volatile long unbufferedFlowMods;
    volatile long unmatched;
    volatile long otherPacketOuts;
    volatile long expired;
    volatile long errors;
    volatile long rttSumNanos;
    volatile long rttCount;
    volatile long rttMinNanos;
    volatile long rttMaxNanos;
    volatile boolean buffered = true;
    volatile String firstError;
    volatile String version;

    /** True once the handshake is done (FEATURES_REPLY sent). */
    public boolean ready() {
        return ready;
    }

    /** True once every host has been announced to the controller and answered (or expired). */
    public boolean learned() {
        return learned;
    }

    /** Why the switch stopped working (connection refused or closed, bad input), or null. */
    public String failure() {
        return failure;
    }

    public long sent() {
        return sent;
    }

    /** Packet-ins answered by a FLOW_MOD or PACKET_OUT that names them: the figure flowsetup reports. */
    public long answered() {
        return answered;
    }

    public long flowMods() {
        return flowMods;
    }

    public long packetOuts() {
        return packetOuts;
    }

    /** FLOW_MODs without a buffer id: not an answer to one packet-in (the PACKET_OUT that follows is). */
    public long unbufferedFlowMods() {
        return unbufferedFlowMods;
    }

    /** FLOW_MODs and PACKET_OUTs naming a packet-in that was not waiting (a second answer, or a stranger). */
    public long unmatched() {
        return unmatched;
    }

    /** PACKET_OUTs carrying frames that are not flowsetup's (the controller's own, such as LLDP). */
    public long otherPacketOuts() {
        return otherPacketOuts;
    }

    /** Packet-ins given up on: no answer within the timeout. */
    public long expired() {
        return expired;
    }

    /** OpenFlow ERROR messages received from the controller. */
    public long errors() {
        return errors;
    }

    /** The first ERROR received, described, or null. */
    public String firstError() {
        return firstError;
    }

    public long rttSumNanos() {
        return rttSumNanos;
    }

    public long rttCount() {
        return rttCount;
    }

    public long rttMinNanos() {
        return rttMinNanos;
    }

    public long rttMaxNanos() {
        return rttMaxNanos;
    }

    /** The negotiated OpenFlow version ("OF_13"), or null before HELLO. */
    public String version() {
        return version;
    }

    /** Whether packet-ins carry buffer ids (false once the controller asked for unbuffered packet-ins). */
    public boolean buffered() {
        return buffered;
    }
}
