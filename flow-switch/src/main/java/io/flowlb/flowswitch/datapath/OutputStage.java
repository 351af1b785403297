package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.apps.AppContext;
import io.flowlb.flowswitch.apps.BufferPool;
import io.flowlb.flowswitch.apps.FrameBuffer;
import io.flowlb.flowswitch.apps.SwitchApp;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.TxQueue;
import io.flowlb.loadbalancer.packet.PacketView;

/**
 * Where frames leave a pipeline: physical ports through this thread's own transmit queues
 * (opened on this thread, flushed at the end of the burst), FLOOD and ALL, the packet-in ring
 * to the controller (rate limited), and the in-switch applications.
 *
 * <p>A frame longer than the output port's MTU is segmented when it is TCP (GSO super-frames
 * from veth peers) and otherwise dropped and counted as {@code tx_too_big}.
 *
 * <p>Thread safety: owned by one pipeline thread.
 */
final class OutputStage implements AppContext {
    private final PacketContext ctx;
    private final FrameStack frames;
    private final ThreadCounters counters;
    private final PacketInRing packetIns;
    private final TokenBucket packetInBudget;
    private final SwitchApp[] apps;
    private final BufferPool pool;
    private final Segmentation segmentation;
    private final boolean dryRun;

    private TxQueue[] tx = new TxQueue[0];
    private NetPort[] txOwners = new NetPort[0];
    private PortInfo[] txPortsSeen;
    private final boolean[] txDirty;
    private final int[] txDirtyList;
    private int txDirtyCount;
    boolean packetInQueued;

    OutputStage(PacketContext ctx, FrameStack frames, ThreadCounters counters, PacketInRing packetIns,
            TokenBucket packetInBudget, SwitchApp[] apps, BufferPool pool, int maxPorts, boolean dryRun) {
        this.ctx = ctx;
        this.frames = frames;
        this.counters = counters;
        this.packetIns = packetIns;
        this.packetInBudget = packetInBudget;
        this.apps = apps;
        this.pool = pool;
        this.dryRun = dryRun;
        this.txDirty = new boolean[maxPorts];
        this.txDirtyList = new int[maxPorts];
        this.segmentation = new Segmentation(this, counters);
    }

    /** Opens transmit queues for ports new in this snapshot (on this thread, as NetPort asks). */
    void refreshPorts(Snapshot snap) {
        if (snap.portsByNo == txPortsSeen || dryRun) {
            return;
        }
        PortInfo[] ports = snap.portsByNo;
        if (tx.length < ports.length) {
            tx = java.util.Arrays.copyOf(tx, ports.length);
            txOwners = java.util.Arrays.copyOf(txOwners, ports.length);
        }
        for (int i = 0; i < ports.length; i++) {
            NetPort p = ports[i] == null ? null : ports[i].port;
            if (p != null && txOwners[i] != p) {
                tx[i] = p.openTxQueue();
                txOwners[i] = p;
            }
        }
        txPortsSeen = ports;
    }

    /** Output to a port number (physical or application). */
    void output(int portNo, int depth, boolean toInPort) {
        if (portNo == ctx.inPort && !toInPort) {
            return; // OpenFlow: sending back where it came from needs the IN_PORT reserved port.
        }
        PortInfo p = ctx.snap.port(portNo);
        if (p == null) {
            if (PortNumbers.isAppPort(portNo)) {
                toApp(portNo, depth);
            } else {
                counters.drops[Drops.UNKNOWN_PORT]++;
            }
            return;
        }
        if (p.noFwd) {
            counters.drops[Drops.PORT_NO_FWD]++;
            return;
        }
        transmit(p, frames.view(depth));
    }

    /** FLOOD and ALL: every forwarding port but the in_port. */
    void flood(int depth) {
        PortInfo[] ports = ctx.snap.ports;
        for (PortInfo p : ports) {
            if (p.portNo != ctx.inPort && !p.noFwd) {
                transmit(p, frames.view(depth));
            }
        }
    }

    void transmit(PortInfo p, PacketView v) {
        int len = v.length();
        if (len - v.l3Offset() > p.mtu) {
            segmentation.oversize(p, v);
            return;
        }
        send(p, v.segment(), v.base(), len);
    }

