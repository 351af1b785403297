package io.flowlb.loadbalancer.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes, random truncations and random byte flips of valid frames: the view classifies
 * every one (never throws), and every accessor, extraction, rewrite, reply builder, the segmenter
 * and the VLAN copies stay inside their memory.
 */
class PacketViewFuzzTest {
    private final PacketView view = new PacketView();
    private final FlowKey key = new FlowKey();
    private final MemorySegment scratch = MemorySegment.ofArray(new byte[4096]);

    @Test
    void classifiesRandomBytes() {
        Random rnd = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            byte[] junk = new byte[rnd.nextInt(200)];
            rnd.nextBytes(junk);
            if (junk.length > 13 && rnd.nextBoolean()) {
                int[] types = {EtherType.IPV4, EtherType.IPV6, EtherType.ARP, EtherType.VLAN};
                int t = types[rnd.nextInt(types.length)];
                junk[12] = (byte) (t >>> 8);
                junk[13] = (byte) t;
            }
            exercise(junk, junk.length);
        }
    }

    @Test
    void classifiesEveryTruncationOfValidFrames() {
        Random rnd = new Random(12);
        for (int i = 0; i < 500; i++) {
            byte[] frame = Frames.random(rnd);
            for (int len = 0; len <= frame.length; len++) {
                int result = exercise(frame, len);
                if (len == frame.length) {
                    assertThat(result).as("the whole frame parses").isEqualTo(ParseResult.OK);
                }
            }
        }
    }

    @Test
    void classifiesValidFramesWithRandomBytesFlipped() {
        Random rnd = new Random(13);
        for (int i = 0; i < 50_000; i++) {
            byte[] frame = Frames.random(rnd);
            for (int flips = rnd.nextInt(4) + 1; flips > 0; flips--) {
                frame[rnd.nextInt(Math.min(frame.length, 120))] = (byte) rnd.nextInt();
            }
            exercise(frame, frame.length);
        }
    }

    /** Parses the first {@code length} bytes (in a segment of exactly that size), then touches everything. */
    private int exercise(byte[] frame, int length) {
        byte[] exact = Arrays.copyOf(frame, length);
        int result = view.wrap(Frames.segment(exact), 0, length).parse();
        assertThat(result).isBetween(0, ParseResult.COUNT - 1);
        if (view.payloadOffset() >= 0) {
            assertThat(view.payloadOffset() + view.payloadLength()).isLessThanOrEqualTo(length);
        }
        readEverything();
        buildReplies(length);
        view.extractKey(key);
        view.setEthDst(1);
        view.setIpv4Dst(2);
        view.setIpv6Src(3, 4);
        view.setDstPort(5);
        view.decTtl();
        view.setIpDscp(6);
        view.setVlanId(7);
        Checksums.completeL4Checksum(view);
        Checksums.writeIpv4HeaderChecksum(view);
        return result;
    }

    private void buildReplies(int length) {
        assertThat(ArpReplies.write(view, 1, scratch, 0)).isLessThanOrEqualTo(4096);
        assertThat(TcpResets.write(view, scratch, 0)).isLessThanOrEqualTo(4096);
        assertThat(IcmpEchoReplies.write(view, scratch, 0)).isLessThanOrEqualTo(4096);
        assertThat(NeighborAdvertisements.write(view, 1, scratch, 0)).isLessThanOrEqualTo(4096);
        assertThat(TcpSegmenter.writeSegment(view, 536, 0, scratch, 0)).isLessThanOrEqualTo(4096);
        assertThat(VlanTags.copyPushing(view.segment(), view.base(), length, EtherType.VLAN, 9, scratch, 0))
                .isLessThanOrEqualTo(length + 4);
        assertThat(VlanTags.copyPopping(view.segment(), view.base(), length, scratch, 0)).isLessThan(length);
    }

    private long readEverything() {
        PacketView v = view;
        return v.ethDst() + v.ethSrc() + v.vlanId() + v.vlanPcp() + v.etherType() + v.ipVersion() + v.ipProtocol()
                + v.ipv4Src() + v.ipv4Dst() + v.ipv6SrcHi() + v.ipv6SrcLo() + v.ipv6DstHi() + v.ipv6DstLo()
                + v.ipTtl() + v.ipDscp() + v.ipEcn() + v.ipv4Id() + v.ipv6FlowLabel() + v.fragmentOffset()
                + v.srcPort() + v.dstPort() + v.tcpFlags() + v.tcpSeq() + v.tcpAck() + v.tcpWindow()
                + v.tcpHeaderLength() + v.icmpType() + v.icmpCode() + v.icmpEchoId() + v.icmpEchoSeq()
                + v.arpOp() + v.arpSha() + v.arpSpa() + v.arpTha() + v.arpTpa() + v.l4Length() + v.payloadLength();
    }
}
