package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceStatsSourceTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;
    private final RecordingLog log = new RecordingLog();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        http.close();
    }

    @Test
    void derivesRequestsPerSecondFromTheNginxStubStatusCounterBetweenPolls() throws IOException {
        AtomicLong requests = new AtomicLong(1000);
        URI url = serveStubStatus(requests);
        ServiceStatsSource source = new ServiceStatsSource(null, url, http, Duration.ofSeconds(2), log);

        assertThat(source.read(0).requestsPerSecond()).isNaN();
        requests.addAndGet(500);
        assertThat(source.read(2 * SECOND).requestsPerSecond()).isEqualTo(250.0);
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void junkLinesInTheStatsFileAreLoggedOnceButCountedAtEveryPoll() throws IOException {
        Path file = Files.writeString(dir.resolve("stats"), "requests_per_second=12\nbogus line\navg_service_time_ms=2\n");
        ServiceStatsSource source = new ServiceStatsSource(file, null, http, Duration.ofSeconds(1), log);

        ServiceStats first = source.read(0);
        source.read(SECOND);
        source.read(2 * SECOND);

        assertThat(first.requestsPerSecond()).isEqualTo(12.0);
        assertThat(first.avgServiceTimeMs()).isEqualTo(2.0);
        assertThat(source.ignoredLines()).isEqualTo(3);
        assertThat(log.matching("ignored")).hasSize(1).first().asString().contains("'bogus line'");
    }

    @Test
    void aMissingFileIsLoggedOnceAndReadingsResumeWhenItAppears() throws IOException {
        Path file = dir.resolve("later");
        ServiceStatsSource source = new ServiceStatsSource(file, null, http, Duration.ofSeconds(1), log);

        assertThat(source.read(0).avgServiceTimeMs()).isNaN();
        assertThat(source.read(SECOND).avgServiceTimeMs()).isNaN();
        Files.writeString(file, "avg_service_time_ms=7.5\n");
        assertThat(source.read(2 * SECOND).avgServiceTimeMs()).isEqualTo(7.5);

        assertThat(log.matching("cannot read")).hasSize(1);
        assertThat(log.matching("ok again")).hasSize(1);
    }

    @Test
    void fileValuesWinOverUrlValuesAndFieldsCombine() throws IOException {
        AtomicLong requests = new AtomicLong(0);
        URI url = serveStubStatus(requests);
        Path file = Files.writeString(dir.resolve("stats"), "avg_service_time_ms=4\n");
        ServiceStatsSource source = new ServiceStatsSource(file, url, http, Duration.ofSeconds(2), log);

        source.read(0);
        requests.set(100);
        ServiceStats s = source.read(SECOND);
        assertThat(s.requestsPerSecond()).isEqualTo(100.0);
        assertThat(s.avgServiceTimeMs()).isEqualTo(4.0);

        Files.writeString(file, "avg_service_time_ms=4\nrequests_per_second=7\n");
        assertThat(source.read(2 * SECOND).requestsPerSecond()).isEqualTo(7.0);
    }

    @Test
    void aStatusUrlAnsweringAnErrorGivesNoFiguresAndOneLogLine() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/status");
        ServiceStatsSource source = new ServiceStatsSource(null, url, http, Duration.ofSeconds(2), log);

        assertThat(source.read(0).requestsPerSecond()).isNaN();
        assertThat(source.read(SECOND).requestsPerSecond()).isNaN();
        assertThat(log.matching("HTTP 503")).hasSize(1);
    }

    private URI serveStubStatus(AtomicLong requests) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status", exchange -> {
            byte[] body = ("Active connections: 3 \nserver accepts handled requests\n 10 10 " + requests.get()
                    + " \nReading: 0 Writing: 1 Waiting: 2 \n").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/status");
    }
}
