package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.PacketIn;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The bounded single-producer single-consumer ring that carries frames from one poller to the
 * control thread for PACKET_IN. The poller copies the frame (up to the slot size) and its
 * metadata into the next slot and never waits: a full ring refuses the frame and the poller
 * counts the drop.
 *
 * <p>Design: the slots are preallocated; {@code tail} is published with a release store after
 * the slot is written, {@code head} after the consumer copied it out, so each side reads the
 * other's index with an acquire load and nothing else is shared.
 *
 * <p>Thread safety: {@link #offer} from the owning poller only, {@link #drain} from the
 * control thread only.
 */
final class PacketInRing {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(PacketInRing.class, "head", long.class);
            TAIL = l.findVarHandle(PacketInRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int slotSize;
    private final byte[] data;
    private final MemorySegment dataSegment;
    private final int[] lengths;
    private final int[] totalLengths;
    private final int[] reasons;
    private final int[] tableIds;
    private final int[] inPorts;
    private final long[] cookies;
    private final long[] metadata;

    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6;
    private volatile long head;
    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6;
    private volatile long tail;

    PacketInRing(int capacity, int slotSize) {
        this.capacity = capacity;
        this.slotSize = slotSize;
        this.data = new byte[capacity * slotSize];
        this.dataSegment = MemorySegment.ofArray(data);
        this.lengths = new int[capacity];
        this.totalLengths = new int[capacity];
        this.reasons = new int[capacity];
        this.tableIds = new int[capacity];
        this.inPorts = new int[capacity];
        this.cookies = new long[capacity];
        this.metadata = new long[capacity];
    }

    int slotSize() {
        return slotSize;
    }

    /** Queues a frame; returns false when the ring is full. {@code copyLength <= slotSize}. */
    boolean offer(int reason, int tableId, long cookie, int inPort, long meta, int totalLength, MemorySegment frame,
            long offset, int copyLength) {
        long t = (long) TAIL.getOpaque(this);
        if (t - (long) HEAD.getAcquire(this) >= capacity) {
            return false;
        }
        int s = (int) (t % capacity);
        MemorySegment.copy(frame, offset, dataSegment, (long) s * slotSize, copyLength);
        lengths[s] = copyLength;
        totalLengths[s] = totalLength;
        reasons[s] = reason;
        tableIds[s] = tableId;
        inPorts[s] = inPort;
        cookies[s] = cookie;
        metadata[s] = meta;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Hands up to {@code max} queued frames to {@code sink}; returns how many. */
    int drain(int max, Consumer<PacketIn> sink) {
        long h = (long) HEAD.getOpaque(this);
        long t = (long) TAIL.getAcquire(this);
        int n = 0;
        PacketInReason[] reasonValues = PacketInReason.values();
        while (h < t && n < max) {
            int s = (int) (h % capacity);
            byte[] copy = new byte[lengths[s]];
            System.arraycopy(data, s * slotSize, copy, 0, copy.length);
            PacketIn pi = new PacketIn(reasonValues[reasons[s]], tableIds[s], cookies[s], inPorts[s], metadata[s],
                    totalLengths[s], copy);
            h++;
            HEAD.setRelease(this, h);
            n++;
            sink.accept(pi);
        }
        return n;
    }

    /** Frames waiting (approximate from other threads). */
    int size() {
        return (int) ((long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this));
    }
}
