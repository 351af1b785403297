package io.flowlb.loadbalancer.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Super-frames as veth hands them over (TSO/GSO, partial checksum) cut into MSS-sized segments. */
class TcpSegmenterTest {
    private static final int STRIDE = 2048;
    private static final int FLAGS = TcpFlags.ACK | TcpFlags.PSH | TcpFlags.FIN | TcpFlags.CWR | TcpFlags.ECE;

    static Stream<Arguments> superFrames() {
        byte[] data = new byte[65_000];
        new Random(5).nextBytes(data);
        byte[] timestamps = Frames.hex("0101080a0000000100000002");
        return Stream.of(
                Arguments.of("TCP/IPv4 64 KiB at MSS 1460", Frames.tcp4(FLAGS).identification(0xfff0).dontFragment()
                        .tcpOptions(timestamps).payload(data).checksumPartial(), 1460, 45, 760),
                Arguments.of("TCP/IPv6 64 KiB at MSS 1440", Frames.tcp6(FLAGS).tcpOptions(timestamps).payload(data)
                        .checksumPartial(), 1440, 46, 200),
                Arguments.of("TCP/IPv6 with a destination options header, tagged, MSS 1440",
                        Frames.tcp6(FLAGS).vlan(12, 0).ipv6Extension(IpProtocol.DESTINATION_OPTIONS, 16).payload(data)
                                .checksumPartial(), 1440, 46, 200),
                Arguments.of("TCP/IPv4 with options, exactly 3 segments", Frames.tcp4(FLAGS)
                        .ipv4Options(Frames.nops(4)).payload(Arrays.copyOf(data, 3 * 1000)), 1000, 3, 1000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("superFrames")
    void cutsASuperFrameIntoValidSegmentsThatReassembleExactly(String description, FrameBuilder superFrame, int mss,
                                                               int expectedCount, int lastPayload) {
        byte[] input = superFrame.build();
        PacketView in = Frames.parsed(input);
        byte[] originalPayload = Frames.bytes(in.segment(), in.payloadOffset(), in.payloadLength());
        int headers = in.payloadOffset();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate((long) STRIDE * 64);
            int count = TcpSegmenter.segmentAll(in, mss, out, 0, STRIDE, 64);

            assertThat(count).isEqualTo(expectedCount).isEqualTo(TcpSegmenter.segmentCount(in, mss));
            ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                int payload = i == count - 1 ? lastPayload : mss;
                byte[] seg = Frames.bytes(out, (long) i * STRIDE, headers + payload);
                PacketView s = Frames.parsed(seg);

                assertThat(s.result()).isEqualTo(ParseResult.OK);
                assertThat(s.ipEnd()).as("IP length of segment %d", i).isEqualTo(seg.length);
                assertThat(s.payloadLength()).isEqualTo(payload);
                assertThat(s.tcpSeq()).isEqualTo(in.tcpSeq() + (long) i * mss);
                assertThat(s.tcpAck()).isEqualTo(in.tcpAck());
                assertThat(Frames.checksumsValid(seg)).as("checksums of segment %d", i).isTrue();
                assertThat(s.tcpFlags() & (TcpFlags.FIN | TcpFlags.PSH))
                        .isEqualTo(i == count - 1 ? TcpFlags.FIN | TcpFlags.PSH : 0);
                assertThat(s.tcpFlags() & TcpFlags.CWR).isEqualTo(i == 0 ? TcpFlags.CWR : 0);
                assertThat(s.tcpFlags() & (TcpFlags.ACK | TcpFlags.ECE)).isEqualTo(TcpFlags.ACK | TcpFlags.ECE);
                if (s.ipVersion() == 4) {
                    assertThat(s.ipv4Id()).isEqualTo((in.ipv4Id() + i) & 0xffff);
                }
                reassembled.writeBytes(Frames.bytes(s.segment(), s.payloadOffset(), payload));
            }
            assertThat(reassembled.toByteArray()).isEqualTo(originalPayload);
        }
    }

    @Test
    void copiesAPacketWithoutPayloadAsOneSegment() {
        byte[] input = Frames.tcp4(TcpFlags.ACK).checksumPartial().build();
        MemorySegment out = MemorySegment.ofArray(new byte[100]);
        int length = TcpSegmenter.writeSegment(Frames.parsed(input), 1460, 0, out, 0);

        assertThat(length).isEqualTo(input.length);
        assertThat(Frames.checksumsValid(Frames.bytes(out, 0, length))).isTrue();
    }

    @Test
    void refusesWhatItCannotSegment() {
        PacketView udp = Frames.parsed(Frames.udp4().payload(3000).build());
        PacketView fragment = Frames.parsed(Frames.tcp4(TcpFlags.ACK).fragment(0, true).payload(3000).build());
        PacketView tcp = Frames.parsed(Frames.tcp4(TcpFlags.ACK).payload(3000).build());
        MemorySegment out = MemorySegment.ofArray(new byte[4096]);

        assertThat(TcpSegmenter.writeSegment(udp, 1460, 0, out, 0)).isEqualTo(BuildResult.NOT_APPLICABLE);
        assertThat(TcpSegmenter.writeSegment(fragment, 1460, 0, out, 0)).isEqualTo(BuildResult.NOT_APPLICABLE);
        assertThat(TcpSegmenter.writeSegment(tcp, 0, 0, out, 0)).isEqualTo(BuildResult.BAD_ARGUMENT);
        assertThat(TcpSegmenter.writeSegment(tcp, 1460, 3, out, 0)).isEqualTo(BuildResult.BAD_ARGUMENT);
        assertThat(TcpSegmenter.writeSegment(tcp, 1460, 0, out, 4000)).isEqualTo(BuildResult.NO_ROOM);
        assertThat(TcpSegmenter.segmentAll(tcp, 1460, out, 0, 1000, 8)).isEqualTo(BuildResult.NO_ROOM);
        assertThat(TcpSegmenter.segmentAll(tcp, 1460, out, 0, 1600, 2)).isEqualTo(BuildResult.NO_ROOM);
        assertThat(TcpSegmenter.segmentAll(udp, 1460, out, 0, 1600, 8)).isEqualTo(BuildResult.NOT_APPLICABLE);
    }
}
