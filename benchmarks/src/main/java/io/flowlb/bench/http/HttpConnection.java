package io.flowlb.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One slot of the generator: a non-blocking TCP connection, the request it carries (at most one
 * outstanding, no pipelining) and the framing of its response.
 *
 * <p>Thread safety: none; owned by the run's thread.
 */
final class HttpConnection {

    enum State {
        /** No socket (close mode: free for the next request; keep-alive: waiting to reconnect). */
        CLOSED,
        /** Connecting; close mode: with its request waiting to be written. */
        CONNECTING,
        /** Keep-alive: connected, no request outstanding. */
        IDLE,
        /** A request is outstanding. */
        BUSY
    }

    final int slot;
    final ResponseParser parser = new ResponseParser();
    private final ByteBuffer request;
    State state = State.CLOSED;
    /** Close mode: a request was dispatched to this slot and waits for the connection. */
    boolean hasRequest;
    /** When the outstanding request was due, and when it was handed to this connection. */
    long intendedNanos;
    long sentNanos;
    /** Keep-alive: when to try again after a failed connect. */
    long retryNanos;
    private SocketChannel channel;
    private SelectionKey key;

    HttpConnection(int slot, ByteBuffer requestBytes) {
        this.slot = slot;
        this.request = requestBytes.duplicate();
    }

    /** Starts connecting; true when the connection is already established. */
    boolean connect(Selector selector, InetSocketAddress address) throws IOException {
        channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean done = channel.connect(address);
            key = channel.register(selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            state = State.CONNECTING;
            return done;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Completes a pending connect; true once connected. */
    boolean finishConnect() throws IOException {
        if (!channel.finishConnect()) {
            return false;
        }
        key.interestOps(SelectionKey.OP_READ);
        return true;
    }

    /** Starts writing the request from its first byte. */
    void startRequest() throws IOException {
        request.rewind();
        parser.reset();
        writeMore();
    }

    /** Writes what the socket takes of the rest of the request, asking for OP_WRITE if some is left. */
    void writeMore() throws IOException {
        channel.write(request);
        key.interestOps(request.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads what is there into {@code into} (cleared first); -1 at the end of the stream. */
    int read(ByteBuffer into) throws IOException {
        into.clear();
        int n = channel.read(into);
        into.flip();
        return n;
    }

    boolean open() {
        return channel != null;
    }

    void close() {
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket that failed: nothing left to do with it
            }
            channel = null;
        }
        state = State.CLOSED;
        hasRequest = false;
    }
}
