package io.flowlb.openflow;

import io.netty.buffer.ByteBuf;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.ver10.OFPacketInReasonSerializerVer10;
import org.projectfloodlight.openflow.protocol.ver13.OFPacketInReasonSerializerVer13;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * A PACKET_IN read straight from the wire, in the shape switches send for a table miss: OpenFlow
 * 1.0, or 1.3 with a match holding the input port alone.
 *
 * <p>Design: OpenFlowJ decodes every 1.3 match into an OXM list over an {@code EnumMap} of all
 * match fields. {@link #read} accepts exactly the messages OpenFlowJ accepts in this shape (same
 * length rules, same reason codes, same port numbers) and keeps their fields as primitives and
 * the frame as a byte array; anything else returns null and goes through OpenFlowJ. The match
 * and every other view are served by the equivalent OpenFlowJ message, built on first use; the
 * input port is also available as a number ({@link #inPortNumber()}) without building anything.
 *
 * <p>Thread safety: immutable; the OpenFlowJ form is built lazily and idempotently.
 */
public final class CompactPacketIn extends CompactMessage<OFPacketIn> implements OFPacketIn {
    private static final int PACKET_IN_10_FIXED = 18;
    /** Header, buffer id, total length, reason, table, cookie. */
    private static final int MATCH_OFFSET_13 = 24;
    /** ... then a match of one OXM (in_port), padded to 16 bytes, and 2 bytes of padding. */
    private static final int PACKET_IN_13_FIXED = MATCH_OFFSET_13 + 16 + 2;
    private static final int MATCH_TYPE_OXM = 1;
    private static final int IN_PORT_MATCH_LENGTH = 12;
    private static final int OXM_IN_PORT = 0x8000_0004;
    private static final boolean[] REASONS_10 = reasons(OFVersion.OF_10);
    private static final boolean[] REASONS_13 = reasons(OFVersion.OF_13);

    private final int totalLen;
    private final byte reason;
    private final byte tableId;
    private final long cookie;
    private final int inPort;
    private final byte[] data;

    private CompactPacketIn(OFVersion version, long xid, int bufferId, int totalLen, byte reason, byte tableId,
            long cookie, int inPort, byte[] data) {
        super(version, xid, bufferId);
        this.totalLen = totalLen;
        this.reason = reason;
        this.tableId = tableId;
        this.cookie = cookie;
        this.inPort = inPort;
        this.data = data;
    }

    /**
     * Reads the PACKET_IN framed at {@code start} ({@code length} bytes, header included) when it
     * has the compact shape, else returns null (the caller decodes it with OpenFlowJ, which also
     * reports whatever is wrong with it).
     */
    public static CompactPacketIn read(ByteBuf in, int start, int length) {
        int wire = in.getUnsignedByte(start);
        if (in.getUnsignedByte(start + 1) != WireFormat.TYPE_PACKET_IN || in.getUnsignedShort(start + 2) != length) {
            return null;
        }
        if (wire == OFVersion.OF_13.getWireVersion()) {
            return read13(in, start, length);
        }
        if (wire == OFVersion.OF_10.getWireVersion()) {
            return read10(in, start, length);
        }
        return null;
    }

    private static CompactPacketIn read13(ByteBuf in, int start, int length) {
        int m = start + MATCH_OFFSET_13;
        if (length < PACKET_IN_13_FIXED || in.getUnsignedShort(m) != MATCH_TYPE_OXM
                || in.getUnsignedShort(m + 2) != IN_PORT_MATCH_LENGTH || in.getInt(m + 4) != OXM_IN_PORT) {
            return null;
        }
        byte reason = in.getByte(start + 14);
        int port = in.getInt(m + 8);
        if (!REASONS_13[reason & 0xff] || !isKnownPort(port)) {
            return null;
        }
        byte[] data = new byte[length - PACKET_IN_13_FIXED];
        in.getBytes(start + PACKET_IN_13_FIXED, data);
        return new CompactPacketIn(OFVersion.OF_13, in.getUnsignedInt(start + 4), in.getInt(start + 8),
                in.getUnsignedShort(start + 12), reason, in.getByte(start + 15), in.getLong(start + 16), port, data);
    }

    private static CompactPacketIn read10(ByteBuf in, int start, int length) {
        if (length < PACKET_IN_10_FIXED) {
            return null;
        }
        int port16 = in.getUnsignedShort(start + 14);
        byte reason = in.getByte(start + 16);
        if (!REASONS_10[reason & 0xff] || !WireFormat.isValidPort10(port16)) {
            return null;
        }
        byte[] data = new byte[length - PACKET_IN_10_FIXED];
        in.getBytes(start + PACKET_IN_10_FIXED, data);
        return new CompactPacketIn(OFVersion.OF_10, in.getUnsignedInt(start + 4), in.getInt(start + 8),
                in.getUnsignedShort(start + 12), reason, (byte) 0, 0, WireFormat.port10To32(port16), data);
    }

    /** Port numbers OpenFlowJ reads back as themselves: up to OFPP_MAX, and the reserved ones. */
    private static boolean isKnownPort(int port) {
        return Integer.compareUnsigned(port, WireFormat.PORT_MAX) <= 0
                || Integer.compareUnsigned(port, WireFormat.PORT_FIRST_RESERVED) >= 0;
    }

    private static boolean[] reasons(OFVersion v) {
        boolean[] ok = new boolean[256];
        for (int i = 0; i < 256; i++) {
            try {
                reasonOf(v, (byte) i);
                ok[i] = true;
            } catch (IllegalArgumentException e) {
                ok[i] = false;
            }
        }
        return ok;
    }

    private static OFPacketInReason reasonOf(OFVersion v, byte wire) {
        return WireFormat.isOf10(v) ? OFPacketInReasonSerializerVer10.ofWireValue(wire)
                : OFPacketInReasonSerializerVer13.ofWireValue(wire);
    }

    /** The input port as a 32-bit number (1.0's reserved ports at their 1.3 values). */
    public int inPortNumber() {
        return inPort;
    }

    /** The buffer id as sent ({@link WireFormat#NO_BUFFER} when the switch kept nothing). */
    public int bufferIdNumber() {
        return bufferId;
    }

    @Override
    OFPacketIn build() {
        OFFactory fac = OFFactories.getFactory(version);
        OFPacketIn.Builder b = fac.buildPacketIn()
                .setXid(xid)
                .setBufferId(OFBufferId.of(bufferId))
                .setTotalLen(totalLen)
                .setReason(getReason())
                .setData(data);
        if (WireFormat.isOf10(version)) {
            b.setInPort(OFPort.of(inPort));
        } else {
            b.setTableId(TableId.of(tableId & 0xff)).setCookie(U64.of(cookie))
                    .setMatch(fac.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build());
        }
        return b.build();
    }

    @Override
    public OFType getType() {
        return OFType.PACKET_IN;
    }

    @Override
    public int getTotalLen() {
        return totalLen;
    }

    @Override
    public OFPacketInReason getReason() {
        return reasonOf(version, reason);
    }

    @Override
    public TableId getTableId() {
        return full().getTableId();
    }

    @Override
    public U64 getCookie() {
        return full().getCookie();
    }

    @Override
    public Match getMatch() {
        return full().getMatch();
    }

    @Override
    public byte[] getData() {
        return data;
    }

    @Override
    public OFPort getInPort() {
        return full().getInPort();
    }

    @Override
    public OFPort getInPhyPort() {
        return full().getInPhyPort();
    }

    @Override
    public void writeTo(ByteBuf out) {
        full().writeTo(out);
    }

    @Override
    public OFPacketIn.Builder createBuilder() {
        return full().createBuilder();
    }
}
