package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.RxFlags;
import io.flowlb.loadbalancer.packet.Checksums;
import io.flowlb.loadbalancer.packet.ParseResult;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.select.Selector;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.OwnedCounters;
import java.lang.foreign.MemorySegment;

/**
 * The datapath of one poller: parse, checksum completion, microflow cache, flow tables,
 * actions, groups, transmit queues; one instance per poller thread ({@link Datapath#newPipeline}).
 *
 * <p>Per frame: the core's {@link PacketView} parses it in the ring (malformed frames are
 * counted by reason and dropped); a partial L4 checksum (RxFlags.CSUM_NOT_READY) is completed
 * once, before any rewrite; the header key is looked up in the {@link MicroflowCache} (when the
 * tables are costly enough to walk for it to pay), and on a miss the tables are walked (classifier per table, goto_table, no match = drop, as OpenFlow
 * 1.3 says) and the flows hit are cached; the flows' programs run; outputs go to this
 * poller's transmit queues, flushed by {@link #endOfBurst()}.
 *
 * <p>The snapshot is loaded once per burst (the first frame of a burst, or
 * {@link #beginBurst}), so a burst sees one consistent configuration.
 *
 * <p>Thread safety: owned by one thread; the control thread only reads its counters and
 * drains its packet-in ring. Allocates nothing per frame.
 */
public final class Pipeline implements FrameHandler {
    private static final long SWEEP_PERIOD_NANOS = 1_000_000L;
    private static final int SWEEP_SLOTS = 256;
    private final Datapath datapath;
    private final NanoClock clock;
    final PacketContext ctx;
    final ThreadCounters counters;
    final PacketInRing packetIns;
    final FrameStack frames;
    final OutputStage out;
    final ActionEngine engine;
    private final MicroflowCache cache;
    private final ConnectionTable connections;
    private final Selector selector;
    private long nextSweep;
    private final long[] key = new long[HeaderKey.WORDS];
    private final long[] firstKey = new long[HeaderKey.WORDS];
    private final int[] hits = new int[MicroflowCache.MAX_HITS];
    private boolean inBurst;

    Pipeline(Datapath datapath, NanoClock clock, PacketContext ctx, ThreadCounters counters, PacketInRing packetIns, FrameStack frames,
            OutputStage out, ActionEngine engine, MicroflowCache cache, ConnectionTable connections, Selector selector) {
        this.datapath = datapath;
        this.clock = clock;
        this.ctx = ctx;
        this.counters = counters;
        this.packetIns = packetIns;
        this.frames = frames;
        this.out = out;
        this.engine = engine;
        this.cache = cache;
        this.connections = connections;
        this.selector = selector;
        engine.table = this::runTables;
        ctx.snap = datapath.current();
    }

    /** Starts a burst: loads the current snapshot and the time. Called lazily by the first frame. */
    public void beginBurst(long now) {
        Snapshot s = datapath.current();
        ctx.snap = s;
        ctx.now = now;
        out.refreshPorts(s);
        inBurst = true;
    }

    @Override
    public void onFrame(int inPort, MemorySegment frame, long offset, int length, int flags) {
        if (!inBurst) {
            beginBurst(clock.nanoTime());
        }
        ThreadCounters c = counters;
        c.countPort(inPort, ThreadCounters.RX_PACKETS, 1, length);
        PortInfo port = ctx.snap.port(inPort);
        if (port != null && port.noRecv) {
            c.drops[Drops.PORT_NO_RECV]++;
            c.dropPort(inPort, ThreadCounters.RX_DROPPED);
            return;
        }
        if ((flags & RxFlags.TRUNCATED) != 0) {
            c.drops[Drops.RX_TRUNCATED]++;
            c.dropPort(inPort, ThreadCounters.RX_DROPPED);
            return;
        }
        int r = frames.wrapReceived(frame, offset, length);
        if (r != ParseResult.OK) {
            c.drops[Drops.MALFORMED + r]++;
            c.dropPort(inPort, ThreadCounters.RX_DROPPED);
            return;
        }
        if ((flags & RxFlags.CSUM_NOT_READY) != 0 && Checksums.completeL4Checksum(frames.view(0))) {
            c.drops[Drops.CHECKSUM_COMPLETED]++;
        }
        ctx.begin(inPort, length, port);
        process();
    }

