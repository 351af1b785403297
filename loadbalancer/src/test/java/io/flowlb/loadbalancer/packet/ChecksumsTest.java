package io.flowlb.loadbalancer.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChecksumsTest {

    @Test
    void sumsTheRfc1071ExampleWords() {
        // RFC 1071 section 3: 0001 f203 f4f5 f6f7 sums to ddf2 (folded).
        MemorySegment s = Frames.segment(Frames.hex("0001f203f4f5f6f7"));

        assertThat(Checksums.fold(Checksums.sum(s, 0, 8))).isEqualTo(0xddf2);
        assertThat(Checksums.checksum(s, 0, 8)).isEqualTo(0x220d);
    }

    @Test
    void foldsExtremeSumsWithEndAroundCarries() {
        assertThat(Checksums.fold(0)).isZero();
        assertThat(Checksums.fold(0xffff)).isEqualTo(0xffff);
        assertThat(Checksums.fold(0x1_0000)).isEqualTo(1);
        assertThat(Checksums.fold(0xffff_ffffL)).isEqualTo(0xffff);
        assertThat(Checksums.fold(0x1_0000_0000L)).isEqualTo(1);
        assertThat(Checksums.fold(-1L)).isEqualTo(0xffff);
        Random rnd = new Random(4);
        for (int i = 0; i < 100_000; i++) {
            long sum = rnd.nextLong() >>> rnd.nextInt(64);
            long expected = Long.remainderUnsigned(sum, 0xffff);
            assertThat(Checksums.fold(sum)).isEqualTo(sum == 0 ? 0 : expected == 0 ? 0xffff : (int) expected);
        }
    }

    @Test
    void padsAnOddLastByteWithZero() {
        MemorySegment odd = Frames.segment(Frames.hex("0102030405"));
        MemorySegment even = Frames.segment(Frames.hex("010203040500"));

        assertThat(Checksums.sum(odd, 0, 5)).isEqualTo(Checksums.sum(even, 0, 6));
    }

    @Test
    void sumOfAnyLengthAndAlignmentMatchesAWordByWordSum() {
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[rnd.nextInt(200)];
            rnd.nextBytes(data);
            int from = rnd.nextInt(data.length + 1);
            int len = rnd.nextInt(data.length - from + 1);

            assertThat(Checksums.fold(Checksums.sum(Frames.segment(data), from, len)))
                    .isEqualTo(slowFold(data, from, len));
        }
    }

    @Test
    void incrementalUpdatesEqualFullRecomputation() {
        Random rnd = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[8 + 2 * rnd.nextInt(30)];
            rnd.nextBytes(data);
            MemorySegment s = Frames.segment(data);
            int before = Checksums.checksum(s, 0, data.length);
            int at = 2 * rnd.nextInt(data.length / 2 - 1);
            int old = BigEndian.i32(s, at);
            int now = rnd.nextInt(8) == 0 ? ~old : rnd.nextInt();
            BigEndian.putI32(s, at, now);

            assertThat(Checksums.update32(before, old, now)).isEqualTo(Checksums.checksum(s, 0, data.length));
        }
    }

    @Test
    void anAddressAndPortRewriteAdjustedInOneStepEqualsFullRecomputation() {
        Random rnd = new Random(5);
        for (int i = 0; i < 60_000; i++) {
            byte[] data = new byte[12 + 2 * rnd.nextInt(20)];
            rnd.nextBytes(data);
            MemorySegment s = Frames.segment(data);
            int edge = i % 3; // 0: any checksums; 1: a checksum of 0 after the rewrite; 2: a checksum of 0 before it
            int newAddress = BigEndian.i32(s, 0);
            int newPort = BigEndian.u16(s, 4);
            int oldAddress = rnd.nextInt(8) == 0 ? ~newAddress : rnd.nextInt();
            int oldPort = rnd.nextInt(8) == 0 ? newPort : rnd.nextInt(65536);
            if (edge == 1) {
                balanceTo(s, data.length, 0);
            }
            BigEndian.putI32(s, 0, oldAddress);
            BigEndian.putU16(s, 4, oldPort);
            if (edge == 2) {
                balanceTo(s, data.length, 0);
            }
            int before = Checksums.checksum(s, 0, data.length);
            BigEndian.putI32(s, 0, newAddress);
            BigEndian.putU16(s, 4, newPort);
            int after = Checksums.checksum(s, 0, data.length);

            long delta = Checksums.delta32(oldAddress, newAddress) + Checksums.delta16(oldPort, newPort);
            assertThat(Checksums.adjustSmall(before, delta)).isEqualTo(after).isEqualTo(Checksums.adjust(before, delta));
            assertThat(edge == 1 ? after : edge == 2 ? before : 0).isZero();
        }
    }

    /** Sets the last 16-bit word so that the range's checksum is {@code checksum} (0 needs a folded sum of 0xffff). */
    private static void balanceTo(MemorySegment s, int length, int checksum) {
        BigEndian.putU16(s, length - 2, 0);
        int folded = Checksums.fold(Checksums.sum(s, 0, length));
        int want = ~checksum & 0xffff;
        // one's-complement subtraction: the word w with folded + w == want (end-around)
        int w = Checksums.fold((want & 0xffff) + (~folded & 0xffff));
        BigEndian.putU16(s, length - 2, w);
    }

    @Test
    void update128IsFourUpdate32s() {
        Random rnd = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            int hc = rnd.nextInt(65535);
            long oh = rnd.nextLong(), ol = rnd.nextLong(), nh = rnd.nextLong(), nl = rnd.nextLong();
            int stepwise = Checksums.update32(hc, (int) (oh >>> 32), (int) (nh >>> 32));
            stepwise = Checksums.update32(stepwise, (int) oh, (int) nh);
            stepwise = Checksums.update32(stepwise, (int) (ol >>> 32), (int) (nl >>> 32));
            stepwise = Checksums.update32(stepwise, (int) ol, (int) nl);

            assertThat(Checksums.update128(hc, oh, ol, nh, nl)).isEqualTo(stepwise);
        }
    }

    static Stream<Arguments> partialChecksums() {
        return Stream.of(
                partial("TCP/IPv4", () -> Frames.tcp4(TcpFlags.ACK).payload(333)),
                partial("UDP/IPv4", () -> Frames.udp4().payload(100)),
                partial("TCP/IPv6 behind a hop-by-hop header, tagged",
                        () -> Frames.tcp6(TcpFlags.ACK).vlan(3, 0).ipv6Extension(IpProtocol.HOP_BY_HOP, 8).payload(77)),
                partial("UDP/IPv6", () -> Frames.udp6().payload(1)),
                partial("ICMPv6 echo", () -> Frames.ping6(7, 9).payload(56)));
    }

    static Arguments partial(String description, Supplier<FrameBuilder> frame) {
        return Arguments.of(description, frame.get().checksumPartial().build(), frame.get().build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partialChecksums")
    void completesAChecksumTheKernelLeftPartial(String description, byte[] partial, byte[] complete) {
        assertThat(Frames.checksumsValid(partial)).isFalse();

        assertThat(Checksums.completeL4Checksum(Frames.parsed(partial))).isTrue();
        assertThat(Frames.hex(partial)).isEqualTo(Frames.hex(complete));
    }

    @Test
    void leavesFragmentsAndPortlessProtocolsAlone() {
        byte[] fragment = Frames.tcp4(TcpFlags.ACK).fragment(0, true).payload(10).checksumPartial().build();
        byte[] esp = Frames.udp4().protocol(IpProtocol.ESP).payload(10).build();
        byte[] before = fragment.clone();

        assertThat(Checksums.completeL4Checksum(Frames.parsed(fragment))).isFalse();
        assertThat(fragment).isEqualTo(before);
        assertThat(Checksums.completeL4Checksum(Frames.parsed(esp))).isFalse();
    }

    private static int slowFold(byte[] d, int from, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = d[from + i] & 0xff;
            int lo = i + 1 < len ? d[from + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
