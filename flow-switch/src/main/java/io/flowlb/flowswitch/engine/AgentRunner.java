package io.flowlb.flowswitch.engine;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Agent} on a dedicated thread named after its role: {@code doWork()} in a loop,
 * idling through an {@link IdleStrategy} when there was no work, until {@link #close()}.
 *
 * <p>An exception from {@code doWork()} never ends the thread: it is counted, logged once per
 * exception class (a frame that makes the pipeline throw at line rate must not flood the log),
 * and the loop goes on after one idle step.
 *
 * <p>Thread safety: {@link #start()} and {@link #close()} from the controlling thread; the
 * counters from any thread.
 */
public final class AgentRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
    private static final long JOIN_MILLIS = 5_000;

    private final Agent agent;
    private final IdleStrategy idle;
    private final Thread thread;
    private final Set<Class<?>> reported = new HashSet<>();
    private volatile boolean running = true;
    private volatile long errors;
    private volatile boolean started;

    public AgentRunner(Agent agent, IdleStrategy idle) {
        this.agent = agent;
        this.idle = idle;
        this.thread = new Thread(this::run, agent.roleName());
    }

    /** Starts the agent's thread. */
    public void start() {
        if (started) {
            throw new IllegalStateException(agent.roleName() + " already started");
        }
        started = true;
        thread.start();
    }

    /** Exceptions thrown by the agent so far. */
    public long errors() {
        return errors;
    }

    /** True while the thread runs the agent's loop. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    public Agent agent() {
        return agent;
    }

    /** The agent's thread (for CPU accounting in tests and diagnostics). */
    public Thread thread() {
        return thread;
    }

    private void run() {
        try {
            agent.onStart();
        } catch (RuntimeException e) {
            LOG.error("{}: failed to start, not running: {}", agent.roleName(), e.toString(), e);
            errors++;
            running = false;
        }
        while (running) {
            try {
                idle.idle(agent.doWork());
            } catch (Throwable t) {
                onError(t);
                idle.idle(0);
            }
        }
        try {
            agent.onClose();
        } catch (RuntimeException e) {
            LOG.warn("{}: failed to close cleanly: {}", agent.roleName(), e.toString());
        }
    }

    private void onError(Throwable t) {
        errors++;
        if (reported.add(t.getClass())) {
            LOG.error("{}: {} (further {} are counted, not logged)", agent.roleName(), t.toString(),
                    t.getClass().getSimpleName(), t);
        }
    }

    /** Stops the loop, waits for {@code onClose()} to finish and the thread to end. */
    @Override
    public void close() {
        running = false;
        if (!started || Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: still running {} ms after close", agent.roleName(), JOIN_MILLIS);
        }
    }
}
