package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.BigEndian;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.VlanTags;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The frames one pipeline works on: depth 0 is the received frame (in the receive ring, no
 * copy); each deeper level is a copy made for a group bucket that must not disturb the frame
 * it came from (ALL groups, groups followed by more actions). Every level has a scratch buffer
 * with {@link #HEADROOM} bytes in front, so a VLAN push grows the frame in place; a frame still
 * in the ring moves to its level's scratch buffer the first time it needs to grow (a pop
 * shrinks it in place, wherever it is).
 *
 * <p>Memory is allocated once, at construction, from an arena that lives as long as the
 * pipeline.
 *
 * <p>Thread safety: owned by one pipeline thread.
 */
final class FrameStack {
    static final int HEADROOM = 128;
    private static final int MACS = 12;
    /** The largest frame a level holds: a 64 KiB GSO super-frame plus tags. */
    static final int CAPACITY = 65536 + 256;

    private final PacketView[] views;
    private final MemorySegment[] scratch;

    FrameStack(int levels) {
        views = new PacketView[levels];
        scratch = new MemorySegment[levels];
        Arena arena = Arena.ofAuto();
        for (int i = 0; i < levels; i++) {
            views[i] = new PacketView();
            scratch[i] = arena.allocate(HEADROOM + CAPACITY, 64);
        }
    }

    int levels() {
        return views.length;
    }

    PacketView view(int depth) {
        return views[depth];
    }

    /** Wraps and parses the received frame at depth 0; returns the parse result. */
    int wrapReceived(MemorySegment frame, long offset, int length) {
        return views[0].wrap(frame, offset, length).parse();
    }

    /** Wraps and parses a frame held in a scratch buffer at depth 0 (packet-out, trace). */
    int wrapOwned(byte[] frame) {
        int len = Math.min(frame.length, CAPACITY);
        MemorySegment.copy(MemorySegment.ofArray(frame), 0, scratch[0], HEADROOM, len);
        return views[0].wrap(scratch[0], HEADROOM, len).parse();
    }

    /** Copies the frame at {@code depth} to {@code depth + 1} and parses the copy; null when
     *  the frame is larger than a level holds. */
    PacketView cloneUp(int depth) {
        PacketView from = views[depth];
        MemorySegment dst = scratch[depth + 1];
        int len = from.length();
        if (len > CAPACITY) {
            return null;
        }
        MemorySegment.copy(from.segment(), from.base(), dst, HEADROOM, len);
        PacketView to = views[depth + 1];
        to.wrap(dst, HEADROOM, len).parse();
        return to;
    }

    /** Bytes free in front of the frame at {@code depth} (0 while it is still in the ring). */
    long headroom(int depth) {
        PacketView v = views[depth];
        return v.segment() == scratch[depth] ? v.base() : 0;
    }

    /**
     * Pushes an outer VLAN tag onto the frame at {@code depth}: in place when the frame has
     * headroom (only the MAC addresses move), else by copying it from the ring into the level's
     * scratch buffer with the core's {@link VlanTags} (one copy that also inserts the tag). The
     * view is reparsed. Returns false when there is no room.
     */
    boolean pushVlan(int depth, int tpid, int tci) {
        PacketView v = views[depth];
        MemorySegment s = v.segment();
        long base = v.base();
        int len = v.length();
        if (headroom(depth) >= PacketView.VLAN_TAG) {
            MemorySegment.copy(s, base, s, base - PacketView.VLAN_TAG, MACS);
            BigEndian.putU16(s, base + MACS - PacketView.VLAN_TAG, tpid);
            BigEndian.putU16(s, base + MACS - 2, tci);
            v.wrap(s, base - PacketView.VLAN_TAG, len + PacketView.VLAN_TAG).parse();
            return true;
        }
        if (s == scratch[depth]) {
            return false;
        }
        int pushed = VlanTags.copyPushing(s, base, len, tpid, tci, scratch[depth], HEADROOM - PacketView.VLAN_TAG);
        if (pushed < 0) {
            return false;
        }
        v.wrap(scratch[depth], HEADROOM - PacketView.VLAN_TAG, pushed).parse();
        return true;
    }

    /** Removes the outer tag in place (the MAC addresses move 4 bytes on) and reparses. */
    void popVlan(int depth) {
        PacketView v = views[depth];
        MemorySegment s = v.segment();
        long base = v.base();
        MemorySegment.copy(s, base, s, base + PacketView.VLAN_TAG, MACS);
        v.wrap(s, base + PacketView.VLAN_TAG, v.length() - PacketView.VLAN_TAG).parse();
    }
}
