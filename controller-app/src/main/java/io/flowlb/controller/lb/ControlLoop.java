package io.flowlb.controller.lb;

import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.ProblemLog;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named thread that runs posted tasks one at a time, in the order they were posted: the
 * single owner of whatever state those tasks touch.
 *
 * <p>The queue is bounded ({@value #CAPACITY} tasks): a producer faster than the loop gets a
 * {@link RejectedExecutionException} instead of exhausting memory. A task that throws is counted
 * and logged once per kind, and the loop goes on. Closing runs the tasks already queued, then
 * fails the rest.
 *
 * <p>Thread safety: {@link #execute}, {@link #submit} and {@link #close} may be called from any
 * thread.
 */
final class ControlLoop implements AutoCloseable {
    static final int CAPACITY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private final Thread thread;
    private final ProblemLog failures;
    private boolean stopping;

    ControlLoop(String name, MetricRegistry metrics) {
        this.failures = new ProblemLog(LOG, metrics.counter("flowlb_control_task_failures_total",
                "Tasks on the load-balancer control thread that threw, by exception.", "kind"));
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    int queued() {
        return queue.size();
    }

    /** Queues a task; throws {@link RejectedExecutionException} when stopped or full. */
    void execute(Runnable task) {
        synchronized (lifecycle) {
            if (stopping) {
                throw new RejectedExecutionException(thread.getName() + " is stopped");
            }
            if (queue.size() >= CAPACITY) {
                throw new RejectedExecutionException(thread.getName() + " has " + CAPACITY + " tasks queued");
            }
            queue.add(task);
        }
    }

    /** Queues a task and completes with its result; a rejected task gives a failed future. */
    <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            execute(() -> {
                try {
                    f.complete(task.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                continue;
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                failures.record(t.getClass().getName(), "a task on " + thread.getName() + " threw " + t, t);
            }
        }
    }

    /** Runs what is queued, then stops the thread (waiting at most five seconds). */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
            queue.add(STOP);
        }
        if (inLoop()) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within 5 s; {} tasks were still queued", thread.getName(), queue.size());
        }
    }
}
