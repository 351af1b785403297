package io.flowlb.flowswitch.engine;

import io.flowlb.flowswitch.io.afpacket.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Spins, then yields, then blocks in {@code poll(2)} on the agent's file descriptors (the
 * receive sockets of a poller's ports) for at most {@code timeoutMillis}: an idle switch sleeps
 * in the kernel and uses no CPU, yet wakes as soon as a receive ring has a block to hand over.
 * The timeout bounds how late commands and housekeeping run while nothing arrives.
 *
 * <p>A socket in error (its interface went down or vanished) would make every {@code poll}
 * return at once; the strategy reads and so clears the error ({@code SO_ERROR}) and counts it,
 * and the port stays out of the set once it has no socket.
 *
 * <p>Thread safety: owned by the thread that runs the agent.
 */
public final class PollIdleStrategy implements IdleStrategy {
    public static final int DEFAULT_SPINS = 50;
    public static final int DEFAULT_YIELDS = 5;
    public static final int DEFAULT_TIMEOUT_MILLIS = 10;
    private static final int POLLFD_SIZE = 8;
    private static final short ERROR_EVENTS = Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL;

    private final FdSource fds;
    private final SpinYieldPhase phase;
    private final int timeoutMillis;
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment callState = Libc.newCallState(arena);
    private final MemorySegment errorValue = arena.allocate(ValueLayout.JAVA_INT);
    private final MemorySegment errorLength = arena.allocate(ValueLayout.JAVA_INT);
    private MemorySegment pollFds = arena.allocate(POLLFD_SIZE * 8L, 8);
    private long blocks;
    private long socketErrors;

    public PollIdleStrategy(FdSource fds) {
        this(fds, DEFAULT_SPINS, DEFAULT_YIELDS, DEFAULT_TIMEOUT_MILLIS);
    }

    public PollIdleStrategy(FdSource fds, int maxSpins, int maxYields, int timeoutMillis) {
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("poll timeout must be at least 1 ms, not " + timeoutMillis);
        }
        this.fds = fds;
        this.phase = new SpinYieldPhase(maxSpins, maxYields, Thread::yield);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void idle() {
        if (!phase.step()) {
            block();
        }
    }

    @Override
    public void reset() {
        phase.reset();
    }

    /** How many times the thread blocked in {@code poll(2)}. */
    public long blocks() {
        return blocks;
    }

    /** Socket errors read and cleared while idle. */
    public long socketErrors() {
        return socketErrors;
    }

    private void block() {
        int count = fds.fdCount();
        if (pollFds.byteSize() < (long) count * POLLFD_SIZE) {
            pollFds = arena.allocate((long) Integer.highestOneBit(count) * 2 * POLLFD_SIZE, 8);
        }
        for (int i = 0; i < count; i++) {
            long at = (long) i * POLLFD_SIZE;
            pollFds.set(ValueLayout.JAVA_INT, at, fds.fd(i));
            pollFds.set(ValueLayout.JAVA_SHORT, at + 4, Libc.POLLIN);
            pollFds.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
        }
        blocks++;
        int ready = Libc.poll(callState, pollFds, count, timeoutMillis);
        if (ready > 0) {
            clearErrors(count);
        }
    }

    private void clearErrors(int count) {
        for (int i = 0; i < count; i++) {
            long at = (long) i * POLLFD_SIZE;
            short revents = pollFds.get(ValueLayout.JAVA_SHORT, at + 6);
            if ((revents & ERROR_EVENTS) != 0) {
                socketErrors++;
                errorLength.set(ValueLayout.JAVA_INT, 0, 4);
                Libc.getsockopt(callState, pollFds.get(ValueLayout.JAVA_INT, at), Libc.SOL_SOCKET, Libc.SO_ERROR,
                        errorValue, errorLength);
            }
        }
    }
}
