package io.flowlb.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One open-loop run: requests fall due on a {@link RateSchedule}; each due request goes to a free
 * connection (keep-alive: an idle open connection; close mode: a free slot, which opens a new
 * connection for it). When none is free the request waits, and its latency still counts from
 * when it was due. Latency ends at the last byte of the response.
 *
 * <p>Waiting: the selector sleeps until the next request is due when that is 2 ms or more away;
 * closer than that it polls, parking at most {@value #POLL_NANOS} ns between polls, so sends
 * and response times are off by about that much (the same for every server measured).
 *
 * <p>Thread safety: none; {@link #run()} drives everything on the calling thread.
 */
public final class OpenLoopRun {

    /** The run cannot start: no connection could be opened. */
    public static final class RunFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        RunFailedException(String message) {
            super(message);
        }
    }

    static final long POLL_NANOS = 50_000;
    private static final long LATE_NANOS = 1_000_000;
    private static final long HOUSEKEEPING_NANOS = 5_000_000;
    private static final long RETRY_NANOS = 100_000_000;

    private final OpenLoopOptions o;
    private final InetSocketAddress address;
    private final HttpConnection[] conns;
    private final int[] free;
    private final OpenLoopResult result = new OpenLoopResult();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Consumer<SelectionKey> onKey = this::onKey;
    private final long timeoutNanos;
    private Selector selector;
    private RateSchedule schedule;
    private int freeCount;
    private long measureFrom = Long.MAX_VALUE; // nothing is counted before the schedule starts
    private long next;
    private int busy;
    private long lastCompletion;
    private String lastConnectError = "";

    public OpenLoopRun(OpenLoopOptions o) {
        this.o = o;
        this.address = new InetSocketAddress(o.host(), o.port());
        this.timeoutNanos = o.timeoutMillis() * 1_000_000L;
        ByteBuffer request = ByteBuffer.wrap(o.requestBytes()).asReadOnlyBuffer();
        conns = new HttpConnection[o.connections()];
        free = new int[o.connections()];
        for (int i = 0; i < conns.length; i++) {
            conns[i] = new HttpConnection(i, request);
        }
    }

    public OpenLoopResult run() throws IOException, RunFailedException {
        selector = Selector.open();
        try {
            if (o.close()) {
                for (HttpConnection c : conns) {
                    free[freeCount++] = c.slot;
                }
            } else {
                connectAll();
            }
            long start = System.nanoTime() + 1_000_000;
            schedule = new RateSchedule(start, o.rate(), o.warmupSeconds() + o.seconds());
            measureFrom = start + (long) (o.warmupSeconds() * 1e9);
            loop();
            result.seconds = o.seconds();
            result.elapsedSeconds = lastCompletion > measureFrom ? (lastCompletion - measureFrom) / 1e9 : 0;
            result.offeredRate = o.rate();
            result.due = schedule.requests() - schedule.dueAt(measureFrom - 1);
            return result;
        } finally {
            for (HttpConnection c : conns) {
                c.close();
            }
            selector.close();
        }
    }

    private void connectAll() throws IOException, RunFailedException {
        long now = System.nanoTime();
        for (HttpConnection c : conns) {
            reconnect(c, now);
        }
        long end = now + Math.max(timeoutNanos, 2_000_000_000L);
        while (freeCount < conns.length && System.nanoTime() < end) {
            selector.select(onKey, 10);
            now = System.nanoTime();
            for (HttpConnection c : conns) {
                if (c.state == HttpConnection.State.CLOSED && now >= c.retryNanos) {
                    reconnect(c, now);
                }
            }
        }
        if (freeCount == 0) {
            throw new RunFailedException("cannot connect to " + address + ": " + lastConnectError);
        }
    }

    private void loop() throws IOException {
        long last = schedule.intendedNanos(schedule.requests() - 1);
        long hardEnd = last + timeoutNanos + 1_000_000_000L;
        long housekeeping = 0;
        while (true) {
            long now = System.nanoTime();
            long due = schedule.dueAt(now);
            dispatch(due, now);
            if (now >= housekeeping) {
                housekeep(now);
                housekeeping = now + HOUSEKEEPING_NANOS;
            }
            if (next == schedule.requests() && busy == 0) {
                return;
            }
            if (now >= hardEnd) {
                finish();
                return;
            }
            long wait = next < due || next == schedule.requests() ? HOUSEKEEPING_NANOS
                    : schedule.intendedNanos(next) - now;
            waitForWork(Math.min(wait, housekeeping - now));
        }
    }

    private void waitForWork(long wait) throws IOException {
        if (wait >= 2_000_000) {
            selector.select(onKey, wait / 1_000_000);
        } else if (selector.selectNow(onKey) == 0 && wait > 0) {
            LockSupport.parkNanos(Math.min(wait, POLL_NANOS));
            selector.selectNow(onKey);
        }
    }

    private void dispatch(long due, long now) throws IOException {
        if (next < due && measured(schedule.intendedNanos(next))) {
            result.maxBacklog = Math.max(result.maxBacklog, due - next);
        }
        while (next < due && freeCount > 0) {
            HttpConnection c = conns[free[--freeCount]];
            long intended = schedule.intendedNanos(next++);
            if (now - intended > LATE_NANOS && measured(intended)) {
                result.sentLate++;
            }
            c.intendedNanos = intended;
            c.sentNanos = now;
            busy++;
            if (o.close()) {
                c.hasRequest = true;
                try {
                    if (c.connect(selector, address)) {
                        connected(c);
                    }
                } catch (IOException e) {
                    lastConnectError = String.valueOf(e.getMessage());
                    failRequest(c, Failure.CONNECT);
                }
            } else {
                c.state = HttpConnection.State.BUSY;
                write(c);
            }
        }
    }

    private enum Failure { CONNECT, READ, WRITE, TIMEOUT }

    private void onKey(SelectionKey key) {
        HttpConnection c = (HttpConnection) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                finishConnect(c);
            } else {
                if (key.isWritable() && c.state == HttpConnection.State.BUSY) {
                    c.writeMore();
                }
                if (key.isValid() && key.isReadable()) {
                    read(c);
                }
            }
        } catch (IOException e) {
            failRequest(c, c.state == HttpConnection.State.CONNECTING ? Failure.CONNECT : Failure.WRITE);
        }
    }

    private void finishConnect(HttpConnection c) {
        try {
            if (c.finishConnect()) {
                connected(c);
            }
        } catch (IOException e) {
            lastConnectError = String.valueOf(e.getMessage());
            failRequest(c, Failure.CONNECT);
        }
    }

    private void connected(HttpConnection c) {
        if (c.hasRequest) {
            c.state = HttpConnection.State.BUSY;
            write(c);
        } else {
            c.state = HttpConnection.State.IDLE;
            free[freeCount++] = c.slot;
        }
    }

    private void write(HttpConnection c) {
        try {
            c.startRequest();
        } catch (IOException e) {
            failRequest(c, Failure.WRITE);
        }
    }

    private void read(HttpConnection c) {
        int n;
        try {
            n = c.read(readBuffer);
        } catch (IOException e) {
            failRequest(c, Failure.READ);
            return;
        }
        long now = System.nanoTime();
        if (c.state != HttpConnection.State.BUSY) { // keep-alive: the server closed an idle connection
            if (n != 0) {
                failRequest(c, n < 0 ? null : Failure.READ);
            }
            return;
        }
        int r = n < 0 ? c.parser.endOfStream() : c.parser.feed(readBuffer);
        if (r == ResponseParser.DONE) {
            complete(c, now);
        } else if (r == ResponseParser.BAD || n < 0) {
            failRequest(c, Failure.READ);
        }
    }

    private void complete(HttpConnection c, long now) {
        busy--;
        if (measured(c.intendedNanos)) {
            result.completed++;
            result.latency.record(now - c.intendedNanos);
            lastCompletion = now;
            int status = c.parser.status();
            if (status < 200 || status >= 400) {
                result.non2xx++;
            }
        }
        if (o.close() || c.parser.closeAfter()) {
            release(c, now);
        } else {
            c.state = HttpConnection.State.IDLE;
            free[freeCount++] = c.slot;
        }
    }

    /** Ends the connection's request (if any) with a failure of that kind (null: not an error). */
    private void failRequest(HttpConnection c, Failure kind) {
        long now = System.nanoTime();
        boolean outstanding = c.state == HttpConnection.State.BUSY || c.hasRequest;
        if (outstanding) {
            busy--;
        }
        if (kind != null && (outstanding ? measured(c.intendedNanos) : measured(now))) {
            switch (kind) {
                case CONNECT -> result.connectErrors++;
                case READ -> result.readErrors++;
                case WRITE -> result.writeErrors++;
                case TIMEOUT -> result.timeouts++;
            }
        }
        if (kind == Failure.CONNECT && !o.close()) { // try again later, not in a tight loop
            c.close();
            c.retryNanos = now + RETRY_NANOS;
            return;
        }
        release(c, now);
    }

    /** Closes the connection; close mode frees its slot, keep-alive opens a new one in its place. */
    private void release(HttpConnection c, long now) {
        c.close();
        if (o.close()) {
            free[freeCount++] = c.slot;
        } else {
            reconnect(c, now);
        }
    }

    private void reconnect(HttpConnection c, long now) {
        try {
            if (c.connect(selector, address)) {
                connected(c);
            }
        } catch (IOException e) {
            lastConnectError = String.valueOf(e.getMessage());
            if (measured(now)) {
                result.connectErrors++;
            }
            c.close();
            c.retryNanos = now + RETRY_NANOS;
        }
    }

    private void housekeep(long now) {
        for (HttpConnection c : conns) {
            boolean outstanding = c.state == HttpConnection.State.BUSY || c.hasRequest;
            if (outstanding && now - c.sentNanos > timeoutNanos) {
                failRequest(c, Failure.TIMEOUT);
            } else if (!o.close() && c.state == HttpConnection.State.CLOSED && now >= c.retryNanos) {
                reconnect(c, now);
            }
        }
    }

    /** The run's time is up: outstanding requests time out, requests never sent are counted. */
    private void finish() {
        for (HttpConnection c : conns) {
            if (c.state == HttpConnection.State.BUSY || c.hasRequest) {
                failRequest(c, Failure.TIMEOUT);
            }
        }
        for (long i = next; i < schedule.requests(); i++) {
            if (measured(schedule.intendedNanos(i))) {
                result.unsent++;
            }
        }
        next = schedule.requests();
    }

    private boolean measured(long nanos) {
        return nanos >= measureFrom;
    }
}
