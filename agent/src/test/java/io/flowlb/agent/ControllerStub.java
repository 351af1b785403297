package io.flowlb.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays the controller for tests: a real HTTP server on loopback that records every POST to
 * {@code /api/v1/agents/report} and answers with a chosen status and body. It can be stopped and
 * started again on the same port to play a controller that goes away and comes back.
 */
final class ControllerStub implements AutoCloseable {

    /** One request as the controller saw it. */
    record Received(String method, String path, String contentType, String authorization, String body, long atNanos) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int status = 204;
    private volatile String answer = "";
    private HttpServer server;
    private int port;

    ControllerStub() throws IOException {
        start(0);
    }

    /** The port it listens on, the same across restarts. */
    int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, as given to {@code --controller}. */
    String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** Makes every following answer this status with this body. */
    void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    /** The next request, or null after {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Discards what was received so far. */
    void clear() {
        received.clear();
    }

    /** Stops listening: the agent now meets a refused connection. */
    void stop() {
        server.stop(0);
    }

    /** Listens again on the same port (retrying briefly while the port is still held). */
    void restart() throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                start(port);
                return;
            } catch (IOException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void start(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body, System.nanoTime()));
            byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
        port = server.getAddress().getPort();
    }
}
