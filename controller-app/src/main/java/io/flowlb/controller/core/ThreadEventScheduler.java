package io.flowlb.controller.core;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link EventScheduler}: one daemon thread named {@code flowlb-events}.
 *
 * <p>A task that throws is caught, counted and logged once per task name and exception class by
 * {@link FaultLog}, so one faulty component never stops the thread or its periodic schedule.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class ThreadEventScheduler implements EventScheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadEventScheduler.class);

    private final ScheduledThreadPoolExecutor executor;
    private final FaultLog faults = new FaultLog(LOG, "event task");
    private volatile Thread thread;

    public ThreadEventScheduler(String threadName) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        if (executor.isShutdown()) {
            return;
        }
        executor.execute(() -> runGuarded("event", task));
    }

    @Override
    public Cancellable schedulePeriodic(String name, long initialDelayMillis, long periodMillis, Runnable task) {
        ScheduledFuture<?> f = executor.scheduleWithFixedDelay(() -> runGuarded(name, task), initialDelayMillis,
                periodMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable scheduleOnce(String name, long delayMillis, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(() -> runGuarded(name, task), delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean inEventThread() {
        return Thread.currentThread() == thread;
    }

    /** The failures counted so far (tasks that threw). */
    public long faults() {
        return faults.total();
    }

    private void runGuarded(String name, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            faults.record(name, e);
        }
    }

    /** Stops the thread; queued tasks are dropped. Waits up to two seconds for the current one. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
