package io.flowlb.flowswitch.engine;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.NetPort;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The packet engine of one switching thread (Fig. 5 of the design): it owns the receive side of
 * a disjoint set of ports and one {@link FrameHandler} (the pipeline). Each {@link #doWork()}
 * runs the commands other threads queued, then polls every owned port for a burst of up to
 * {@code burst} frames, calling {@link FrameHandler#endOfBurst()} after each non-empty burst;
 * a round with no frame gives the pipeline {@link FrameHandler#doIdleWork} with a budget of
 * {@link #IDLE_BUDGET}; and every {@link #HOUSEKEEPING_NANOS} it runs the ports'
 * {@link NetPort#housekeeping()}.
 *
 * <p>Ownership: the port array, the handler and the ports' receive sides are touched only by
 * the poller's thread. Other threads change the set of ports through {@link #addPort} and
 * {@link #removePort}, which travel through the bounded {@link CommandQueue}; before the
 * poller starts, {@link #assign} may be called by the thread that builds it.
 */
public final class Poller implements Agent, FdSource {
    public static final int DEFAULT_BURST = 32;
    public static final int DEFAULT_COMMAND_CAPACITY = 256;
    public static final long HOUSEKEEPING_NANOS = 100_000_000L;
    public static final int IDLE_BUDGET = 64;
    private static final int COMMANDS_PER_WORK = 16;

    private final String roleName;
    private final FrameHandler handler;
    private final NanoClock clock;
    private final int burst;
    private final CommandQueue<Runnable> commands;
    private NetPort[] ports = new NetPort[0];
    private long nextHousekeeping;

    public Poller(String roleName, FrameHandler handler, NanoClock clock) {
        this(roleName, handler, clock, DEFAULT_BURST, DEFAULT_COMMAND_CAPACITY);
    }

    public Poller(String roleName, FrameHandler handler, NanoClock clock, int burst, int commandCapacity) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, not " + burst);
        }
        this.roleName = roleName;
        this.handler = handler;
        this.clock = clock;
        this.burst = burst;
        this.commands = new CommandQueue<>(commandCapacity);
        this.nextHousekeeping = clock.nanoTime() + HOUSEKEEPING_NANOS;
    }

    @Override
    public String roleName() {
        return roleName;
    }

    /** The pipeline this poller feeds. */
    public FrameHandler handler() {
        return handler;
    }

    /** Adds a port before the poller's thread starts (the builder's thread only). */
    void assign(NetPort port) {
        ports = withPort(ports, port);
    }

    /**
     * Queues {@code command} to run on the poller's thread before its next poll. Any thread.
     * Returns false when the queue is full (the poller is stuck or flooded).
     */
    public boolean execute(Runnable command) {
        return commands.offer(command);
    }

    /** Has the poller take over the receive side of {@code port}; completes on its thread. */
    public CompletableFuture<Void> addPort(NetPort port) {
        return submit(() -> ports = withPort(ports, port));
    }

    /**
     * Has the poller stop polling {@code port}; completes on its thread once it no longer
     * touches the port's receive side, so the caller may then move or close it.
     */
    public CompletableFuture<Void> removePort(NetPort port) {
        return submit(() -> ports = withoutPort(ports, port));
    }

    private CompletableFuture<Void> submit(Runnable change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean queued = commands.offer(() -> {
            change.run();
            done.complete(null);
        });
        if (!queued) {
            done.completeExceptionally(new IllegalStateException(roleName + ": command queue full"));
        }
        return done;
    }

    /** A copy of the owned ports. Poller thread only (or after it stopped). */
    public NetPort[] ports() {
        return ports.clone();
    }

    @Override
    public int doWork() {
        int work = commands.drain(Runnable::run, COMMANDS_PER_WORK);
        NetPort[] owned = ports;
        for (NetPort port : owned) {
            int frames = port.poll(handler, burst);
            if (frames > 0) {
                handler.endOfBurst();
                work += frames;
            }
        }
        long now = clock.nanoTime();
        if (work == 0) {
            work = handler.doIdleWork(now, IDLE_BUDGET);
        }
        if (now - nextHousekeeping >= 0) {
            nextHousekeeping = now + HOUSEKEEPING_NANOS;
            for (NetPort port : owned) {
                port.housekeeping();
            }
        }
        return work;
    }

    @Override
    public int fdCount() {
        return ports.length;
    }

    @Override
    public int fd(int index) {
        return ports[index].pollFd();
    }

    private static NetPort[] withPort(NetPort[] current, NetPort port) {
        for (NetPort p : current) {
            if (p == port) {
                return current;
            }
        }
        NetPort[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = port;
        return grown;
    }

    private static NetPort[] withoutPort(NetPort[] current, NetPort port) {
        int n = 0;
        NetPort[] kept = new NetPort[current.length];
        for (NetPort p : current) {
            if (p != port) {
                kept[n++] = p;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    @Override
    public String toString() {
        return roleName + " " + Arrays.toString(ports);
    }
}
