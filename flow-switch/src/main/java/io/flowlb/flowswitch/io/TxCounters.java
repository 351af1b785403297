package io.flowlb.flowswitch.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of one transmit queue.
 *
 * <p>Thread safety: single writer (the thread that owns the queue) with opaque stores, any
 * number of readers with opaque loads: a reader sees each counter's value as of some recent
 * moment, never a torn one. No lock and no allocation on either side.
 */
public final class TxCounters {
    private static final VarHandle PACKETS;
    private static final VarHandle BYTES;
    private static final VarHandle DROPPED;
    private static final VarHandle ERRORS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PACKETS = lookup.findVarHandle(TxCounters.class, "packets", long.class);
            BYTES = lookup.findVarHandle(TxCounters.class, "bytes", long.class);
            DROPPED = lookup.findVarHandle(TxCounters.class, "dropped", long.class);
            ERRORS = lookup.findVarHandle(TxCounters.class, "errors", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long packets;
    private long bytes;
    private long dropped;
    private long errors;

    /** One frame accepted for transmission. Owner thread only. */
    public void addSent(int length) {
        PACKETS.setOpaque(this, packets + 1);
        BYTES.setOpaque(this, bytes + length);
    }

    /** One frame refused: ring full, port down, or longer than the port takes. Owner thread only. */
    public void addDropped() {
        DROPPED.setOpaque(this, dropped + 1);
    }

    /** One failed hand-over to the kernel. Owner thread only. */
    public void addError() {
        ERRORS.setOpaque(this, errors + 1);
    }

    public long packets() {
        return (long) PACKETS.getOpaque(this);
    }

    public long bytes() {
        return (long) BYTES.getOpaque(this);
    }

    public long dropped() {
        return (long) DROPPED.getOpaque(this);
    }

    public long errors() {
        return (long) ERRORS.getOpaque(this);
    }
}
