package io.flowlb.flowswitch.io;

/**
 * One switch port: a Linux interface read through an AF_PACKET receive ring, or an in-memory
 * port in tests.
 *
 * <p>Thread safety: {@link #poll}, {@link #pollFd} and {@link #housekeeping} are called only
 * by the poller that owns the port's receive side; {@link #openTxQueue} may be called by any
 * thread, once per transmitting thread; the attribute getters and {@link #counters} may be
 * called from any thread. {@link #close} is called once, after every thread that polls the
 * port or transmits on its queues has stopped.
 */
public interface NetPort extends AutoCloseable {

    /** The OpenFlow port number (1-based, assigned by the switch). */
    int portNo();

    /** The Linux interface name (or a test name). */
    String name();

    /** The interface's hardware address as the low 48 bits. */
    long hwAddr();

    /** The interface MTU (L3 bytes); frames longer than MTU + L2 header must be segmented or dropped. */
    int mtu();

    /** True while the link is up (carrier and admin up). */
    boolean linkUp();

    /**
     * Delivers up to {@code maxFrames} received frames to {@code handler} and hands their slots
     * back to the kernel. Returns the number delivered (0 when idle or when the port is down).
     * Never throws for a vanished interface: it reports link down instead.
     */
    int poll(FrameHandler handler, int maxFrames);

    /**
     * Opens a transmit queue on this port. The queue belongs to one thread: the caller, or the
     * thread it hands the queue to with a happens-before edge (for example a poller it starts
     * afterwards). The port closes its queues when it is closed.
     */
    TxQueue openTxQueue();

    /** The port's counters (OpenFlow port statistics), readable from any thread. */
    PortCounters counters();

    /**
     * A file descriptor that becomes readable when {@link #poll} has frames to deliver, for an
     * idle poller to block on with {@code poll(2)}; -1 when there is none (in-memory ports, or
     * a port whose interface is gone). Called by the receive owner.
     */
    default int pollFd() {
        return -1;
    }

    /**
     * Slow-path upkeep the receive owner runs about every 100 ms: reading kernel drop counters,
     * re-opening the receive socket after the interface came back. Never throws.
     */
    default void housekeeping() {
    }

    @Override
    void close();
}