    /** Sends raw bytes (a whole frame or one segment) to a port. */
    boolean send(PortInfo p, java.lang.foreign.MemorySegment seg, long base, int len) {
        if (ctx.trace != null) {
            ctx.trace.output(p.portNo, "output:" + p.portNo + " (" + len + " bytes)");
            return true;
        }
        if (dryRun) {
            return true;
        }
        int no = p.portNo;
        TxQueue q = no < tx.length ? tx[no] : null;
        if (q != null && q.send(seg, base, len)) {
            counters.countPort(no, ThreadCounters.TX_PACKETS, 1, len);
            if (!txDirty[no]) {
                txDirty[no] = true;
                txDirtyList[txDirtyCount++] = no;
            }
            return true;
        }
        counters.dropPort(no, ThreadCounters.TX_DROPPED);
        counters.drops[Drops.TX_RING_FULL]++;
        return false;
    }

    /** Hands the queued frames to the kernel: once per burst. */
    void flush() {
        for (int i = 0; i < txDirtyCount; i++) {
            int no = txDirtyList[i];
            txDirty[no] = false;
            TxQueue q = tx[no];
            if (q != null) {
                q.flush();
            }
        }
        txDirtyCount = 0;
    }

    /** Output to CONTROLLER: a copy (up to max_len) on the packet-in ring, rate limited. */
    void controller(int maxLen, int reason, int depth) {
        PacketView v = frames.view(depth);
        if (ctx.trace != null) {
            ctx.trace.output(PortNumbers.CONTROLLER, "packet-in to the controller (table " + ctx.tableId
                    + ", max_len " + maxLen + ")");
            return;
        }
        if (dryRun || (ctx.inPortInfo != null && ctx.inPortInfo.noPacketIn)) {
            return;
        }
        if (!packetInBudget.tryTake(ctx.now)) {
            counters.drops[Drops.PACKET_IN_RATE_LIMITED]++;
            return;
        }
        int len = v.length();
        int want = maxLen == PortNumbers.CONTROLLER_MAX_LEN_NO_BUFFER ? len : Math.min(len, maxLen);
        int copy = Math.min(want, packetIns.slotSize());
        if (copy < want) {
            counters.drops[Drops.PACKET_IN_TRUNCATED]++;
        }
        if (packetIns.offer(reason, ctx.tableId, ctx.cookie, ctx.inPort, ctx.metadata, len, v.segment(), v.base(),
                copy)) {
            packetInQueued = true;
        } else {
            counters.drops[Drops.PACKET_IN_RING_FULL]++;
        }
    }

    private void toApp(int portNo, int depth) {
        int i = portNo - PortNumbers.APP_FIRST;
        SwitchApp app = i < apps.length ? apps[i] : null;
        if (app == null) {
            counters.drops[Drops.UNKNOWN_PORT]++;
            return;
        }
        if (ctx.trace != null) {
            ctx.trace.output(portNo, "to application " + PortNumbers.describe(portNo));
            return;
        }
        if (!dryRun) {
            try {
                app.onFrame(this, ctx.inPort, frames.view(depth));
            } catch (RuntimeException e) {
                // A faulty application must not take the poller down: count it and go on.
                counters.drops[Drops.APP_ERRORS]++;
            }
        }
    }

    // ---------------------------------------------------------------- AppContext

    @Override
    public FrameBuffer acquire() {
        FrameBuffer b = pool.acquire();
        if (b == null) {
            counters.drops[Drops.APP_NO_BUFFER]++;
        }
        return b;
    }

    @Override
    public boolean send(int portNo, FrameBuffer buffer, int length) {
        PortInfo p = ctx.snap.port(portNo);
        boolean sent = p != null && !p.noFwd && length <= buffer.capacity()
                && send(p, buffer.segment(), 0, length);
        if (p == null) {
            counters.drops[Drops.UNKNOWN_PORT]++;
        }
        pool.release(buffer);
        return sent;
    }

    @Override
    public void release(FrameBuffer buffer) {
        pool.release(buffer);
    }

    @Override
    public long now() {
        return ctx.now;
    }
}
