package io.flowlb.bench.flowsetup;

import io.netty.buffer.ByteBuf;

/**
 * Raw access to the few OpenFlow fields the benchmark reads and patches on its hot path. The
 * message type numbers used here are the same in OpenFlow 1.0 and 1.3; the offsets of the
 * buffer id and of the packet data differ and are chosen by {@code of13}.
 *
 * <p>Thread safety: stateless.
 */
final class OfWire {
    static final int HEADER_BYTES = 8;
    static final int VERSION_10 = 0x01;
    static final int VERSION_13 = 0x04;

    static final int TYPE_ERROR = 1;
    static final int TYPE_PACKET_IN = 10;
    static final int TYPE_PACKET_OUT = 13;
    static final int TYPE_FLOW_MOD = 14;

    /** The buffer id that means "no buffered packet" (OFP_NO_BUFFER). */
    static final long NO_BUFFER = 0xffff_ffffL;

    /** Offset of buffer_id in FLOW_MOD: after the 40-byte match and cookie, command, timeouts, priority (1.0). */
    static final int FLOW_MOD_BUFFER_ID_10 = 64;
    /** Offset of buffer_id in FLOW_MOD: after cookie, cookie_mask, table, command, timeouts, priority (1.3). */
    static final int FLOW_MOD_BUFFER_ID_13 = 32;
    /** Offset of buffer_id in PACKET_OUT (both versions). */
    static final int PACKET_OUT_BUFFER_ID = 8;
    /** Offsets of actions_len and of the first action in PACKET_OUT. */
    static final int PACKET_OUT_ACTIONS_LEN_10 = 14;
    static final int PACKET_OUT_ACTIONS_10 = 16;
    static final int PACKET_OUT_ACTIONS_LEN_13 = 16;
    static final int PACKET_OUT_ACTIONS_13 = 24;

    private OfWire() {
    }

    static int version(ByteBuf in, int start) {
        return in.getUnsignedByte(start);
    }

    static int type(ByteBuf in, int start) {
        return in.getUnsignedByte(start + 1);
    }

    static int length(ByteBuf in, int start) {
        return in.getUnsignedShort(start + 2);
    }

    /** The buffer id of a FLOW_MOD or PACKET_OUT, or -1 when the message is too short to hold one. */
    static long bufferId(ByteBuf in, int start, int length, int type, boolean of13) {
        int off = type == TYPE_PACKET_OUT ? PACKET_OUT_BUFFER_ID : of13 ? FLOW_MOD_BUFFER_ID_13 : FLOW_MOD_BUFFER_ID_10;
        return length >= off + 4 ? in.getUnsignedInt(start + off) : -1;
    }

    /** Offset (from the message start) of the packet data of a PACKET_OUT, or -1 when malformed. */
    static int packetOutDataOffset(ByteBuf in, int start, int length, boolean of13) {
        int lenAt = of13 ? PACKET_OUT_ACTIONS_LEN_13 : PACKET_OUT_ACTIONS_LEN_10;
        int actionsAt = of13 ? PACKET_OUT_ACTIONS_13 : PACKET_OUT_ACTIONS_10;
        if (length < actionsAt) {
            return -1;
        }
        int data = actionsAt + in.getUnsignedShort(start + lenAt);
        return data <= length ? data : -1;
    }
}
