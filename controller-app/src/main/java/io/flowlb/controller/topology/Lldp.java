package io.flowlb.controller.topology;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The LLDP frames (IEEE 802.1AB) link discovery sends out of every switch port and reads back.
 *
 * <p>Layout: destination 01:80:c2:00:00:0e (nearest bridge, never forwarded by 802.1D bridges),
 * source = the port's MAC, EtherType 0x88cc; TLVs Chassis ID (locally assigned,
 * {@code dpid:<16 hex>}), Port ID (locally assigned, the port number in decimal), TTL, one
 * organisationally specific TLV carrying the binary DPID, port and the sending controller's id,
 * and End. The chassis and port TLVs make captures readable; the controller trusts only its own
 * organisational TLV, so LLDP from other controllers or from hosts is ignored.
 *
 * <p>Thread safety: stateless.
 */
public final class Lldp {
    public static final long MULTICAST = 0x0180_c200_000eL;
    public static final int ETHER_TYPE = 0x88cc;
    /** The OUI of flowlb's organisational TLV (a locally administered company id). */
    static final int OUI = 0x0a_f1_0b;
    static final int SUBTYPE = 1;
    private static final int TTL_SECONDS = 120;

    private Lldp() {
    }

    /** What an LLDP frame from this controller says about where it was sent. */
    public record Probe(Dpid dpid, PortNo port, long controllerId) {
    }

    public static byte[] encode(Dpid dpid, PortNo port, long srcMac, long controllerId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        putLong(out, MULTICAST, 6);
        putLong(out, srcMac, 6);
        putLong(out, ETHER_TYPE, 2);
        byte[] chassis = ("dpid:" + String.format("%016x", dpid.value())).getBytes(StandardCharsets.US_ASCII);
        tlv(out, 1, 1 + chassis.length);
        out.write(7);
        out.writeBytes(chassis);
        byte[] portId = Integer.toUnsignedString(port.value()).getBytes(StandardCharsets.US_ASCII);
        tlv(out, 2, 1 + portId.length);
        out.write(7);
        out.writeBytes(portId);
        tlv(out, 3, 2);
        putLong(out, TTL_SECONDS, 2);
        tlv(out, 127, 4 + 8 + 4 + 8);
        putLong(out, OUI, 3);
        out.write(SUBTYPE);
        putLong(out, dpid.value(), 8);
        putLong(out, port.value() & 0xffff_ffffL, 4);
        putLong(out, controllerId, 8);
        tlv(out, 0, 0);
        while (out.size() < 60) {
            out.write(0);
        }
        return out.toByteArray();
    }

    /**
     * Reads a frame; returns the probe when it is an LLDP frame with flowlb's organisational
     * TLV, else null. Never throws on malformed input.
     */
    public static Probe decode(byte[] frame) {
        if (frame.length < 14 || u(frame, 12, 2) != ETHER_TYPE) {
            return null;
        }
        int at = 14;
        while (at + 2 <= frame.length) {
            int header = (int) u(frame, at, 2);
            int type = header >>> 9;
            int len = header & 0x1ff;
            at += 2;
            if (type == 0 || at + len > frame.length) {
                return null;
            }
            if (type == 127 && len == 24 && u(frame, at, 3) == OUI && (frame[at + 3] & 0xff) == SUBTYPE) {
                return new Probe(Dpid.of(u(frame, at + 4, 8)), PortNo.of((int) u(frame, at + 12, 4)),
                        u(frame, at + 16, 8));
            }
            at += len;
        }
        return null;
    }

    private static void tlv(ByteArrayOutputStream out, int type, int len) {
        putLong(out, (type << 9) | len, 2);
    }

    private static void putLong(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static long u(byte[] b, int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
