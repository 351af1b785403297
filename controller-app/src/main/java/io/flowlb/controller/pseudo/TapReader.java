package io.flowlb.controller.pseudo;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that reads a TAP device: {@code poll(2)} with a {@value #POLL_MILLIS} ms timeout
 * (the stop flag is checked between waits), then up to {@value #BURST} non-blocking reads,
 * each frame copied into its own {@code byte[]} and handed to the sink. It only reads and hands
 * over: whatever the sink does with a frame (a PACKET_OUT) happens on the sink's side.
 *
 * <p>Failures: a sink that throws is counted and logged once; a read error other than
 * {@code EAGAIN} is counted and logged once; a device that disappears under it (deleted with
 * {@code ip link del}) ends the thread with one log line.
 *
 * <p>Thread safety: the loop's state is confined to the reader thread; counters and the stop
 * flag may be used from any thread.
 */
final class TapReader extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(TapReader.class);
    static final int POLL_MILLIS = 100;
    static final int BURST = 64;

    private final String device;
    private final int fd;
    private final TapPort.FrameSink sink;
    private final MemorySegment buffer;
    private final MemorySegment pollFd;
    private final MemorySegment callState;
    private final LongAdder frames = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder sinkFailures = new LongAdder();
    private volatile boolean running = true;
    private boolean errorLogged;
    private boolean sinkFailureLogged;

    TapReader(String device, int fd, Arena arena, TapPort.FrameSink sink) {
        super("flowlb-tap-" + device);
        setDaemon(true);
        this.device = device;
        this.fd = fd;
        this.sink = sink;
        this.buffer = arena.allocate(TapDevice.MAX_FRAME, 64);
        this.pollFd = TapDevice.pollFd(arena, fd);
        this.callState = Libc.newCallState(arena);
    }

    @Override
    public void run() {
        while (running) {
            int ready = Libc.poll(callState, pollFd, 1, POLL_MILLIS);
            if (ready < 0) {
                if (Libc.errno(callState) != Libc.EINTR) {
                    readError(Libc.errno(callState));
                }
                continue;
            }
            short revents = pollFd.get(JAVA_SHORT, 6);
            if ((revents & (Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL)) != 0) {
                LOG.warn("TAP device {} reports an error or hang-up (poll revents 0x{}); it is no longer read",
                        device, Integer.toHexString(revents & 0xffff));
                return;
            }
            if (ready > 0 && !drain()) {
                return;
            }
        }
    }

    /** Reads up to a burst; false when the device is gone. */
    private boolean drain() {
        for (int i = 0; i < BURST && running; i++) {
            long n = Libc.read(callState, fd, buffer, buffer.byteSize());
            if (n > 0) {
                deliver(buffer.asSlice(0, n).toArray(JAVA_BYTE));
                continue;
            }
            int errno = n < 0 ? Libc.errno(callState) : Libc.EAGAIN;
            if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
                return true;
            }
            if (errno == Libc.EBADFD || errno == Libc.EBADF || errno == Libc.ENODEV) {
                LOG.warn("TAP device {} has disappeared ({}); it is no longer read", device, Libc.strerror(errno));
                return false;
            }
            readError(errno);
            return true;
        }
        return true;
    }

    private void deliver(byte[] frame) {
        frames.increment();
        try {
            sink.frame(frame);
        } catch (RuntimeException e) {
            sinkFailures.increment();
            if (!sinkFailureLogged) {
                sinkFailureLogged = true;
                LOG.warn("handling a frame from TAP device {} failed; further failures are only counted", device, e);
            }
        }
    }

    private void readError(int errno) {
        errors.increment();
        if (!errorLogged) {
            errorLogged = true;
            LOG.warn("reading TAP device {} failed: {}; further errors are only counted", device,
                    Libc.strerror(errno));
        }
    }

    long frames() {
        return frames.sum();
    }

    long errors() {
        return errors.sum();
    }

    long sinkFailures() {
        return sinkFailures.sum();
    }

    /** Asks the loop to end and waits for it (at most one poll timeout plus a burst). */
    void stopAndJoin() {
        running = false;
        if (Thread.currentThread() == this) {
            return;
        }
        try {
            join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
