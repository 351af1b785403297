package io.flowlb.controller.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EventScheduler} for tests: {@link #execute} runs the task at once on the calling
 * thread (or queues it while {@linkplain #hold holding}), and scheduled tasks run when the test moves the manual clock with {@link #advance}.
 */
public final class ManualEventScheduler implements EventScheduler {
    private final List<Timer> timers = new ArrayList<>();
    private final List<Runnable> queued = new ArrayList<>();
    private boolean holding;
    private long now;

    public ManualEventScheduler(long startMillis) {
        this.now = startMillis;
    }

    public ManualEventScheduler() {
        this(1_000_000L);
    }

    @Override
    public void execute(Runnable task) {
        if (holding) {
            queued.add(task);
        } else {
            task.run();
        }
    }

    /** While holding, {@link #execute} queues tasks instead of running them (a busy event thread). */
    public void hold(boolean hold) {
        this.holding = hold;
    }

    /** Runs the tasks queued while holding. */
    public void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        for (Runnable r : now) {
            r.run();
        }
    }

    @Override
    public Cancellable schedulePeriodic(String name, long initialDelayMillis, long periodMillis, Runnable task) {
        Timer t = new Timer(now + initialDelayMillis, periodMillis, task);
        timers.add(t);
        return () -> timers.remove(t);
    }

    @Override
    public Cancellable scheduleOnce(String name, long delayMillis, Runnable task) {
        Timer t = new Timer(now + delayMillis, 0, task);
        timers.add(t);
        return () -> timers.remove(t);
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public boolean inEventThread() {
        return true;
    }

    /** Moves the clock forward, running every task that falls due, in time order. */
    public void advance(long millis) {
        long end = now + millis;
        while (true) {
            Timer next = null;
            for (Timer t : timers) {
                if (t.due <= end && (next == null || t.due < next.due)) {
                    next = t;
                }
            }
            if (next == null) {
                break;
            }
            now = Math.max(now, next.due);
            if (next.period > 0) {
                next.due += next.period;
            } else {
                timers.remove(next);
            }
            next.task.run();
        }
        now = end;
    }

    private static final class Timer {
        long due;
        final long period;
        final Runnable task;

        Timer(long due, long period, Runnable task) {
            this.due = due;
            this.period = period;
            this.task = task;
        }
    }
}
