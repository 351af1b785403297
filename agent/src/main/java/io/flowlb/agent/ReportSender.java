package io.flowlb.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts report JSON to the controller ({@code POST /api/v1/agents/report},
 * {@code Content-Type: application/json}, {@code Authorization: Bearer} when a token is set).
 *
 * <p>A failed post is not retried: the next interval sends a fresh report. Failures are counted
 * and logged once per kind (connection refused, timeout, {@code HTTP 400} with the controller's
 * error body, ...) until a report is accepted again, which is logged once.
 *
 * <p>Thread-safety: {@link #send} is called by the reporter thread only; the counters may be
 * read from any thread.
 */
final class ReportSender {

    /** How much of an error body is read and logged. */
    private static final int MAX_ERROR_BODY = 4096;
    private static final int LOGGED_ERROR_BODY = 300;

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;
    private final ProblemLog problems;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    /**
     * @param token the bearer token, or null to send no Authorization header
     * @param timeout how long one post may take, connection included
     */
    ReportSender(HttpClient http, URI endpoint, String token, Duration timeout, Log log) {
        this.http = http;
        this.endpoint = endpoint;
        this.authorization = token == null ? null : "Bearer " + token;
        this.timeout = timeout;
        this.problems = new ProblemLog(log, "reports to " + endpoint);
    }

    /** Posts one report; true when the controller accepted it (2xx). Never throws. */
    boolean send(String json) {
        sent.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String body;
            try (InputStream in = response.body()) {
                body = status / 100 == 2 ? "" : new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            }
            if (status / 100 == 2) {
                accepted.incrementAndGet();
                problems.clear();
                return true;
            }
            String verdict = status / 100 == 4 ? "controller rejected the report with HTTP " : "controller answered HTTP ";
            problems.problem("HTTP " + status, verdict + status + ": " + ProblemLog.abbreviate(body.strip(), LOGGED_ERROR_BODY));
        } catch (IOException e) {
            String kind = ProblemLog.kindOf(e);
            problems.problem(kind, "cannot send (" + kind + "): " + ProblemLog.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Where reports go. */
    URI endpoint() {
        return endpoint;
    }

    /** Reports attempted since start. */
    long sent() {
        return sent.get();
    }

    /** Reports the controller accepted since start. */
    long accepted() {
        return accepted.get();
    }

    /** Failed reports of one kind since start, e.g. {@code "connection refused"} or {@code "HTTP 400"}. */
    long failures(String kind) {
        return problems.count(kind);
    }
}
