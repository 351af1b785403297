package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.apps.AppDescriptor;
import io.flowlb.flowswitch.apps.BufferPool;
import io.flowlb.flowswitch.apps.SwitchApp;
import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.AggregateStats;
import io.flowlb.flowswitch.datapath.spec.ConnectionTableStats;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowRemoved;
import io.flowlb.flowswitch.datapath.spec.FlowStats;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupStats;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.flowswitch.datapath.spec.PortStats;
import io.flowlb.flowswitch.datapath.spec.PortStatusReason;
import io.flowlb.flowswitch.datapath.spec.TableStats;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.loadbalancer.packet.ParseResult;
import io.flowlb.loadbalancer.select.MaglevTableBuilder;
import io.flowlb.loadbalancer.select.Selector;
import io.flowlb.loadbalancer.table.ConnectionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The datapath of flow-switch: the control state (flows, groups, ports), the snapshots it
 * publishes, and the per-poller {@link Pipeline}s that forward frames with them.
 *
 * <p>Design: control operations mutate the control-side stores, then {@link #publish()} builds
 * a new immutable {@link Snapshot} beside the active one and installs it with one volatile
 * (release) store; pipelines load it once per burst. A publication costs what changed since
 * the previous one, not the size of the tables (the flow structures are copied on write by
 * chunk). FLOW_MODs and GROUP_MODs may be staged ({@link #stageFlowMod}): they change the
 * control state at once (so errors and overlap checks see every earlier change) and are
 * published together by {@link #commit}, by any other control call, by {@link #doWork}, or when
 * the batch reaches {@link #MAX_BATCH} changes or {@link #MAX_BATCH_NANOS}. Counters are written by each pipeline into
 * its own arrays and summed here on demand. Packet-ins travel from each pipeline to
 * {@link #doWork} through a bounded ring.
 *
 * <p>Thread safety: control methods are serialized by this object's monitor (the control plane
 * takes a lock; the pollers never do). {@link #newPipeline} must be called before the pollers
 * start. Pipelines run on their own threads.
 */
public final class Datapath implements DatapathControl, AutoCloseable {
    /** How often timeouts are checked (OpenFlow timeouts have one-second granularity). */
    static final long EXPIRY_PERIOD_NANOS = 100_000_000L;
    /** The packet-out pipeline's own SELECT connections and packet-ins (output:CONTROLLER). */
    private static final int CONTROL_CONNECTIONS = 4_096;
    private static final int CONTROL_PACKET_INS = 64;
    private static final int PACKET_IN_DRAIN_BUDGET = 256;
    /** A staged batch is published once it holds this many changes... */
    static final int MAX_BATCH = 65_536;
    /** ...or once its first change is this old (the agent commits sooner: at the end of each read). */
    static final long MAX_BATCH_NANOS = 5_000_000L;

    /** Connection-table seeds are secret, so no one can aim tuples at one probe cluster. */
    private static final java.security.SecureRandom SEEDS = new java.security.SecureRandom();

    private final DatapathConfig config;
    private final NanoClock clock;
    private final FlowStore flows;
    private final GroupStore groups;
    private final PortTable ports;
    private final DatapathStats stats;
    private final List<ThreadCounters> counters = new ArrayList<>();
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final List<SwitchApp> appInstances = new ArrayList<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Pipeline control;
    private final Pipeline tracer;
    private volatile Snapshot current;
    private volatile Runnable wakeup = () -> { };
    private DatapathListener listener = DatapathListener.NONE;
    private long generation;
    /** Changes applied to the control state since the last publication, and when the first was. */
    private int pendingChanges;
    private volatile long publishCost;
    private long batchStart;
    private final List<FlowRemoved> pendingRemoved = new ArrayList<>();
    private long nextExpiry;

    public Datapath(DatapathConfig config, NanoClock clock) {
        this.config = config;
        this.clock = clock;
        int threads = config.pollers() + 2;
        for (int t = 0; t < threads; t++) {
            boolean tracer = t == config.pollers() + 1; // counts no flow: saves 24 B per flow of capacity
            counters.add(new ThreadCounters(tracer ? 0 : config.maxFlows(), config.tables(), config.maxPorts()));
        }
        this.flows = new FlowStore(config.tables(), config.maxFlows(), new SummedFlowCounters(counters, threads - 1));
        this.groups = new GroupStore(config.maxGroups(), threads, new SelectCompiler(new MaglevTableBuilder()));
        this.ports = new PortTable(config.maxPorts(), config.apps());
        this.stats = new DatapathStats(config, flows, groups, ports, counters, threads - 1);
        publish();
        this.control = build(config.pollers(), false, CONTROL_CONNECTIONS, CONTROL_PACKET_INS);
        this.tracer = build(config.pollers() + 1, true, 0, 1);
    }

    /** The active snapshot (an acquire load). */
    Snapshot current() {
        return current;
    }

    /** Creates the pipeline of the next poller. At most {@link DatapathConfig#pollers()}. */
    public synchronized Pipeline newPipeline() {
        if (pipelines.size() >= config.pollers()) {
            throw new IllegalStateException("all " + config.pollers() + " poller pipelines already exist");
        }
        Pipeline p = build(pipelines.size(), false, config.connectionsPerPoller(), config.packetInRing());
        pipelines.add(p);
        return p;
    }

    private Pipeline build(int thread, boolean dryRun, int connections, int packetInSlots) {
        ThreadCounters c = counters.get(thread);
        PacketContext ctx = new PacketContext();
        FrameStack frames = new FrameStack(GroupStore.MAX_CHAIN + 2);
        PacketInRing ring = new PacketInRing(packetInSlots, config.packetInBytes());
        SwitchApp[] apps = new SwitchApp[PortNumbers.APP_LAST - PortNumbers.APP_FIRST + 1];
        for (AppDescriptor d : config.apps()) {
            SwitchApp app = d.factory().get();
            apps[d.portNo() - PortNumbers.APP_FIRST] = app;
            if (!dryRun) {
                appInstances.add(app);
            }
        }
        OutputStage out = new OutputStage(ctx, frames, c, ring,
                new TokenBucket(config.packetInRate(), config.packetInBurst()), apps,
                new BufferPool(config.appBuffers(), 2048), config.maxPorts(), dryRun);
        ActionEngine engine = new ActionEngine(ctx, frames, out, c);
        ConnectionTable table = connections > 0
                ? new ConnectionTable(connections, config.connectionTimeouts(), SEEDS.nextLong())
                : null;
        Selector selector = table == null ? null : new Selector(table, config.hashSeed(), config.midConnection());
        engine.groups = new GroupStage(ctx, frames, engine, c, thread, selector, config.hashSeed());
        return new Pipeline(this, clock, ctx, c, ring, frames, out, engine,
                new MicroflowCache(config.microflowEntries(), config.microflowInsertOneIn(),
                        config.microflowMinSubtables()), table, selector);
    }

    /** Adds a physical port (before or while the pollers run). */
    public synchronized void addPort(NetPort port) {
        commitPending();
        PortTable.Entry e = ports.add(port, clock.nanoTime());
        publish();
        listener.onPortStatus(PortStatusReason.ADD, e.describe());
    }

    /** Removes a physical port (its interface went away). */
    public synchronized void removePort(int portNo) {
        commitPending();
        PortTable.Entry e = ports.remove(portNo);
        if (e != null) {
            publish();
            listener.onPortStatus(PortStatusReason.DELETE, e.describe());
        }
    }

    @Override
    public int tableCount() {
        return config.tables();
    }

    @Override
    public int maxFlows() {
        return config.maxFlows();
    }

    @Override
    public int maxGroups() {
        return config.maxGroups();
    }

    @Override
    public synchronized DatapathError flowMod(FlowMod mod) {
        DatapathError e = applyFlowMod(mod);
        commitPending();
        return e;
    }

    @Override
    public synchronized DatapathError stageFlowMod(FlowMod mod) {
        DatapathError e = applyFlowMod(mod);
        commitIfBatchFull();
        return e;
    }

    @Override
    public synchronized DatapathError groupMod(GroupModCommand command, GroupSpec spec) {
        DatapathError e = applyGroupMod(command, spec);
        commitPending();
        return e;
    }

    @Override
    public synchronized DatapathError stageGroupMod(GroupModCommand command, GroupSpec spec) {
        DatapathError e = applyGroupMod(command, spec);
        commitIfBatchFull();
        return e;
    }

    @Override
    public synchronized void commit() {
        commitPending();
    }

    @Override
    public long publishCostNanos() {
        return publishCost;
    }

    private DatapathError applyFlowMod(FlowMod mod) {
        long now = clock.nanoTime();
        DatapathError e;
        switch (mod.command()) {
            case ADD -> {
                if (flows.slotsAwaitPublication()) {
                    commitPending();
                }
                e = flows.add(mod.spec(), now, groups::slotOf);
            }
            case MODIFY, MODIFY_STRICT -> e = flows.modify(mod, groups::slotOf);
            default -> {
                int t = mod.spec().tableId();
                if (t != FlowMod.ALL_TABLES && (t < 0 || t >= config.tables())) {
                    return DatapathError.BAD_TABLE_ID;
                }
                changed(now, flows.delete(mod));
                return DatapathError.NONE;
            }
        }
        if (!e.isError()) {
            changed(now, List.of());
        }
        return e;
    }

    private DatapathError applyGroupMod(GroupModCommand command, GroupSpec spec) {
        long now = clock.nanoTime();
        DatapathError e;
        List<FlowStore.Removal> removed = List.of();
        switch (command) {
            case ADD -> e = groups.add(spec, now);
            case MODIFY -> e = groups.modify(spec);
            default -> {
                List<Integer> deleted = new ArrayList<>();
                e = groups.delete(spec.groupId(), deleted);
                removed = new ArrayList<>();
                for (int id : deleted) {
                    removed.addAll(flows.deleteUsingGroup(id));
                }
            }
        }
        if (!e.isError()) {
            changed(now, removed);
        }
        return e;
    }

    /**
     * Notes a change of the control state that the next publication carries, with the flows it
     * removed: their FLOW_REMOVED messages (figures taken now, before the slots can be reused) go
     * out once the publication made the removal visible.
     */
    private void changed(long now, List<FlowStore.Removal> removed) {
        if (pendingChanges++ == 0) {
            batchStart = now;
        }
        for (FlowStore.Removal r : removed) {
            FlowEntry e = r.entry();
            if (e.sendFlowRemoved()) {
                pendingRemoved.add(new FlowRemoved(e.spec, r.reason(), now - e.installedNanos, flows.packets(e),
                        flows.bytes(e)));
            }
        }
    }

    /** Publishes a staged batch that reached {@link #MAX_BATCH} changes or {@link #MAX_BATCH_NANOS}. */
    private void commitIfBatchFull() {
        if (pendingChanges >= MAX_BATCH || (pendingChanges > 0 && clock.nanoTime() - batchStart >= MAX_BATCH_NANOS)) {
            commitPending();
        }
    }

    /** Publishes the changes made since the last publication (if any). */
    private void commitPending() {
        if (pendingChanges > 0) {
            publish();
        }
    }

    @Override
    public synchronized DatapathError packetOut(int inPort, List<Action> actions, byte[] frame) {
        commitPending();
        boolean validIn = inPort == PortNumbers.CONTROLLER || inPort == PortNumbers.LOCAL
                || inPort == PortNumbers.ANY || PortNumbers.isPortNumber(inPort);
        if (!validIn) {
            return DatapathError.BAD_REQUEST_BAD_PORT;
        }
        ActionCompiler.Result r = ActionCompiler.compile(actions, ActionCompiler.Context.PACKET_OUT, groups::slotOf,
                PacketInReason.ACTION, false);
        if (!r.ok()) {
            return r.error();
        }
        Pipeline p = control;
        p.beginBurst(clock.nanoTime());
        try {
            if (p.frames.wrapOwned(frame) != ParseResult.OK) {
                return DatapathError.BAD_REQUEST_BAD_PACKET;
            }
            p.ctx.begin(inPort, frame.length, current.port(inPort));
            p.engine.run(r.program(), 0, true);
            p.engine.actionSet.clear();
        } finally {
            p.endOfBurst();
        }
        return DatapathError.NONE;
    }

    @Override
    public synchronized DatapathError portMod(int portNo, int config, int mask) {
        commitPending();
        PortTable.Entry e = ports.get(portNo);
        if (e == null) {
            return DatapathError.PORT_MOD_BAD_PORT;
        }
        int supported = PortDesc.CONFIG_PORT_DOWN | PortDesc.CONFIG_NO_RECV | PortDesc.CONFIG_NO_FWD
                | PortDesc.CONFIG_NO_PACKET_IN;
        if ((mask & ~supported) != 0) {
            return DatapathError.PORT_MOD_BAD_CONFIG;
        }
        ports.configure(e, config, mask);
        publish();
        listener.onPortStatus(PortStatusReason.MODIFY, e.describe());
        return DatapathError.NONE;
    }

    @Override
    public synchronized Trace trace(int inPort, byte[] frame) {
        commitPending();
        TraceRecorder rec = new TraceRecorder();
        Pipeline p = tracer;
        p.beginBurst(clock.nanoTime());
        int parse = p.frames.wrapOwned(frame);
        rec.step(Trace.Kind.PARSE, ParseResult.name(parse) + ", " + frame.length + " bytes on port "
                + PortNumbers.describe(inPort));
        if (parse != ParseResult.OK) {
            rec.verdict = "drop: malformed (" + ParseResult.name(parse) + ")";
            return rec.finish();
        }
        p.ctx.begin(inPort, frame.length, current.port(inPort));
        p.ctx.trace = rec;
        try {
            p.process();
        } finally {
            p.ctx.trace = null;
            p.endOfBurst();
        }
        return rec.finish();
    }

    @Override
    public synchronized List<FlowStats> flowStats(FlowStatsRequest request) {
        commitPending();
        return stats.flowStats(request, clock.nanoTime());
    }

    @Override
    public synchronized AggregateStats aggregateStats(FlowStatsRequest request) {
        commitPending();
        return stats.aggregate(request);
    }

    @Override
    public synchronized List<TableStats> tableStats() {
        commitPending();
        return stats.tableStats();
    }

    @Override
    public synchronized List<GroupStats> groupStats(int groupId) {
        commitPending();
        return stats.groupStats(groupId, clock.nanoTime());
    }

    @Override
    public synchronized List<GroupSpec> groupDesc() {
        commitPending();
        List<GroupSpec> out = new ArrayList<>();
        for (GroupStore.Entry e : groups.entries()) {
            out.add(e.spec);
        }
        return out;
    }

    @Override
    public synchronized List<PortStats> portStats(int portNo) {
        commitPending();
        return stats.portStats(portNo, clock.nanoTime());
    }

    @Override
    public synchronized List<PortDesc> portDesc() {
        commitPending();
        return ports.describe();
    }

    @Override
    public synchronized Map<String, Long> counters() {
        commitPending();
        return stats.counters(appInstances, pipelines);
    }

    /**
     * Each poller's connection table, in poller order. Any thread: the figures are the owners'
     * counters, read without stopping them.
     */
    public synchronized List<ConnectionTableStats> connectionTables() {
        List<ConnectionTableStats> out = new ArrayList<>(pipelines.size());
        for (int i = 0; i < pipelines.size(); i++) {
            ConnectionTable t = pipelines.get(i).connectionTable();
            out.add(t == null ? new ConnectionTableStats(i, 0, 0, 0)
                    : new ConnectionTableStats(i, t.connections(), t.size(), t.capacity()));
        }
        return out;
    }

    /**
     * Captures the SELECT groups asked for ({@code groupIds}, or every one when null; unknown ids
     * and other group types are skipped), sorted by unsigned group id, with their connections
     * placed so far; {@link SelectConnectionsQuery#run} then counts their active connections in
     * every pipeline's table (the pollers' and the packet-out one's) on the caller's thread.
     */
    @Override
    public synchronized SelectConnectionsQuery selectConnections(long[] groupIds) {
        commitPending();
        List<ConnectionTable> tables = new ArrayList<>();
        for (Pipeline p : pipelines) {
            if (p.connectionTable() != null) {
                tables.add(p.connectionTable());
            }
        }
        if (control.connectionTable() != null) {
            tables.add(control.connectionTable());
        }
        return stats.selectConnections(groupIds, List.copyOf(tables), clock.nanoTime());
    }

    @Override
    public synchronized void setListener(DatapathListener listener) {
        this.listener = listener == null ? DatapathListener.NONE : listener;
    }

    @Override
    public void setWakeup(Runnable wakeup) {
        this.wakeup = wakeup == null ? () -> { } : wakeup;
    }

    @Override
    public synchronized int doWork(long nowNanos) {
        wakeupPending.set(false);
        int work = 0;
        for (Pipeline p : pipelines) {
            work += p.packetIns.drain(PACKET_IN_DRAIN_BUDGET, listener::onPacketIn);
        }
        work += control.packetIns.drain(PACKET_IN_DRAIN_BUDGET, listener::onPacketIn);
        List<PortTable.Entry> changed = ports.pollLinks();
        if (!changed.isEmpty()) {
            publish();
            for (PortTable.Entry e : changed) {
                listener.onPortStatus(PortStatusReason.MODIFY, e.describe());
            }
            work += changed.size();
        }
        if (nowNanos - nextExpiry >= 0) {
            nextExpiry = nowNanos + EXPIRY_PERIOD_NANOS;
            List<FlowStore.Removal> expired = flows.expire(nowNanos);
            if (!expired.isEmpty()) {
                changed(nowNanos, expired);
                work += expired.size();
            }
        }
        work += pendingChanges;
        commitPending();
        return work;
    }

    /**
     * Frees the pipelines' off-heap connection tables. Call it once, after every poller has
     * stopped; the datapath is unusable afterwards.
     */
    @Override
    public synchronized void close() {
        for (Pipeline p : pipelines) {
            p.close();
        }
        control.close();
    }

    /** Called by a pipeline at the end of a burst that queued packet-ins. */
    void packetInQueued() {
        if (wakeupPending.compareAndSet(false, true)) {
            wakeup.run();
        }
    }

    /**
     * Builds and installs a new snapshot (the release store of the double-buffered table), then
     * sends the FLOW_REMOVED messages of the flows it no longer holds.
     */
    private void publish() {
        long t0 = System.nanoTime();
        PortInfo[] byNo = ports.byNumber();
        CompiledGroup[] compiledGroups = groups.compiled(ports::isLive);
        current = new Snapshot(++generation, flows.flowsBySlot(), flows.classifiers(), compiledGroups, byNo,
                ports.live());
        flows.published();
        pendingChanges = 0;
        publishCost = System.nanoTime() - t0;
        if (!pendingRemoved.isEmpty()) {
            List<FlowRemoved> removed = new ArrayList<>(pendingRemoved);
            pendingRemoved.clear();
            for (FlowRemoved r : removed) {
                listener.onFlowRemoved(r);
            }
        }
    }
}
