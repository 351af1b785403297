package io.flowlb.controller.master;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.ProblemLog;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LB control thread as an {@link EventScheduler}: tasks run on {@code lb-control} through
 * {@link LbService#execute}; timers wait on one small timer thread ({@code lb-timer}) and then post
 * their task to {@code lb-control}, so every timed task runs on the thread that owns LB state.
 * The clock is the wall clock, the one agent reports are stamped with.
 *
 * <p>This lets the resource manager and the master module be written against
 * {@link EventScheduler} and tested with a manual clock on the test thread.
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public final class ControlScheduler implements EventScheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlScheduler.class);

    private final LbService lb;
    private final ScheduledThreadPoolExecutor timer;
    private final ProblemLog dropped;

    public ControlScheduler(LbService lb, MetricRegistry metrics) {
        this.lb = lb;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon(true).name("lb-timer")
                .unstarted(r));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.dropped = new ProblemLog(LOG, metrics.counter("flowlb_control_timer_dropped_total",
                "Timed tasks that could not be posted to the LB control thread (stopped or full), by task.", "task"));
    }

    @Override
    public void execute(Runnable task) {
        lb.execute(task);
    }

    @Override
    public Cancellable schedulePeriodic(String name, long initialDelayMillis, long periodMillis, Runnable task) {
        ScheduledFuture<?> f = timer.scheduleAtFixedRate(() -> post(name, task), initialDelayMillis, periodMillis,
                TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable scheduleOnce(String name, long delayMillis, Runnable task) {
        ScheduledFuture<?> f = timer.schedule(() -> post(name, task), delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean inEventThread() {
        return lb.inControlThread();
    }

    private void post(String name, Runnable task) {
        try {
            lb.execute(task);
        } catch (RejectedExecutionException e) {
            dropped.record(name, "timed task " + name + " not run: " + e.getMessage(), null);
        }
    }

    /** Stops the timer thread; tasks already posted still run on the control thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
