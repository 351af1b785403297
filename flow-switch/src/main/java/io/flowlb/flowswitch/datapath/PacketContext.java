package io.flowlb.flowswitch.datapath;

/**
 * The registers of the packet a pipeline is processing: where it came from, what pipeline
 * state it carries (metadata, the table and cookie of the flow acting on it), and whether it
 * was dropped. Shared by the stages of one pipeline.
 *
 * <p>Thread safety: owned by one pipeline.
 */
final class PacketContext {
    Snapshot snap;
    long now;
    int inPort;
    /** The frame's length when it arrived (flow and group byte counters). */
    int rxLength;
    long metadata;
    int tableId;
    long cookie;
    boolean dropped;
    /** The frame at depth 0 was rewritten: the lookup key must be extracted again. */
    boolean keyDirty;
    /** The in_port's snapshot entry (null for packet-out from the controller). */
    PortInfo inPortInfo;
    /** Non-null while tracing: stages report to it and send nothing. */
    TraceRecorder trace;

    void begin(int port, int length, PortInfo portInfo) {
        inPort = port;
        rxLength = length;
        inPortInfo = portInfo;
        metadata = 0;
        tableId = 0;
        cookie = -1;
        dropped = false;
        keyDirty = false;
    }
}
