package io.flowlb.flowswitch.io.afpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.RecordingHandler;
import io.flowlb.flowswitch.io.RxFlags;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RxRingV2Test {
    private static final int SLOT = 2048;
    private static final int SLOTS = 4;
    /** Where the kernel puts the frame in a TPACKET_V2 slot with a 4-byte reserve. */
    private static final int MAC_OFFSET = 70;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment memory = arena.allocate(SLOT * SLOTS, 4096);
    private final MemorySegment copyBuffer = arena.allocate(16 * 1024 + RxFrames.HEADROOM, 64);
    /** The whole frames the kernel queued on the socket for cut-short slots. */
    private final Deque<byte[]> socketQueue = new ArrayDeque<>();
    private final RxRingV2 ring = new RxRingV2(memory, SLOT, SLOTS, copyBuffer, this::readQueued);
    private final RecordingHandler handler = new RecordingHandler();

    @AfterEach
    void close() {
        arena.close();
    }

    private int readQueued() {
        byte[] frame = socketQueue.poll();
        if (frame == null) {
            return -1;
        }
        int fit = (int) Math.min(frame.length, copyBuffer.byteSize() - RxFrames.HEADROOM);
        MemorySegment.copy(MemorySegment.ofArray(frame), 0, copyBuffer, RxFrames.HEADROOM, fit);
        return frame.length;
    }

    private static byte[] frame(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 17 + i);
        }
        b[12] = 0x08;
        b[13] = 0x00;
        return b;
    }

    /** What tpacket_rcv does for one frame: fill the slot, then publish it. */
    private void kernelWrites(int slot, byte[] bytes, int wireLength, int status, int tci, int tpid) {
        long at = (long) slot * SLOT;
        int snap = Math.min(bytes.length, SLOT - MAC_OFFSET);
        memory.set(ValueLayout.JAVA_INT, at + RxRingV2.SLOT_LEN, wireLength);
        memory.set(ValueLayout.JAVA_INT, at + RxRingV2.SLOT_SNAPLEN, snap);
        memory.set(ValueLayout.JAVA_SHORT, at + RxRingV2.SLOT_MAC, (short) MAC_OFFSET);
        memory.set(ValueLayout.JAVA_SHORT, at + RxRingV2.SLOT_VLAN_TCI, (short) tci);
        memory.set(ValueLayout.JAVA_SHORT, at + RxRingV2.SLOT_VLAN_TPID, (short) tpid);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, memory, at + MAC_OFFSET, snap);
        memory.set(ValueLayout.JAVA_INT, at + RxRingV2.SLOT_STATUS, status | RxFrames.TP_STATUS_USER);
    }

    private void kernelWrites(int slot, byte[] bytes) {
        kernelWrites(slot, bytes, bytes.length, 0, 0, 0);
    }

    private boolean kernelOwns(int slot) {
        return memory.get(ValueLayout.JAVA_INT, (long) slot * SLOT) == RxFrames.TP_STATUS_KERNEL;
    }

    @Test
    void deliversEachPublishedSlotInOrderAndHandsItBack() {
        byte[] a = frame(1, 60);
        byte[] b = frame(2, 1514);
        kernelWrites(0, a);
        kernelWrites(1, b);

        assertThat(ring.poll(handler, 3, 32)).isEqualTo(2);

        assertThat(handler.frames).extracting(RecordingHandler.Seen::bytes).containsExactly(a, b);
        assertThat(ring.burstBytes()).isEqualTo(60 + 1514);
        assertThat(kernelOwns(0)).isTrue();
        assertThat(kernelOwns(1)).isTrue();
        assertThat(ring.currentSlot()).isEqualTo(2);
    }

    @Test
    void stopsAtTheFirstSlotTheKernelOwnsAndRespectsTheBurst() {
        for (int i = 0; i < 3; i++) {
            kernelWrites(i, frame(i, 60 + i));
        }
        assertThat(ring.poll(handler, 1, 2)).isEqualTo(2);
        assertThat(ring.poll(handler, 1, 2)).isEqualTo(1);
        assertThat(ring.poll(handler, 1, 2)).isZero();
    }

    @Test
    void wrapsAroundTheRing() {
        for (int i = 0; i < SLOTS; i++) {
            kernelWrites(i, frame(i, 60));
        }
        ring.poll(handler, 1, 32);
        kernelWrites(0, frame(7, 99));

        assertThat(ring.poll(handler, 1, 32)).isEqualTo(1);
        assertThat(handler.frames.get(SLOTS).bytes()).hasSize(99);
    }

    @Test
    void deliversTheWholeCopyOfASuperFrameTooLongForItsSlot() {
        byte[] superFrame = frame(3, 9000);
        socketQueue.add(superFrame);
        kernelWrites(0, superFrame, superFrame.length,
                RxFrames.TP_STATUS_COPY | RxFrames.TP_STATUS_CSUMNOTREADY, 0, 0);

        assertThat(ring.poll(handler, 1, 32)).isEqualTo(1);

        assertThat(handler.frames.get(0).bytes()).isEqualTo(superFrame);
        assertThat(handler.frames.get(0).flags()).isEqualTo(RxFlags.CSUM_NOT_READY);
        assertThat(ring.burstBytes()).isEqualTo(9000);
        assertThat(kernelOwns(0)).isTrue();
    }

    @Test
    void flagsACutShortFrameWhoseCopyIsMissing() {
        byte[] superFrame = frame(3, 9000);
        kernelWrites(0, superFrame, superFrame.length, RxFrames.TP_STATUS_COPY, 0, 0);

        ring.poll(handler, 1, 32);

        assertThat(handler.frames.get(0).bytes()).hasSize(SLOT - MAC_OFFSET);
        assertThat(handler.frames.get(0).flags()).isEqualTo(RxFlags.TRUNCATED);
        assertThat(ring.burstTruncated()).isEqualTo(1);
    }

    @Test
    void putsAStrippedVlanTagBack() {
        byte[] untagged = frame(4, 64);
        kernelWrites(0, untagged, 64, RxFrames.TP_STATUS_VLAN_VALID, 0x0005, 0);

        ring.poll(handler, 1, 32);

        byte[] seen = handler.frames.get(0).bytes();
        assertThat(Arrays.copyOfRange(seen, 0, 12)).isEqualTo(Arrays.copyOfRange(untagged, 0, 12));
        assertThat(Arrays.copyOfRange(seen, 12, 16)).containsExactly(0x81, 0x00, 0x00, 0x05);
        assertThat(Arrays.copyOfRange(seen, 16, 68)).isEqualTo(Arrays.copyOfRange(untagged, 12, 64));
    }

    @Test
    void handsTheSlotBackWhenTheHandlerThrows() {
        kernelWrites(0, frame(1, 60));
        kernelWrites(1, frame(2, 61));
        FrameHandler throwing = (port, f, off, len, flags) -> {
            throw new IllegalArgumentException("poison");
        };

        assertThatThrownBy(() -> ring.poll(throwing, 1, 32)).isInstanceOf(IllegalArgumentException.class);

        assertThat(kernelOwns(0)).isTrue();
        assertThat(ring.poll(handler, 1, 32)).isEqualTo(1);
        assertThat(handler.frames.get(0).bytes()).hasSize(61);
    }
}
