package io.flowlb.flowswitch.io.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TxRingV2Test {
    private static final int SLOT = 2048;
    private static final int SLOTS = 4;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment memory = arena.allocate(SLOT * SLOTS, 4096);
    private final TxRingV2 ring = new TxRingV2(memory, SLOT, SLOTS, false);

    @AfterEach
    void close() {
        arena.close();
    }

    private MemorySegment frame(int length, int fill) {
        MemorySegment f = arena.allocate(length);
        f.fill((byte) fill);
        return f;
    }

    private int status(int slot) {
        return memory.get(ValueLayout.JAVA_INT, (long) slot * SLOT + TxRingV2.SLOT_STATUS);
    }

    /** What the kernel does once a frame has left: the slot is free again. */
    private void kernelSent(int slot) {
        memory.set(ValueLayout.JAVA_INT, (long) slot * SLOT + TxRingV2.SLOT_STATUS, TxRingV2.TP_STATUS_AVAILABLE);
    }

    @Test
    void copiesTheFrameIntoTheSlotAndRequestsItsTransmission() {
        MemorySegment src = frame(100, 0x5a);

        assertThat(ring.offer(src, 10, 60)).isTrue();

        assertThat(status(0)).isEqualTo(TxRingV2.TP_STATUS_SEND_REQUEST);
        assertThat(memory.get(ValueLayout.JAVA_INT, TxRingV2.SLOT_LEN)).isEqualTo(60);
        assertThat(memory.asSlice(TxRingV2.DATA_OFFSET, 60).toArray(ValueLayout.JAVA_BYTE)).containsOnly(0x5a);
        assertThat(ring.requested()).isEqualTo(1);
    }

    @Test
    void refusesWhenEverySlotWaitsForTheKernelAndResumesInRingOrder() {
        for (int i = 0; i < SLOTS; i++) {
            assertThat(ring.offer(frame(60, i), 0, 60)).isTrue();
        }
        assertThat(ring.offer(frame(60, 9), 0, 60)).as("ring full").isFalse();

        kernelSent(0);
        assertThat(ring.offer(frame(60, 9), 0, 60)).isTrue();
        assertThat(memory.get(ValueLayout.JAVA_BYTE, TxRingV2.DATA_OFFSET)).isEqualTo((byte) 9);
        assertThat(ring.offer(frame(60, 9), 0, 60)).as("slot 1 still requested").isFalse();
    }

    @Test
    void refusesAFrameLongerThanASlot() {
        assertThat(ring.maxFrameLength()).isEqualTo(SLOT - TxRingV2.DATA_OFFSET);
        assertThat(ring.offer(frame(SLOT, 1), 0, SLOT - TxRingV2.DATA_OFFSET + 1)).isFalse();
        assertThat(ring.offer(frame(SLOT, 1), 0, SLOT - TxRingV2.DATA_OFFSET)).isTrue();
        assertThat(ring.requested()).isEqualTo(1);
    }

    @Test
    void countsRequestsUntilTheKernelIsKicked() {
        ring.offer(frame(60, 1), 0, 60);
        ring.offer(frame(60, 2), 0, 60);
        assertThat(ring.requested()).isEqualTo(2);

        ring.clearRequested();

        assertThat(ring.requested()).isZero();
    }

    @Test
    void putsAVirtioHeaderAskingForTheWholeFrameToBeCopiedBeforeTheFrame() {
        TxRingV2 vnet = new TxRingV2(memory, SLOT, SLOTS, true);

        assertThat(vnet.offer(frame(100, 0x5a), 0, 60)).isTrue();

        int header = TxRingV2.VNET_HEADER_LENGTH;
        assertThat(memory.get(ValueLayout.JAVA_INT, TxRingV2.SLOT_LEN)).isEqualTo(header + 60);
        MemorySegment h = memory.asSlice(TxRingV2.DATA_OFFSET, header);
        assertThat(h.get(ValueLayout.JAVA_BYTE, 0)).as("flags: no checksum to complete").isZero();
        assertThat(h.get(ValueLayout.JAVA_BYTE, 1)).as("gso_type: none").isZero();
        assertThat(h.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 2))
                .as("hdr_len: the whole frame goes into the packet buffer").isEqualTo((short) 60);
        assertThat(memory.asSlice(TxRingV2.DATA_OFFSET + header, 60).toArray(ValueLayout.JAVA_BYTE)).containsOnly(0x5a);
        assertThat(vnet.maxFrameLength()).isEqualTo(SLOT - TxRingV2.DATA_OFFSET - header);
    }

    @Test
    void reusesASlotTheKernelRejectedAndCountsIt() {
        memory.set(ValueLayout.JAVA_INT, TxRingV2.SLOT_STATUS, TxRingV2.TP_STATUS_WRONG_FORMAT);

        assertThat(ring.offer(frame(60, 1), 0, 60)).isTrue();

        assertThat(ring.rejectedByKernel()).isEqualTo(1);
        assertThat(status(0)).isEqualTo(TxRingV2.TP_STATUS_SEND_REQUEST);
    }
}
