package io.flowlb.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Serves the HAProxy agent-check protocol: on each connection, write one line (see
 * {@link AgentCheckLine}) and close.
 *
 * <p>Closing a socket that still holds unread input makes Linux send a reset, and a reset can
 * destroy the line before the poller reads it (HAProxy may send an {@code agent-send} string).
 * So each connection is answered on a virtual thread that writes the line, half-closes, reads
 * and discards what the poller sent until it closes (at most 4 KiB, at most 1 s), then closes.
 * At most {@value #MAX_LINGERING} connections linger like this; beyond that, connections are
 * answered and closed at once on the accepting thread, so a flood cannot exhaust the agent.
 *
 * <p>Thread-safety: one accepting thread; answering threads share only the line supplier (which
 * must be thread-safe) and atomic counters.
 */
final class AgentCheckServer implements AutoCloseable {

    static final int MAX_LINGERING = 256;
    private static final int LINGER_MILLIS = 1000;
    /** Pending connections the kernel may queue (capped by net.core.somaxconn): pollers arrive in bursts. */
    private static final int BACKLOG = 1024;
    private static final int MAX_DISCARDED = 4096;

    private final Supplier<String> line;
    private final ProblemLog problems;
    private final Semaphore lingering = new Semaphore(MAX_LINGERING);
    private final AtomicLong answered = new AtomicLong();
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds the port on every address at once, so start-up fails fast when it is taken.
     *
     * @param port the TCP port; 0 picks a free one (see {@link #port()})
     * @param line the answer for a new connection, ending in a newline
     */
    AgentCheckServer(int port, Supplier<String> line, Log log) throws IOException {
        this.line = line;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(new InetSocketAddress(port), BACKLOG);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on agent-check port " + port + ": " + ProblemLog.describe(e), e);
        }
        this.problems = new ProblemLog(log, "agent-check port " + server.getLocalPort());
        this.acceptor = Thread.ofPlatform().daemon().name("agent-check").unstarted(this::acceptLoop);
    }

    /** Starts answering. */
    void start() {
        acceptor.start();
    }

    /** The bound port. */
    int port() {
        return server.getLocalPort();
    }

    /** Connections answered since start. */
    long answered() {
        return answered.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Closing a listening socket only fails if it is already gone.
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    problems.problem(ProblemLog.kindOf(e), "accept failed: " + ProblemLog.describe(e));
                    pause();
                }
                continue;
            }
            if (lingering.tryAcquire()) {
                Thread.ofVirtual().name("agent-check-answer").start(() -> {
                    try {
                        answer(socket, true);
                    } finally {
                        lingering.release();
                    }
                });
            } else {
                answer(socket, false);
            }
        }
    }

    private void answer(Socket socket, boolean linger) {
        try (socket) {
            socket.setSoTimeout(LINGER_MILLIS);
            socket.getOutputStream().write(line.get().getBytes(StandardCharsets.US_ASCII));
            answered.incrementAndGet();
            socket.shutdownOutput();
            if (linger) {
                discardInput(socket.getInputStream());
            }
        } catch (SocketException | SocketTimeoutException e) {
            // The poller went away (reset) or the lingering read timed out: the line is out or cannot be.
        } catch (IOException e) {
            problems.problem(ProblemLog.kindOf(e), "cannot answer: " + ProblemLog.describe(e));
        }
    }

    private static void discardInput(InputStream in) throws IOException {
        byte[] buffer = new byte[512];
        int total = 0;
        int n;
        while (total < MAX_DISCARDED && (n = in.read(buffer)) >= 0) {
            total += n;
        }
    }

    /** Backs off after an accept failure (e.g. out of file descriptors) instead of spinning. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
