package io.flowlb.flowswitch.datapath.spec;

/**
 * A frame sent to the controller. flow-switch keeps no buffers: the buffer id is always
 * {@code OFP_NO_BUFFER} and {@code data} holds the frame up to the requested max length.
 *
 * @param reason why
 * @param tableId the table of the flow that sent it (0 for packet-out)
 * @param cookie that flow's cookie ({@code -1} when no flow was involved)
 * @param inPort the port the frame arrived on (the OXM in_port of the packet-in match)
 * @param metadata the pipeline metadata at that point (the OXM metadata; 0 in table 0)
 * @param totalLength the frame's full length
 * @param data the frame as it was at the output action, cut at max_len
 *
 * <p>Thread safety: immutable by convention (do not write into {@code data}).
 */
public record PacketIn(PacketInReason reason, int tableId, long cookie, int inPort, long metadata, int totalLength,
        byte[] data) {
}
