package io.flowlb.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;

/**
 * Frames the TCP byte stream into OpenFlow messages (8-byte header, 16-bit length) and decodes
 * each with OpenFlowJ's generic reader.
 *
 * <p>Outputs {@code OFMessage} for good messages and {@link MalformedMessage} for bad ones. The
 * PACKET_INs of a table miss (OpenFlow 1.0, or 1.3 with an input-port-only match) are read
 * without OpenFlowJ into a {@link CompactPacketIn}, which is the same message at a fraction of the
 * cost; everything else, including every PACKET_IN of another shape, goes through OpenFlowJ. A
 * body that does not parse is skipped by its header length so the session can continue; a length
 * below the header size cannot be framed, so the decoder reports a fatal malformation once and
 * discards everything after it (the session handler closes the channel).
 *
 * <p>Thread safety: one instance per channel (Netty's rule for decoders).
 */
public final class OfMessageDecoder extends ByteToMessageDecoder {
    /** Size of the common OpenFlow header: version, type, length, xid. */
    public static final int HEADER_BYTES = 8;

    private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER_BYTES) {
            int start = in.readerIndex();
            int version = in.getUnsignedByte(start);
            int type = in.getUnsignedByte(start + 1);
            int length = in.getUnsignedShort(start + 2);
            long xid = in.getUnsignedInt(start + 4);
            if (length < HEADER_BYTES) {
                broken = true;
                out.add(new MalformedMessage(version, type, length, xid, "length " + length + " below the header size",
                        head(in, start, in.readableBytes()), true));
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            out.add(decodeOne(in, start, version, type, length, xid));
            in.readerIndex(start + length);
        }
    }

    private Object decodeOne(ByteBuf in, int start, int version, int type, int length, long xid) {
        if (type == WireFormat.TYPE_PACKET_IN) {
            CompactPacketIn fast = CompactPacketIn.read(in, start, length);
            if (fast != null) {
                return fast;
            }
        }
        ByteBuf frame = in.slice(start, length);
        try {
            OFMessage msg = reader.readFrom(frame);
            if (msg == null) {
                return new MalformedMessage(version, type, length, xid, "incomplete body", head(in, start, length), false);
            }
            return msg;
        } catch (OFParseError | RuntimeException e) {
            // Loxigen reports bad bodies as OFParseError, but also as IllegalArgumentException,
            // IndexOutOfBoundsException and friends: all of them are the peer's fault.
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new MalformedMessage(version, type, length, xid, reason, head(in, start, length), false);
        }
    }

    private static byte[] head(ByteBuf in, int start, int length) {
        byte[] bytes = new byte[Math.min(length, MalformedMessage.ERROR_DATA_BYTES)];
        in.getBytes(start, bytes);
        return bytes;
    }
}
