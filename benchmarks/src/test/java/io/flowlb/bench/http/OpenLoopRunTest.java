package io.flowlb.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator against a real HTTP server on the loopback interface. */
class OpenLoopRunTest {

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    /** A server answering "ok"; the request numbered {@code stallAt} (from 1) is held for stallMillis. */
    private String start(int stallAt, long stallMillis, int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", ex -> {
            int n = served.incrementAndGet();
            if (n == stallAt) {
                sleep(stallMillis);
            }
            byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor()); // one request at a time, like a stalled server
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OpenLoopResult run(String... args) throws Exception {
        return new OpenLoopRun(OpenLoopOptions.parse(args)).run();
    }

    @Test
    void completesEveryRequestDueInTheWindowAtTheOfferedRate() throws Exception {
        String url = start(-1, 0, 200);
        OpenLoopResult r = run("--rate", "400", "--duration", "1", "--warmup", "0.5", "--connections", "4", url);
        assertEquals(400, r.due);
        assertEquals(400, r.completed());
        assertEquals(0, r.errors());
        assertEquals(400, r.achievedRate(), 4, "the last answers end a little after the window");
        assertEquals(400, r.latency().count(), "warm-up requests are not counted");
        assertTrue(served.get() >= 600, "the warm-up ran at the same rate: " + served.get());
    }

    @Test
    void countsTheRequestsQueuedBehindAStallFromWhenTheyWereDue() throws Exception {
        // 200 requests/s on one connection; the 50th answer is held 300 ms. The ~60 requests due
        // during the stall wait for the connection; a closed-loop tool would report one slow request.
        String url = start(50, 300, 200);
        OpenLoopResult r = run("--rate", "200", "--duration", "1", "--warmup", "0", "--connections", "1", url);
        assertEquals(200, r.completed());
        LatencyHistogram h = r.latency();
        assertTrue(h.max() >= 300_000_000L, "the stalled request: " + h.max());
        assertTrue(h.percentile(80) >= 50_000_000L,
                "a fifth of the requests waited at least 50 ms: p80 " + h.percentile(80) / 1e6 + " ms");
        assertTrue(r.sentLate >= 50, "requests sent late: " + r.sentLate);
    }

    @Test
    void aServerSlowerThanTheOfferedRateFallsBehindIt() throws Exception {
        // One connection, and every answer held 10 ms: at most 100 answers/s against 300 offered.
        String url = start(-1, 0, 200);
        server.removeContext("/");
        server.createContext("/", ex -> {
            sleep(10);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        OpenLoopResult r = run("--rate", "300", "--duration", "0.5", "--warmup", "0", "--connections", "1",
                "--timeout", "5000", url);
        assertEquals(150, r.completed());
        assertTrue(r.achievedRate() < 120, "achieved " + r.achievedRate());
        assertTrue(r.latency().max() >= 900_000_000L, "the last request waited for the 149 before it: "
                + r.latency().max() / 1e6 + " ms");
    }

    @Test
    void opensANewConnectionPerRequestInCloseMode() throws Exception {
        String url = start(-1, 0, 503);
        OpenLoopResult r = run("--rate", "200", "--duration", "1", "--warmup", "0", "--close", url);
        assertEquals(200, r.completed());
        assertEquals(200, r.non2xx, "503 answers are errors");
        assertEquals(200, r.errors());
    }

    @Test
    void aServerThatIsNotThereIsReportedNotMeasured() throws Exception {
        String url = start(-1, 0, 200);
        server.stop(0);
        server = null;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = OpenLoopHttp.run(new String[] {"--rate", "10", "--duration", "1", "--timeout", "200", url},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(1, rc);
        assertTrue(err.toString().startsWith("open-loop-http: cannot connect to "), err.toString());
    }
}
