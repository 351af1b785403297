package io.flowlb.controller.openflow;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.core.FaultLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way from the sessions' event loops to the event thread and back, in batches.
 *
 * <p>Design: sessions post their work here (a burst of messages as one {@link AsyncBatch}, and
 * connect, disconnect and port events) in one queue, so each session's events keep their order.
 * One drain task on the event thread runs what is queued, up to {@value #MAX_TASKS_PER_DRAIN}
 * tasks, then re-posts itself behind the scheduler's other work (timers, commands) if more is
 * waiting; a burst of posts costs one wake-up of the event thread, not one per message, and none
 * when the sessions live on the event thread's own loop (the drain then runs after that loop
 * has read every switch that was ready, so one pass answers them all).
 *
 * <p>While a drain runs, what the event thread sends to a switch is deferred
 * ({@link #defersSends()}) into that session's {@link OutboundBatch}; when the drain ends each
 * session with deferred messages hands them to its event loop as one task that writes them with
 * one flush. A send that must overtake nothing (a tracked request) flushes its session's
 * deferred messages first, so per-thread order is kept.
 *
 * <p>Thread safety: {@link #post} may be called from any thread (a lock-free queue and an atomic
 * flag that makes sure exactly one drain is pending while work is queued); everything else runs
 * on the event thread.
 */
final class SessionInbox {
    private static final Logger LOG = LoggerFactory.getLogger(SessionInbox.class);
    /** Tasks one drain runs before letting the event thread's other work in. */
    static final int MAX_TASKS_PER_DRAIN = 64;

    private final EventScheduler events;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final FaultLog faults = new FaultLog(LOG, "session event");
    /** True while a drain runs (event thread only). */
    private boolean draining;
    /** Sessions holding messages deferred during the current drain (event thread only). */
    private final List<OfSwitchSession> deferred = new ArrayList<>();

    SessionInbox(EventScheduler events) {
        this.events = events;
    }

    /** Queues a task for the event thread, behind everything posted before it. */
    void post(Runnable task) {
        queue.offer(task);
        if (!drainPending.get() && drainPending.compareAndSet(false, true)) {
            events.execute(drain);
        }
    }

    /** True on the event thread while a drain runs: sends wait for its end. */
    boolean defersSends() {
        return events.inEventThread() && draining;
    }

    /** Registers a session that holds deferred messages (event thread, during a drain). */
    void deferredFor(OfSwitchSession s) {
        deferred.add(s);
    }

    private void drain() {
        boolean outermost = !draining;
        draining = true;
        try {
            for (int n = 0; n < MAX_TASKS_PER_DRAIN; n++) {
                Runnable task = queue.poll();
                if (task == null) {
                    break;
                }
                runGuarded(task);
            }
        } finally {
            if (outermost) {
                draining = false;
                flushDeferred();
            }
            drainPending.set(false);
            if (!queue.isEmpty() && drainPending.compareAndSet(false, true)) {
                events.execute(drain);
            }
        }
    }

    private void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            faults.record(task.getClass().getName(), e);
        }
    }

    private void flushDeferred() {
        for (int i = 0; i < deferred.size(); i++) {
            deferred.get(i).flushDeferred();
        }
        deferred.clear();
    }

    /** Tasks that threw (their listeners' own failures are counted by the listener lists). */
    long faults() {
        return faults.total();
    }
}
