package io.flowlb.bench.flowsetup;

import java.util.Arrays;

/**
 * The packet-ins of one switch that await an answer, keyed by tag. Tags count up from 1 and stay
 * below 2^31 (so a tag is never the NO_BUFFER value when used as a buffer id); a tag's slot is
 * {@code tag & mask}. An answer counts once: a second answer for the same tag, or one for a tag
 * never sent or already expired, is "unmatched". An entry still waiting when its slot comes
 * round again, or older than the timeout, expires (the controller dropped it), which gives its
 * credit back so a lossy controller cannot stall the window.
 *
 * <p>Thread safety: confined to the switch's event loop.
 */
final class OutstandingWindow {
    private static final int TAG_MASK = 0x7fff_ffff;

    private final int mask;
    private final int[] tags;
    private final long[] sentAt;
    private int nextTag;
    private int outstanding;
    private long expired;
    private long rttSum;
    private long rttCount;
    private long rttMin = Long.MAX_VALUE;
    private long rttMax;

    /** @param capacity at least the largest window that will be used */
    OutstandingWindow(int capacity) {
        this(capacity, 1);
    }

    /** @param firstTag the first tag to hand out (tests start near the wrap) */
    OutstandingWindow(int capacity, int firstTag) {
        if (firstTag <= 0) {
            throw new IllegalArgumentException("tags are positive, not " + firstTag);
        }
        this.nextTag = firstTag;
        int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        this.mask = size - 1;
        this.tags = new int[size];
        this.sentAt = new long[size];
    }

    int capacity() {
        return mask + 1;
    }

    int outstanding() {
        return outstanding;
    }

    /** Records a packet-in sent at {@code now} and returns its tag. */
    int issue(long now) {
        int tag = nextTag;
        nextTag = (tag + 1) & TAG_MASK;
        if (nextTag == 0) {
            nextTag = 1;
        }
        int slot = tag & mask;
        if (tags[slot] != 0) {
            expired++;
            outstanding--;
        }
        tags[slot] = tag;
        sentAt[slot] = now;
        outstanding++;
        return tag;
    }

    /** True when {@code tag} was waiting: it no longer is, and its round trip is recorded. */
    boolean answer(long tag, long now) {
        if (tag <= 0 || tag > TAG_MASK) {
            return false;
        }
        int slot = (int) tag & mask;
        if (tags[slot] != (int) tag) {
            return false;
        }
        tags[slot] = 0;
        outstanding--;
        long rtt = now - sentAt[slot];
        rttSum += rtt;
        rttCount++;
        rttMin = Math.min(rttMin, rtt);
        rttMax = Math.max(rttMax, rtt);
        return true;
    }

    /** Expires every entry sent before {@code sentBefore}; returns how many. */
    int expireOlderThan(long sentBefore) {
        if (outstanding == 0) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            if (tags[i] != 0 && sentAt[i] - sentBefore < 0) {
                tags[i] = 0;
                n++;
            }
        }
        outstanding -= n;
        expired += n;
        return n;
    }

    /** Forgets every waiting entry without counting it (between phases). */
    void clear() {
        Arrays.fill(tags, 0);
        outstanding = 0;
    }

    /** Starts the round-trip statistics afresh (the measured phase should not see the learning phase's). */
    void resetRoundTrips() {
        rttSum = 0;
        rttCount = 0;
        rttMin = Long.MAX_VALUE;
        rttMax = 0;
    }

    long expired() {
        return expired;
    }

    long rttSumNanos() {
        return rttSum;
    }

    long rttCount() {
        return rttCount;
    }

    long rttMinNanos() {
        return rttCount == 0 ? 0 : rttMin;
    }

    long rttMaxNanos() {
        return rttMax;
    }
}
