package io.flowlb.flowswitch.io.afpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.RecordingHandler;
import io.flowlb.flowswitch.io.RxFlags;
import io.flowlb.flowswitch.io.afpacket.FakeKernelRxRing.Frame;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RxRingV3Test {
    private static final int BLOCK = 8192;
    private final FakeKernelRxRing kernel = new FakeKernelRxRing(BLOCK, 4);
    private final RxRingV3 ring = new RxRingV3(kernel.ring, BLOCK, 4, true);
    private final RecordingHandler handler = new RecordingHandler();

    @AfterEach
    void close() {
        kernel.close();
    }

    private static byte[] frame(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        // An IPv4 ethertype, so no VLAN logic applies to the bytes themselves.
        b[12] = 0x08;
        b[13] = 0x00;
        return b;
    }

    @Test
    void deliversTheFramesOfAHandedOverBlockInOrderAndGivesTheBlockBack() {
        byte[] a = frame(1, 60);
        byte[] b = frame(2, 1514);
        byte[] c = frame(3, 98);
        kernel.publish(0, Frame.of(a), Frame.of(b), Frame.of(c));

        int n = ring.poll(handler, 7, 32);

        assertThat(n).isEqualTo(3);
        assertThat(handler.frames).extracting(RecordingHandler.Seen::bytes).containsExactly(a, b, c);
        assertThat(handler.frames).extracting(RecordingHandler.Seen::port).containsOnly(7);
        assertThat(ring.burstBytes()).isEqualTo(60 + 1514 + 98);
        assertThat(kernel.kernelOwns(0)).isTrue();
        assertThat(ring.currentBlock()).isEqualTo(1);
    }

    @Test
    void deliversNothingWhileTheKernelOwnsTheNextBlock() {
        assertThat(ring.poll(handler, 1, 32)).isZero();
        assertThat(handler.frames).isEmpty();
        assertThat(kernel.kernelOwns(0)).isTrue();
    }

    @Test
    void keepsTheRestOfABlockForTheNextPollWhenTheBurstIsFull() {
        kernel.publish(0, Frame.of(frame(1, 60)), Frame.of(frame(2, 61)), Frame.of(frame(3, 62)),
                Frame.of(frame(4, 63)), Frame.of(frame(5, 64)));

        assertThat(ring.poll(handler, 1, 2)).isEqualTo(2);
        assertThat(kernel.kernelOwns(0)).as("block still in use").isFalse();
        assertThat(ring.poll(handler, 1, 2)).isEqualTo(2);
        assertThat(ring.poll(handler, 1, 2)).isEqualTo(1);

        assertThat(kernel.kernelOwns(0)).isTrue();
        assertThat(handler.frames).extracting(s -> s.bytes().length).containsExactly(60, 61, 62, 63, 64);
    }

    @Test
    void continuesIntoTheNextBlockWithinOneBurstAndWrapsAroundTheRing() {
        for (int block = 0; block < 4; block++) {
            kernel.publish(block, Frame.of(frame(block, 100 + block)));
        }
        assertThat(ring.poll(handler, 1, 32)).isEqualTo(4);
        assertThat(ring.currentBlock()).isZero();

        kernel.publish(0, Frame.of(frame(9, 200)));
        assertThat(ring.poll(handler, 1, 32)).isEqualTo(1);
        assertThat(handler.frames).extracting(s -> s.bytes().length).containsExactly(100, 101, 102, 103, 200);
    }

    @Test
    void reportsPartialChecksumsVerifiedChecksumsAndTruncation() {
        byte[] cut = frame(1, 128);
        kernel.publish(0,
                Frame.withStatus(frame(1, 60), RxFrames.TP_STATUS_CSUMNOTREADY),
                Frame.withStatus(frame(2, 60), RxFrames.TP_STATUS_CSUM_VALID),
                new Frame(cut, 9000, 0, 0, 0),
                Frame.of(frame(4, 60)));

        ring.poll(handler, 1, 32);

        assertThat(handler.frames).extracting(RecordingHandler.Seen::flags).containsExactly(
                RxFlags.CSUM_NOT_READY, RxFlags.CSUM_VALID, RxFlags.TRUNCATED, 0);
        assertThat(ring.burstTruncated()).isEqualTo(1);
    }

    @Test
    void putsAStrippedVlanTagBackInFrontOfTheEthertype() {
        byte[] untagged = frame(5, 64);
        kernel.publish(0, new Frame(untagged, 64,
                RxFrames.TP_STATUS_VLAN_VALID | RxFrames.TP_STATUS_VLAN_TPID_VALID, 0x2064, 0x88a8));

        ring.poll(handler, 1, 32);

        byte[] seen = handler.frames.get(0).bytes();
        assertThat(seen).hasSize(68);
        assertThat(Arrays.copyOfRange(seen, 0, 12)).isEqualTo(Arrays.copyOfRange(untagged, 0, 12));
        assertThat(Arrays.copyOfRange(seen, 12, 16)).containsExactly(0x88, 0xa8, 0x20, 0x64);
        assertThat(Arrays.copyOfRange(seen, 16, 68)).isEqualTo(Arrays.copyOfRange(untagged, 12, 64));
    }

    @Test
    void assumes8021qWhenTheKernelGivesNoTagProtocol() {
        kernel.publish(0, new Frame(frame(5, 64), 64, RxFrames.TP_STATUS_VLAN_VALID, 10, 0));

        ring.poll(handler, 1, 32);

        assertThat(Arrays.copyOfRange(handler.frames.get(0).bytes(), 12, 16)).containsExactly(0x81, 0x00, 0x00, 0x0a);
    }

    @Test
    void givesTheBlockBackAndMovesOnWhenTheHandlerThrows() {
        kernel.publish(0, Frame.of(frame(1, 60)));
        kernel.publish(1, Frame.of(frame(2, 70)));
        FrameHandler throwing = (port, f, off, len, flags) -> {
            throw new IllegalStateException("bad frame");
        };

        assertThatThrownBy(() -> ring.poll(throwing, 1, 32)).isInstanceOf(IllegalStateException.class);
        assertThat(kernel.kernelOwns(0)).isTrue();

        assertThat(ring.poll(handler, 1, 32)).isEqualTo(1);
        assertThat(handler.frames.get(0).bytes()).hasSize(70);
    }

    @Test
    void skipsABlockHandedOverEmpty() {
        kernel.publish(0);
        kernel.publish(1, Frame.of(frame(1, 60)));

        assertThat(ring.poll(handler, 1, 32)).isEqualTo(1);
        assertThat(kernel.kernelOwns(0)).isTrue();
        assertThat(kernel.kernelOwns(1)).isTrue();
    }
}
