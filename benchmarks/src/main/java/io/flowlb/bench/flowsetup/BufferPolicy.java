package io.flowlb.bench.flowsetup;

/**
 * Whether emulated packet-ins carry a buffer id. A switch that buffers lets the controller answer
 * with a FLOW_MOD naming the buffer alone; an unbuffered packet-in must be answered with a
 * PACKET_OUT carrying the data (usually after a FLOW_MOD).
 */
public enum BufferPolicy {
    /**
     * Buffered, unless the controller asks for OFPCML_NO_BUFFER in SET_CONFIG (OpenFlow 1.3), as a
     * real switch would.
     */
    AUTO,
    /** Always buffered (cbench's behaviour). */
    ALWAYS,
    /** Never buffered. */
    NEVER
}
