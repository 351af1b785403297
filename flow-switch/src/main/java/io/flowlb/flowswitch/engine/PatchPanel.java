package io.flowlb.flowswitch.engine;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.TxQueue;
import java.lang.foreign.MemorySegment;
import java.util.function.IntFunction;

/**
 * A pipeline that forwards every frame unchanged to the other port of its pair, like a patch
 * cable: the raw forwarding path of the I/O layer, with no parsing and no lookup. It is the
 * baseline against which the OpenFlow datapath is measured, and a way to test ports on their
 * own. It does not complete partial checksums nor segment super-frames: a frame longer than
 * the output port takes is dropped by the queue and counted there.
 *
 * <p>Thread safety: one instance per poller, used only by that poller's thread (its transmit
 * queues are opened when it is built and handed over when the poller starts).
 */
public final class PatchPanel implements FrameHandler {
    private final int portA;
    private final TxQueue toA;
    private final TxQueue toB;
    private long unknownPort;

    public PatchPanel(NetPort a, NetPort b) {
        if (a.portNo() == b.portNo()) {
            throw new IllegalArgumentException("a patch needs two different ports");
        }
        this.portA = a.portNo();
        this.toA = a.openTxQueue();
        this.toB = b.openTxQueue();
    }

    /** A pipeline factory for {@link SwitchEngine.Builder#pipelines}: one patch per poller. */
    public static IntFunction<FrameHandler> between(NetPort a, NetPort b) {
        return poller -> new PatchPanel(a, b);
    }

    @Override
    public void onFrame(int inPort, MemorySegment frame, long offset, int length, int flags) {
        if (inPort == portA) {
            toB.send(frame, offset, length);
        } else if (inPort == toB.portNo()) {
            toA.send(frame, offset, length);
        } else {
            unknownPort++;
        }
    }

    @Override
    public void endOfBurst() {
        toA.flush();
        toB.flush();
    }

    /** Frames from a port that is not part of the patch (poller thread). */
    public long unknownPortFrames() {
        return unknownPort;
    }
}
