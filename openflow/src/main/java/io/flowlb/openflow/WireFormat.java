package io.flowlb.openflow;

import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The few pieces of the OpenFlow 1.0 and 1.3 wire formats that the compact messages
 * ({@link CompactPacketIn}, {@link CompactFlowAdd}, {@link CompactPacketOut}) read and write by
 * hand: header, message types, port numbers in both widths, the output action.
 *
 * <p>Thread safety: stateless.
 */
public final class WireFormat {
    public static final int HEADER_BYTES = 8;
    public static final int TYPE_PACKET_IN = 10;
    public static final int TYPE_PACKET_OUT = 13;
    public static final int TYPE_FLOW_MOD = 14;
    /** OFP_NO_BUFFER. */
    public static final int NO_BUFFER = 0xffff_ffff;
    /** OFPP_ANY (1.3; OFPP_NONE in 1.0). */
    public static final int PORT_ANY = 0xffff_ffff;
    /** OFPP_MAX: the highest number of a physical port. */
    public static final int PORT_MAX = 0xffff_ff00;
    /** The lowest reserved port (OFPP_IN_PORT). */
    public static final int PORT_FIRST_RESERVED = 0xffff_fff8;
    static final int OUTPUT_ACTION_10_BYTES = 8;
    static final int OUTPUT_ACTION_13_BYTES = 16;

    private WireFormat() {
    }

    public static boolean isOf10(OFVersion v) {
        return v == OFVersion.OF_10;
    }

    /** True for the versions the compact messages speak. */
    public static boolean supports(OFVersion v) {
        return v == OFVersion.OF_10 || v == OFVersion.OF_13;
    }

    static void writeHeader(WireWriter w, OFVersion v, int type, int length, long xid) {
        w.u8(v.getWireVersion()).u8(type).u16(length).u32((int) xid);
    }

    /**
     * A 16-bit OpenFlow 1.0 port number as the 32-bit value used everywhere else: OFPP_MAX and
     * the reserved ports move to their 1.3 values (check {@link #isValidPort10} first).
     */
    static int port10To32(int port16) {
        if (port16 == 0xff00) {
            return PORT_MAX;
        }
        return port16 >= 0xfff8 ? port16 | 0xffff_0000 : port16;
    }

    /** False for the 1.0 port numbers OpenFlow leaves undefined (after OFPP_MAX, before the reserved ones). */
    static boolean isValidPort10(int port16) {
        return port16 <= 0xff00 || port16 >= 0xfff8;
    }

    /** A 32-bit port number in the 16 bits of OpenFlow 1.0; a number 1.0 cannot express throws. */
    static int port32To16(int port32) {
        if (Integer.compareUnsigned(port32, PORT_FIRST_RESERVED) >= 0 || port32 == PORT_MAX) {
            return port32 & 0xffff;
        }
        if (Integer.compareUnsigned(port32, 0xff00) >= 0) {
            throw new IllegalArgumentException("port " + Integer.toUnsignedString(port32)
                    + " does not exist in OpenFlow 1.0");
        }
        return port32;
    }

    /** An output action: to {@code port}, at most {@code maxLen} bytes when it is the controller. */
    static void writeOutput(WireWriter w, OFVersion v, int port, int maxLen) {
        if (isOf10(v)) {
            w.u16(0).u16(OUTPUT_ACTION_10_BYTES).u16(port32To16(port)).u16(maxLen);
        } else {
            w.u16(0).u16(OUTPUT_ACTION_13_BYTES).u32(port).u16(maxLen).zero(6);
        }
    }

    static int outputBytes(OFVersion v) {
        return isOf10(v) ? OUTPUT_ACTION_10_BYTES : OUTPUT_ACTION_13_BYTES;
    }
}
