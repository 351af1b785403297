package io.flowlb.controller.core;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link EventScheduler}: one daemon thread (named {@code flowlb-events}) that is a
 * Netty event loop.
 *
 * <p>Design: being an event loop, the event thread can also serve channels itself
 * ({@link #loop()}): switch connections registered on it are read, decided on and answered on
 * this one thread, so a lone PACKET_IN costs no hand-off between threads and no wake-up of a
 * second one (see the {@code openflow} package). Tasks and timers run between the loop's reads,
 * in the order they were queued; a task queued from the loop itself costs no wake-up.
 *
 * <p>A task that throws is caught, counted and logged once per task name and exception class by
 * {@link FaultLog}, so one faulty component never stops the thread or its periodic schedule.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class LoopEventScheduler implements EventScheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopEventScheduler.class);

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final FaultLog faults = new FaultLog(LOG, "event task");

    public LoopEventScheduler(String threadName) {
        this.group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new FastThreadLocalThread(r, threadName);
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        this.loop = group.next();
    }

    /** The event thread as a Netty event loop, for channels whose events it handles itself. */
    public EventLoop loop() {
        return loop;
    }

    @Override
    public void execute(Runnable task) {
        try {
            loop.execute(() -> runGuarded("event", task));
        } catch (RejectedExecutionException e) {
            // shutting down: queued work is dropped, as documented on close()
        }
    }

    @Override
    public Cancellable schedulePeriodic(String name, long initialDelayMillis, long periodMillis, Runnable task) {
        ScheduledFuture<?> f = loop.scheduleWithFixedDelay(() -> runGuarded(name, task), initialDelayMillis,
                periodMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable scheduleOnce(String name, long delayMillis, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(() -> runGuarded(name, task), delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean inEventThread() {
        return loop.inEventLoop();
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

    /**
     * Stops the thread (and closes the channels still registered on it) after the tasks already
     * queued; later ones are dropped. Waits up to three seconds.
     */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
