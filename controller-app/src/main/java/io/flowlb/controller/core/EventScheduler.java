package io.flowlb.controller.core;

import java.util.concurrent.Executor;

/**
 * The controller's event thread: the one thread that owns network state (switch events,
 * PACKET_IN processing, hosts, links, topology, L2 forwarding). Netty event loops and timers hand
 * work to it with {@link #execute}; nothing else mutates that state.
 *
 * <p>Design: an interface so that tests run every component on the test thread with a manual
 * clock ({@code ManualEventScheduler} in the test sources), and the program runs them on one
 * dedicated thread ({@link LoopEventScheduler}, a Netty event loop that may also serve the switch
 * connections).
 *
 * <p>Thread safety: {@link #execute}, {@link #schedulePeriodic} and {@link #nowMillis} may be called
 * from any thread.
 */
public interface EventScheduler extends Executor {

    /**
     * Runs {@code task} on the event thread every {@code periodMillis}, the first time after
     * {@code initialDelayMillis}. A task that throws is logged and keeps its schedule.
     */
    Cancellable schedulePeriodic(String name, long initialDelayMillis, long periodMillis, Runnable task);

    /** Runs {@code task} once on the event thread after {@code delayMillis}. */
    Cancellable scheduleOnce(String name, long delayMillis, Runnable task);

    /** Wall-clock time of this scheduler in milliseconds (manual in tests). */
    long nowMillis();

    /** True when the calling thread is the event thread (for assertions in owners). */
    boolean inEventThread();

    /** A handle on a scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