    /**
     * Ends a burst: hands the queued frames to the kernel, wakes the agent for packet-ins, and
     * about once a millisecond sweeps a few connection-table slots, so idle connections expire
     * even on a poller that is never idle.
     */
    public void endOfBurst() {
        out.flush();
        if (connections != null && ctx.now - nextSweep >= 0) {
            nextSweep = ctx.now + SWEEP_PERIOD_NANOS;
            connections.expire(ctx.now, SWEEP_SLOTS);
        }
        if (out.packetInQueued) {
            out.packetInQueued = false;
            datapath.packetInQueued();
        }
        inBurst = false;
    }

    /**
     * Idle-time housekeeping on the poller thread: expires idle connections of this poller's
     * connection table in a small budget. Returns the work done (0 = nothing to do).
     */
    public int doIdleWork(long now, int budget) {
        return connections == null ? 0 : connections.expire(now, budget);
    }

    /** Frees the connection table (the datapath closes its pipelines once they stopped). */
    void close() {
        if (connections != null) {
            connections.close();
        }
    }

    /** This poller's connection table, or null for a pipeline without one. */
    ConnectionTable connectionTable() {
        return connections;
    }

    /** Adds this poller's connection-table and selector counters to {@code out} (control thread). */
    void addLoadBalancingCounters(java.util.Map<String, Long> out) {
        if (connections == null) {
            return;
        }
        add(out, "connections_", connections.counters());
        add(out, "select_", selector.counters());
    }

    private static void add(java.util.Map<String, Long> out, String prefix, OwnedCounters c) {
        for (int i = 0; i < c.count(); i++) {
            out.merge(prefix + c.name(i), c.get(i), Long::sum);
        }
    }

    /** The frame at depth 0 through the tables (a received frame, or packet-out's TABLE). */
    void process() {
        PacketView v = frames.view(0);
        KeyExtractor.extract(v, ctx.inPort, 0, key);
        Snapshot s = ctx.snap;
        boolean cached = ctx.trace == null && cache.worthProbing(s.subtables);
        long h = cached ? MicroflowCache.hash(key) : 0;
        int e = cached ? cache.find(key, h, s.generation) : -1;
        if (e >= 0) {
            counters.drops[Drops.CACHE_HITS]++;
            replay(e, s);
        } else {
            if (cached) {
                counters.drops[Drops.CACHE_MISSES]++;
            }
            boolean insert = cached && cache.sampleInsert();
            if (insert) {
                System.arraycopy(key, 0, firstKey, 0, HeaderKey.WORDS);
            }
            int n = walk(s);
            if (n > 0 && insert) {
                cache.insert(firstKey, h, s.generation, hits, n);
            }
        }
        if (!ctx.dropped && !engine.actionSet.isEmpty()) {
            engine.runActionSet();
        }
        engine.actionSet.clear();
    }

    private void replay(int e, Snapshot s) {
        int n = cache.count(e);
        long[] tc = counters.tables;
        for (int i = 0; i < n && !ctx.dropped; i++) {
            int idx = cache.hit(e, i);
            if (idx < 0) {
                tc[2 * ~idx]++;
                counters.drops[Drops.NO_MATCH]++;
                return;
            }
            CompiledFlow f = s.flow(idx);
            tc[2 * f.tableId]++;
            tc[2 * f.tableId + 1]++;
            engine.runFlow(f);
        }
    }

    /** Walks the tables from table 0; returns the number of hits to cache (0 = do not cache). */
    private int walk(Snapshot s) {
        int t = 0;
        int n = 0;
        long[] tc = counters.tables;
        while (true) {
            tc[2 * t]++;
            CompiledFlow f = s.tables[t].lookup(key);
            if (f == null) {
                hits[n++] = ~t;
                counters.drops[Drops.NO_MATCH]++;
                if (ctx.trace != null) {
                    ctx.trace.step(Trace.Kind.TABLE, "table " + t + ": no match, drop");
                    ctx.trace.verdict = "drop: no match in table " + t;
                }
                return n;
            }
            tc[2 * t + 1]++;
            hits[n++] = f.index;
            engine.runFlow(f);
            if (ctx.dropped) {
                return 0; // cut short by the frame's own state (TTL): not a property of its key
            }
            if (f.gotoTable < 0) {
                return n;
            }
            t = f.gotoTable;
            if (ctx.keyDirty) {
                KeyExtractor.extract(frames.view(0), ctx.inPort, ctx.metadata, key);
                ctx.keyDirty = false;
            }
            key[HeaderKey.W_METADATA] = ctx.metadata;
        }
    }

    /** Packet-out's output:TABLE: the current frame through the tables from table 0. */
    private void runTables() {
        ctx.metadata = 0;
        process();
    }
}
