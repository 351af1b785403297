package io.flowlb.controller.resource;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.metrics.ProblemLog;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One probe repeated forever on the control scheduler until stopped: the timer fires on the
 * control thread, which sets the next firing first (so a slow probe never shifts the schedule)
 * and hands the blocking probe to the I/O executor; the probe's result comes back as a task on
 * the control thread and reaches {@code onResult} unless the loop was stopped meanwhile.
 *
 * <p>A probe still running when its next turn comes makes that turn skip (counted as
 * {@code overrun}). A result the control thread cannot take (queue full) is counted as
 * {@code result_dropped}; the next turn runs anyway.
 *
 * <p>Thread safety: {@link #start}, {@link #stop} and the result callback run on the control
 * thread; the probe on an I/O thread; {@code inFlight} is shared between them.
 */
final class ProbeLoop<T> {
    private final EventScheduler control;
    private final Executor io;
    private final String name;
    private final LongSupplier nextDelay;
    private final Supplier<T> probe;
    private final Function<RuntimeException, T> onThrow;
    private final Consumer<T> onResult;
    private final ProblemLog problems;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private EventScheduler.Cancellable timer;
    private boolean stopped;

    /**
     * @param name names the loop in logs and timers ("health check of member m1 by monitor http")
     * @param nextDelay the delay before the next turn, asked at each turn (jitter)
     * @param probe blocks for at most its timeout; runs on {@code io}
     * @param onThrow the result to report when the probe throws (a bug: probes report failures)
     * @param onResult takes each result on the control thread
     */
    ProbeLoop(EventScheduler control, Executor io, String name, LongSupplier nextDelay, Supplier<T> probe,
              Function<RuntimeException, T> onThrow, Consumer<T> onResult, ProblemLog problems) {
        this.control = control;
        this.io = io;
        this.name = name;
        this.nextDelay = nextDelay;
        this.probe = probe;
        this.onThrow = onThrow;
        this.onResult = onResult;
        this.problems = problems;
    }

    void start(long firstDelayMillis) {
        timer = control.scheduleOnce(name, firstDelayMillis, this::due);
    }

    /** Stops the loop at once: no further turn, and a result still on its way is dropped. */
    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }

    private void due() {
        if (stopped) {
            return;
        }
        timer = control.scheduleOnce(name, nextDelay.getAsLong(), this::due);
        if (!inFlight.compareAndSet(false, true)) {
            problems.record("overrun", name + " outlasted its interval; that turn was skipped", null);
            return;
        }
        try {
            io.execute(this::run);
        } catch (RejectedExecutionException e) {
            inFlight.set(false);
        }
    }

    private void run() {
        T result;
        try {
            result = probe.get();
        } catch (RuntimeException e) {
            result = onThrow.apply(e);
        } finally {
            inFlight.set(false);
        }
        T r = result;
        try {
            control.execute(() -> {
                if (!stopped) {
                    onResult.accept(r);
                }
            });
        } catch (RejectedExecutionException e) {
            problems.record("result_dropped", "a result of " + name + " was dropped: " + e.getMessage(), null);
        }
    }
}
