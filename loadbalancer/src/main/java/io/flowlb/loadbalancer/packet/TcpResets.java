package io.flowlb.loadbalancer.packet;

import java.lang.foreign.MemorySegment;

/**
 * TCP resets for segments the load balancer refuses (no service, strict mode with no
 * connection): the reset goes back to the sender as if from the segment's destination.
 *
 * <p>Sequence numbers follow RFC 793 (section 3.4, "Reset Generation"): if the segment carries
 * ACK, the reset has sequence number = its acknowledgment number and no ACK; otherwise it is
 * RST|ACK with sequence 0 and acknowledgment = its sequence number + its length (SYN and FIN
 * each count one). A segment that is itself a reset gets no answer, nor does a fragment (its
 * length is unknown).
 *
 * <p>Design: writes into caller memory and allocates nothing; the output may be the segment's
 * own memory at the same offset (all input fields are read first). The reset keeps the VLAN
 * tag, has TTL / hop limit 64, IPv4 DF set and id 0, window 0, no options.
 *
 * <p>Thread safety: stateless.
 */
public final class TcpResets {

    private TcpResets() {
    }

    /**
     * Writes the reset for the parsed TCP segment {@code segment}. Returns the frame length,
     * {@link BuildResult#NOT_APPLICABLE} (not TCP, a reset, a fragment) or {@link BuildResult#NO_ROOM}.
     */
    public static int write(PacketView segment, MemorySegment out, long offset) {
        int flags = segment.tcpFlags();
        if (!segment.isTcp() || (flags & TcpFlags.RST) != 0 || segment.isFragment()) {
            return BuildResult.NOT_APPLICABLE;
        }
        boolean v4 = segment.ipVersion() == 4;
        int l3Length = v4 ? HeaderWriter.IPV4_HEADER : HeaderWriter.IPV6_HEADER;
        int l3 = segment.l3Offset();
        int length = l3 + l3Length + HeaderWriter.TCP_HEADER;
        if (!HeaderWriter.fits(out, offset, length)) {
            return BuildResult.NO_ROOM;
        }
        long seq;
        long ack;
        int rstFlags;
        if ((flags & TcpFlags.ACK) != 0) {
            seq = segment.tcpAck();
            ack = 0;
            rstFlags = TcpFlags.RST;
        } else {
            seq = 0;
            int syn = (flags & TcpFlags.SYN) != 0 ? 1 : 0;
            int fin = (flags & TcpFlags.FIN) != 0 ? 1 : 0;
            ack = segment.tcpSeq() + segment.payloadLength() + syn + fin;
            rstFlags = TcpFlags.RST | TcpFlags.ACK;
        }
        int srcPort = segment.srcPort();
        int dstPort = segment.dstPort();
        long l4 = offset + HeaderWriter.replyHeaders(segment, out, offset, IpProtocol.TCP, HeaderWriter.TCP_HEADER);
        HeaderWriter.tcp(out, l4, dstPort, srcPort, seq, ack, rstFlags, 0);
        Checksums.writeL4Checksum(out, offset + l3, l4, HeaderWriter.TCP_HEADER, IpProtocol.TCP);
        return length;
    }
}
