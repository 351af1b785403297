package io.flowlb.controller.resource;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real servers on the loopback interface for probe tests: an HTTP server with a settable
 * status, a raw TCP server that answers fixed bytes (or nothing), and a port that refuses.
 */
final class LoopbackServers {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private LoopbackServers() {
    }

    /** An HTTP server answering every request with {@link #status}, recording Host and path. */
    static final class Http implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger status = new AtomicInteger(200);
        final List<String> requests = new CopyOnWriteArrayList<>();

        Http() throws IOException {
            server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
                        + exchange.getRequestHeaders().getFirst("Host"));
                byte[] body = "hello\n".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(status.get(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A TCP server that writes {@code answer} (if any) to each connection, then waits for the peer to close. */
    static final class Raw implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();
        volatile byte[] answer;
        volatile boolean closeAfterAnswer = true;

        Raw(String answer) throws IOException {
            this.socket = new ServerSocket(0, 16, LOOPBACK);
            this.answer = answer == null ? null : answer.getBytes(StandardCharsets.ISO_8859_1);
            Thread.ofVirtual().start(this::serve);
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> answer(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void answer(Socket s) {
            try (s) {
                byte[] a = answer;
                if (a != null) {
                    s.getOutputStream().write(a);
                    s.getOutputStream().flush();
                    if (closeAfterAnswer) {
                        return;
                    }
                }
                InputStream in = s.getInputStream();
                byte[] sink = new byte[1024];
                while (in.read(sink) >= 0) {
                    // hold the connection until the prober closes it
                }
            } catch (IOException e) {
                // the prober reset the connection: expected
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A loopback port nothing listens on: connections to it are refused. */
    static int refusingPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
