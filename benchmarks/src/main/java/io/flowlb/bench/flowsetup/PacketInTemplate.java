package io.flowlb.bench.flowsetup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * A PACKET_IN encoded once by OpenFlowJ and then copied for every packet-in the benchmark sends,
 * with the xid, buffer id, in_port, destination and source MAC and the tag patched in place.
 *
 * <p>The frame is 60 bytes (64 on the wire with the FCS): Ethernet, IPv4 10.0.0.1 to 10.0.0.2,
 * UDP 1024 to 5001 without checksum, and an 18-byte payload whose first four bytes are the tag.
 * The tag identifies the packet-in when the controller answers with the data instead of a buffer
 * id, so it lives in the payload where no learning switch or rewrite touches it.
 *
 * <p>Thread safety: immutable after construction; {@link #write} may be called from any thread.
 */
public final class PacketInTemplate {
    /** Length of the Ethernet frame carried in each packet-in. */
    public static final int FRAME_BYTES = 60;
    /** Offset of the tag within the frame (the first payload byte after the UDP header). */
    public static final int TAG_IN_FRAME = 42;
    static final int UDP_DST_PORT = 5001;
    private static final int OXM_IN_PORT_HEADER = 0x8000_0004;
    private static final int OF13_OXM_IN_PORT = 28;
    private static final int OF10_IN_PORT = 14;

    private final OFVersion version;
    private final byte[] bytes;
    private final int inPortOffset;
    private final int dataOffset;

    private PacketInTemplate(OFVersion version, byte[] bytes, int inPortOffset) {
        this.version = version;
        this.bytes = bytes;
        this.inPortOffset = inPortOffset;
        this.dataOffset = bytes.length - FRAME_BYTES;
    }

    /** Encodes the template for OpenFlow 1.0 or 1.3 (the versions flowsetup speaks). */
    public static PacketInTemplate of(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        OFPacketIn.Builder b = f.buildPacketIn()
                .setXid(0)
                .setBufferId(OFBufferId.NO_BUFFER)
                .setTotalLen(FRAME_BYTES)
                .setReason(OFPacketInReason.NO_MATCH)
                .setData(frame(0, 0, 0));
        int inPortOffset;
        if (version == OFVersion.OF_10) {
            b.setInPort(OFPort.of(1));
            inPortOffset = OF10_IN_PORT;
        } else if (version == OFVersion.OF_13) {
            b.setTableId(TableId.of(0)).setCookie(U64.ZERO)
                    .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build());
            inPortOffset = OF13_OXM_IN_PORT + 4;
        } else {
            throw new IllegalArgumentException("flowsetup speaks OpenFlow 1.0 and 1.3, not " + version);
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            b.build().writeTo(buf);
            byte[] out = new byte[buf.readableBytes()];
            buf.getBytes(0, out);
            boolean inPortWhereExpected = Unpooled.wrappedBuffer(out).getInt(OF13_OXM_IN_PORT) == OXM_IN_PORT_HEADER;
            if (version == OFVersion.OF_13 && !inPortWhereExpected) {
                throw new IllegalStateException("unexpected OpenFlow 1.3 PACKET_IN layout: no in_port OXM at "
                        + OF13_OXM_IN_PORT);
            }
            return new PacketInTemplate(version, out, inPortOffset);
        } finally {
            buf.release();
        }
    }

    /**
     * The Ethernet frame of a packet-in; MACs are the low 48 bits of the longs.
     */
    public static byte[] frame(long dstMac, long srcMac, int tag) {
        ByteBuf f = Unpooled.buffer(FRAME_BYTES);
        putMac(f, dstMac);
        putMac(f, srcMac);
        f.writeShort(0x0800);
        int ipStart = f.writerIndex();
        f.writeByte(0x45).writeByte(0).writeShort(46).writeShort(0).writeShort(0)
                .writeByte(64).writeByte(17).writeShort(0).writeInt(0x0a00_0001).writeInt(0x0a00_0002);
        f.setShort(ipStart + 10, ipChecksum(f, ipStart));
        f.writeShort(1024).writeShort(UDP_DST_PORT).writeShort(26).writeShort(0);
        f.writeInt(tag);
        f.writeZero(FRAME_BYTES - f.writerIndex());
        return f.array();
    }

    /** True when the frame at {@code at} has flowsetup's signature: IPv4, UDP to port 5001. */
    public static boolean isOurFrame(ByteBuf b, int at) {
        return b.getUnsignedShort(at + 12) == 0x0800 && b.getUnsignedByte(at + 23) == 17
                && b.getUnsignedShort(at + 36) == UDP_DST_PORT;
    }

    public OFVersion version() {
        return version;
    }

    /** Length of one encoded packet-in. */
    public int length() {
        return bytes.length;
    }

    /** Offset of the frame (the packet data) within the encoded packet-in. */
    public int dataOffset() {
        return dataOffset;
    }

    /**
     * Appends one packet-in to {@code out}.
     *
     * @param bufferId the buffer id, or {@link OfWire#NO_BUFFER}
     */
    public void write(ByteBuf out, int xid, long bufferId, int inPort, long dstMac, long srcMac, int tag) {
        int at = out.writerIndex();
        out.writeBytes(bytes);
        out.setInt(at + 4, xid);
        out.setInt(at + 8, (int) bufferId);
        if (version == OFVersion.OF_10) {
            out.setShort(at + inPortOffset, inPort);
        } else {
            out.setInt(at + inPortOffset, inPort);
        }
        int frame = at + dataOffset;
        setMac(out, frame, dstMac);
        setMac(out, frame + 6, srcMac);
        out.setInt(frame + TAG_IN_FRAME, tag);
    }

    private static void putMac(ByteBuf b, long mac) {
        b.writeShort((int) (mac >>> 32)).writeInt((int) mac);
    }

    private static void setMac(ByteBuf b, int at, long mac) {
        b.setShort(at, (int) (mac >>> 32));
        b.setInt(at + 2, (int) mac);
    }

    private static int ipChecksum(ByteBuf b, int start) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += b.getUnsignedShort(start + i);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
