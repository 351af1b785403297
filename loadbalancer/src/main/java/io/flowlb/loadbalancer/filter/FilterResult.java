package io.flowlb.loadbalancer.filter;

import io.flowlb.loadbalancer.select.ServiceTable;

import java.lang.foreign.MemorySegment;

/**
 * The outcome of {@link PacketFilter#filter} beyond its verdict: the reason, the service and
 * member of a forwarded frame, and where the answer of a {@link Verdict#REPLY} was written.
 *
 * <p>Design: one mutable instance per thread, refilled by every call, so the per-packet path
 * allocates nothing. The caller gives the reply buffer: a per-poller scratch slot, a TX ring slot,
 * or the received frame's own slot (the answer builders may write over the request they answer).
 *
 * <p>Thread safety: none; an instance belongs to the thread that passes it to its filter.
 */
public final class FilterResult {
    /** {@link #member()} when no member is involved. */
    public static final int NO_MEMBER = -1;

    private MemorySegment replyBuffer;
    private long replyOffset;
    int verdict;
    int reason;
    ServiceTable service;
    int member = NO_MEMBER;
    int replyLength;

    /** @param replyBuffer where answers are written, from {@code replyOffset} on */
    public FilterResult(MemorySegment replyBuffer, long replyOffset) {
        replyTo(replyBuffer, replyOffset);
    }

    /** Moves the reply buffer (for example to the slot of the frame about to be filtered, to answer in place). */
    public void replyTo(MemorySegment buffer, long offset) {
        this.replyBuffer = buffer;
        this.replyOffset = offset;
    }

    void clear() {
        service = null;
        member = NO_MEMBER;
        replyLength = 0;
    }

    /** The {@link Verdict} (also returned by {@link PacketFilter#filter}). */
    public int verdict() {
        return verdict;
    }

    /** The {@link FilterReason}. */
    public int reason() {
        return reason;
    }

    /** The service of a forwarded frame (for a NAT reply: the service of its connection), else null. */
    public ServiceTable service() {
        return service;
    }

    /** The member index in {@link #service()} of a forwarded frame, else {@link #NO_MEMBER}. */
    public int member() {
        return member;
    }

    public MemorySegment replyBuffer() {
        return replyBuffer;
    }

    public long replyOffset() {
        return replyOffset;
    }

    /** Length of the answer written at {@link #replyOffset()} for a {@link Verdict#REPLY}, else 0. */
    public int replyLength() {
        return replyLength;
    }

    @Override
    public String toString() {
        return "FilterResult[" + Verdict.name(verdict) + " " + FilterReason.name(reason) + " member=" + member
                + " reply=" + replyLength + "]";
    }
}
