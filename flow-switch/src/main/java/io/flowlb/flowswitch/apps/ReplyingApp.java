package io.flowlb.flowswitch.apps;

import io.flowlb.loadbalancer.packet.PacketView;

/**
 * The common shape of the shipped applications: take a buffer from the pool, build the answer
 * to the frame in it, send it back out of the port the frame came in on, and count what
 * happened (answers by kind, frames ignored, pool exhausted).
 *
 * <p>Thread safety: one instance per poller.
 */
abstract class ReplyingApp implements SwitchApp {
    /** Counter index of frames not answered (not applicable). */
    static final int IGNORED = 0;
    /** Counter index of frames not answered for lack of a buffer. */
    static final int NO_BUFFER = 1;

    private final AppCounters counters;

    /** @param prefix counter name prefix; {@code kinds} name the answer counters, from index 2 */
    ReplyingApp(String prefix, String... kinds) {
        String[] names = new String[2 + kinds.length];
        names[IGNORED] = prefix + "_ignored";
        names[NO_BUFFER] = prefix + "_no_buffer";
        for (int i = 0; i < kinds.length; i++) {
            names[2 + i] = prefix + "_" + kinds[i];
        }
        counters = new AppCounters(names);
    }

    /**
     * Writes the answer to {@code frame} into {@code buffer}; returns its length, or a negative
     * value when the frame gets no answer.
     */
    abstract int build(PacketView frame, FrameBuffer buffer);

    /** Answers {@code frame} out of {@code inPort}, counting into {@code kindCounter} when sent. */
    final void reply(AppContext ctx, int inPort, PacketView frame, int kindCounter) {
        FrameBuffer buf = ctx.acquire();
        if (buf == null) {
            count(NO_BUFFER);
            return;
        }
        int len = build(frame, buf);
        if (len < 0) {
            ctx.release(buf);
            count(IGNORED);
            return;
        }
        ctx.send(inPort, buf, len);
        count(kindCounter);
    }

    final void count(int index) {
        counters.increment(index);
    }

    @Override
    public String[] counterNames() {
        return counters.names();
    }

    @Override
    public long counter(int index) {
        return counters.get(index);
    }
}
