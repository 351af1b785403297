package io.flowlb.flowswitch.io;

/**
 * One switch port: a Linux interface read through an AF_PACKET receive ring, or an in-memory
 * port in tests.
 *
 * <p>Thread safety: {@link #poll} is called only by the poller that owns the port's receive
 * side; {@link #openTxQueue} may be called by any thread, once per thread; the attribute
 * getters may be called from any thread.
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

    /** Opens a transmit queue on this port for the calling thread. */
    TxQueue openTxQueue();

    @Override
    void close();
}
