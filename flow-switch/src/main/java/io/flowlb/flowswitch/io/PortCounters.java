package io.flowlb.flowswitch.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The counters of one port, as OpenFlow port statistics report them.
 *
 * <p>Receive counters have one writer, the thread that polls the port; each transmit queue
 * has its own {@link TxCounters} with its own writer, and the transmit figures are their sum.
 * Writers use opaque stores, readers opaque loads: any thread (the OpenFlow agent serving port
 * stats) may read at any time without a lock, and sees recent, untorn values. Registering a
 * transmit queue copies the array under this object's monitor (set-up time only).
 */
public final class PortCounters {
    private static final VarHandle RX_PACKETS;
    private static final VarHandle RX_BYTES;
    private static final VarHandle RX_DROPPED;
    private static final VarHandle RX_ERRORS;
    private static final VarHandle KERNEL_DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RX_PACKETS = lookup.findVarHandle(PortCounters.class, "rxPackets", long.class);
            RX_BYTES = lookup.findVarHandle(PortCounters.class, "rxBytes", long.class);
            RX_DROPPED = lookup.findVarHandle(PortCounters.class, "rxDropped", long.class);
            RX_ERRORS = lookup.findVarHandle(PortCounters.class, "rxErrors", long.class);
            KERNEL_DROPPED = lookup.findVarHandle(PortCounters.class, "kernelDropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long rxPackets;
    private long rxBytes;
    private long rxDropped;
    private long rxErrors;
    private long kernelDropped;
    private volatile TxCounters[] tx = new TxCounters[0];

    /** A burst was received. Receive owner only. */
    public void addReceived(int packets, long bytes) {
        RX_PACKETS.setOpaque(this, rxPackets + packets);
        RX_BYTES.setOpaque(this, rxBytes + bytes);
    }

    /** Frames dropped in user space before delivery. Receive owner only. */
    public void addRxDropped(long frames) {
        RX_DROPPED.setOpaque(this, rxDropped + frames);
    }

    /** Frames received damaged (cut short by the ring slot). Receive owner only. */
    public void addRxErrors(long frames) {
        RX_ERRORS.setOpaque(this, rxErrors + frames);
    }

    /** Frames the kernel dropped because the receive ring was full. Receive owner only. */
    public void addRxOverruns(long frames) {
        KERNEL_DROPPED.setOpaque(this, kernelDropped + frames);
    }

    /** Creates the counters of a new transmit queue and includes them in the port's sums. */
    public synchronized TxCounters newTxCounters() {
        TxCounters counters = new TxCounters();
        TxCounters[] grown = Arrays.copyOf(tx, tx.length + 1);
        grown[tx.length] = counters;
        tx = grown;
        return counters;
    }

    public long rxPackets() {
        return (long) RX_PACKETS.getOpaque(this);
    }

    public long rxBytes() {
        return (long) RX_BYTES.getOpaque(this);
    }

    /** Frames lost on receive: ring overruns in the kernel plus drops in user space. */
    public long rxDropped() {
        return (long) RX_DROPPED.getOpaque(this) + rxOverruns();
    }

    /** Frames lost because the receive ring was full (OpenFlow {@code rx_over_err}). */
    public long rxOverruns() {
        return (long) KERNEL_DROPPED.getOpaque(this);
    }

    public long rxErrors() {
        return (long) RX_ERRORS.getOpaque(this);
    }

    public long txPackets() {
        return sumTx(TxCounters::packets);
    }

    public long txBytes() {
        return sumTx(TxCounters::bytes);
    }

    public long txDropped() {
        return sumTx(TxCounters::dropped);
    }

    public long txErrors() {
        return sumTx(TxCounters::errors);
    }

    private long sumTx(ToLongFunction<TxCounters> counter) {
        long sum = 0;
        for (TxCounters c : tx) {
            sum += counter.applyAsLong(c);
        }
        return sum;
    }

    @Override
    public String toString() {
        return "rx " + rxPackets() + " pkts " + rxBytes() + " B drop " + rxDropped() + " err " + rxErrors()
                + ", tx " + txPackets() + " pkts " + txBytes() + " B drop " + txDropped() + " err " + txErrors();
    }
}
