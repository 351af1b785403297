package io.flowlb.flowswitch.io.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Plays the kernel's side of a TPACKET_V3 receive ring in native memory: lays frames out in a
 * block the way {@code tpacket_rcv} does (48-byte block descriptor, 16-byte aligned frames,
 * MAC header at offset 86 with a 4-byte reserve) and hands the block over.
 */
final class FakeKernelRxRing implements AutoCloseable {
    static final int MAC_OFFSET = 86;
    private static final int FIRST_FRAME = 48;

    final Arena arena = Arena.ofConfined();
    final MemorySegment ring;
    final int blockSize;
    final int blockCount;

    FakeKernelRxRing(int blockSize, int blockCount) {
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.ring = arena.allocate((long) blockSize * blockCount, 4096);
    }

    /** A frame as the kernel describes it. */
    record Frame(byte[] bytes, int wireLength, int status, int vlanTci, int vlanTpid) {
        static Frame of(byte[] bytes) {
            return new Frame(bytes, bytes.length, 0, 0, 0);
        }

        static Frame withStatus(byte[] bytes, int status) {
            return new Frame(bytes, bytes.length, status, 0, 0);
        }
    }

    /** Writes the frames into {@code block} and hands it to user space. */
    void publish(int block, Frame... frames) {
        long base = (long) block * blockSize;
        long at = base + FIRST_FRAME;
        for (int i = 0; i < frames.length; i++) {
            Frame f = frames[i];
            long size = align16(MAC_OFFSET + f.bytes().length);
            ring.set(ValueLayout.JAVA_INT, at + RxRingV3.FRAME_NEXT_OFFSET, i + 1 < frames.length ? (int) size : 0);
            ring.set(ValueLayout.JAVA_INT, at + RxRingV3.FRAME_SNAPLEN, f.bytes().length);
            ring.set(ValueLayout.JAVA_INT, at + RxRingV3.FRAME_LEN, f.wireLength());
            ring.set(ValueLayout.JAVA_INT, at + RxRingV3.FRAME_STATUS, f.status() | RxRingV3.TP_STATUS_USER);
            ring.set(ValueLayout.JAVA_SHORT, at + RxRingV3.FRAME_MAC, (short) MAC_OFFSET);
            ring.set(ValueLayout.JAVA_INT, at + RxRingV3.FRAME_VLAN_TCI, f.vlanTci());
            ring.set(ValueLayout.JAVA_SHORT, at + RxRingV3.FRAME_VLAN_TPID, (short) f.vlanTpid());
            MemorySegment.copy(MemorySegment.ofArray(f.bytes()), 0, ring, at + MAC_OFFSET, f.bytes().length);
            at += size;
        }
        ring.set(ValueLayout.JAVA_INT, base + RxRingV3.BLOCK_NUM_PKTS, frames.length);
        ring.set(ValueLayout.JAVA_INT, base + RxRingV3.BLOCK_FIRST_PKT, FIRST_FRAME);
        ring.set(ValueLayout.JAVA_INT, base + RxRingV3.BLOCK_STATUS, RxRingV3.TP_STATUS_USER);
    }

    /** True when user space has handed the block back. */
    boolean kernelOwns(int block) {
        return ring.get(ValueLayout.JAVA_INT, (long) block * blockSize + RxRingV3.BLOCK_STATUS) == RxRingV3.TP_STATUS_KERNEL;
    }

    private static long align16(long n) {
        return (n + 15) & ~15L;
    }

    @Override
    public void close() {
        arena.close();
    }
}
