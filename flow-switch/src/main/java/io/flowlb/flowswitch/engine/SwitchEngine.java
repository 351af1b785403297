package io.flowlb.flowswitch.engine;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.afpacket.LinkMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch's threads: N {@link Poller}s that share the ports round-robin (port {@code i} is
 * received by poller {@code i % N}), each feeding its own pipeline, plus one housekeeping thread
 * for slower agents (the {@link LinkMonitor}, flow expiry). Any poller may transmit on any port
 * through the transmit queues its pipeline opened.
 *
 * <p>In {@link ThreadingMode#DEDICATED} each poller and the housekeeping agents get their own
 * {@link AgentRunner} thread, each poller optionally pinned to a CPU ({@link PinnedAgent}). In
 * {@link ThreadingMode#INVOKER} no thread is started: the caller (a test) drives everything with
 * {@link #doWork()}, usually with a {@link ManualNanoClock}.
 *
 * <p>Thread safety: {@link #start()}, {@link #doWork()} and {@link #close()} are called by the
 * controlling thread; the pollers' commands and counters may be used from any thread.
 */
public final class SwitchEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchEngine.class);
    /** The longest a housekeeping thread with nothing to do sleeps before it looks again. */
    public static final int HOUSEKEEPING_TIMEOUT_MILLIS = 100;

    /** Who runs the agents. */
    public enum ThreadingMode {
        /** One thread per poller, one for housekeeping. */
        DEDICATED,
        /** No threads: the caller runs every agent with {@link SwitchEngine#doWork()}. */
        INVOKER
    }

    private final List<NetPort> ports;
    private final List<Poller> pollers;
    private final CompositeAgent housekeeping;
    private final ThreadingMode mode;
    private final IdleMode idleMode;
    private final boolean closePorts;
    private final List<Integer> cpus;
    private final List<AgentRunner> runners = new ArrayList<>();
    private boolean started;
    private boolean closed;

    private SwitchEngine(Builder b) {
        this.ports = List.copyOf(b.ports);
        this.mode = b.mode;
        this.idleMode = b.idleMode;
        this.closePorts = b.closePorts;
        this.cpus = List.copyOf(b.cpus);
        List<Poller> built = new ArrayList<>(b.pollers);
        for (int i = 0; i < b.pollers; i++) {
            FrameHandler pipeline = Objects.requireNonNull(b.pipelines.apply(i), "pipeline " + i);
            built.add(new Poller("poller-" + i, pipeline, b.clock, b.burst, Poller.DEFAULT_COMMAND_CAPACITY));
        }
        for (int i = 0; i < ports.size(); i++) {
            built.get(i % built.size()).assign(ports.get(i));
        }
        this.pollers = List.copyOf(built);
        this.housekeeping = b.housekeeping.isEmpty() ? null : new CompositeAgent("housekeeping", b.housekeeping);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the threads (dedicated mode) or runs every agent's {@code onStart()} (invoker mode). */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("engine already started or closed");
        }
        started = true;
        if (mode == ThreadingMode.INVOKER) {
            pollers.forEach(Agent::onStart);
            if (housekeeping != null) {
                housekeeping.onStart();
            }
            return;
        }
        for (int i = 0; i < pollers.size(); i++) {
            Poller poller = pollers.get(i);
            Agent agent = cpus.isEmpty() ? poller : new PinnedAgent(poller, cpus.get(i % cpus.size()));
            runners.add(new AgentRunner(agent, idleMode.create(poller)));
        }
        if (housekeeping != null) {
            runners.add(new AgentRunner(housekeeping, new PollIdleStrategy(housekeeping, 0, 0, HOUSEKEEPING_TIMEOUT_MILLIS)));
        }
        runners.forEach(AgentRunner::start);
        LOG.info("switch engine started: {} poller(s) over {} port(s), idle {}", pollers.size(), ports.size(), idleMode);
    }

    /**
     * Invoker mode: one {@code doWork()} of every poller, then of the housekeeping agents, on
     * the calling thread. Returns the total work done. Exceptions propagate to the caller.
     */
    public int doWork() throws Exception {
        if (mode != ThreadingMode.INVOKER || !started || closed) {
            throw new IllegalStateException("doWork() is for a started engine in INVOKER mode");
        }
        int work = 0;
        for (Poller poller : pollers) {
            work += poller.doWork();
        }
        if (housekeeping != null) {
            work += housekeeping.doWork();
        }
        return work;
    }

    public List<Poller> pollers() {
        return pollers;
    }

    public List<NetPort> ports() {
        return ports;
    }

    /** The poller that receives {@code port}'s frames (as assigned at build time). */
    public Poller pollerOf(NetPort port) {
        int i = ports.indexOf(port);
        if (i < 0) {
            throw new IllegalArgumentException(port + " is not a port of this engine");
        }
        return pollers.get(i % pollers.size());
    }

    /** The runners of dedicated mode (empty in invoker mode or before start). */
    public List<AgentRunner> runners() {
        return List.copyOf(runners);
    }

    /** Exceptions thrown by agents so far (dedicated mode). */
    public long errors() {
        long sum = 0;
        for (AgentRunner runner : runners) {
            sum += runner.errors();
        }
        return sum;
    }

    /**
     * Stops every thread (waiting for each to finish its loop), then closes the ports, which
     * unmaps their rings. Threads outside the engine that hold transmit queues (the OpenFlow
     * agent) must be stopped first.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        runners.forEach(AgentRunner::close);
        if (mode == ThreadingMode.INVOKER && started) {
            pollers.forEach(Agent::onClose);
            if (housekeeping != null) {
                housekeeping.onClose();
            }
        }
        if (closePorts) {
            for (NetPort port : ports) {
                try {
                    port.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing {} failed: {}", port, e.toString());
                }
            }
        }
    }

    /** Collects the engine's parts; {@link #build()} checks them. */
    public static final class Builder {
        private final List<NetPort> ports = new ArrayList<>();
        private final List<Agent> housekeeping = new ArrayList<>();
        private IntFunction<? extends FrameHandler> pipelines;
        private int pollers = 1;
        private int burst = Poller.DEFAULT_BURST;
        private IdleMode idleMode = IdleMode.POLL;
        private NanoClock clock = SystemNanoClock.INSTANCE;
        private ThreadingMode mode = ThreadingMode.DEDICATED;
        private boolean closePorts = true;
        private final List<Integer> cpus = new ArrayList<>();

        private Builder() {
        }

        /**
         * Pins poller {@code i} to CPU {@code cpus[i % cpus.size()]} (dedicated mode); empty (the
         * default) leaves the pollers to the scheduler.
         */
        public Builder cpus(List<Integer> list) {
            cpus.clear();
            cpus.addAll(list);
            return this;
        }

        /** The switch's ports, in OpenFlow port order. */
        public Builder ports(List<? extends NetPort> list) {
            ports.addAll(list);
            return this;
        }

        /** How many poller threads (default 1). */
        public Builder pollers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("--pollers must be at least 1, not " + count);
            }
            this.pollers = count;
            return this;
        }

        /** Creates poller {@code i}'s pipeline; called once per poller, on the building thread. */
        public Builder pipelines(IntFunction<? extends FrameHandler> factory) {
            this.pipelines = factory;
            return this;
        }

        /** Frames per port per poll (default 32). */
        public Builder burst(int frames) {
            this.burst = frames;
            return this;
        }

        public Builder idleMode(IdleMode mode) {
            this.idleMode = Objects.requireNonNull(mode);
            return this;
        }

        public Builder clock(NanoClock nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock);
            return this;
        }

        public Builder threadingMode(ThreadingMode threadingMode) {
            this.mode = Objects.requireNonNull(threadingMode);
            return this;
        }

        /** Runs {@code agent} on the housekeeping thread. */
        public Builder housekeeping(Agent agent) {
            housekeeping.add(Objects.requireNonNull(agent));
            return this;
        }

        /** Runs the link monitor on the housekeeping thread (and closes it with the engine). */
        public Builder linkMonitor(LinkMonitor monitor) {
            return housekeeping(new LinkMonitorAgent(monitor));
        }

        /** Whether {@link SwitchEngine#close()} closes the ports (default true). */
        public Builder closePortsOnClose(boolean close) {
            this.closePorts = close;
            return this;
        }

        public SwitchEngine build() {
            if (pipelines == null) {
                throw new IllegalStateException("no pipeline factory: call pipelines(...)");
            }
            return new SwitchEngine(this);
        }
    }
}
