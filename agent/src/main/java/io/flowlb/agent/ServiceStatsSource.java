package io.flowlb.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Polls the service's own statistics once per interval: a file the service writes and/or a
 * local status URL (nginx {@code stub_status} or {@code key=value} text), see
 * {@link ServiceStats}. When both are given, values from the file win over those from the URL.
 * A request counter becomes requests/s through {@link RequestRate}.
 *
 * <p>Failures (unreadable file, URL down, junk lines) are counted and logged once per kind per
 * source; the reading simply lacks those fields.
 *
 * <p>Thread-safety: confined to the reporter thread, except {@link #ignoredLines()}.
 */
final class ServiceStatsSource {

    /** A statistics text is small; anything beyond this is not read. */
    static final int MAX_BYTES = 64 * 1024;

    /** Reads the text of one source. */
    private interface TextReader {
        InputStream open() throws IOException, InterruptedException;
    }

    /** One source with its own counter rate and problem log. */
    private record Feed(String name, TextReader reader, RequestRate rate, ProblemLog problems) {
    }

    private final Feed file;
    private final Feed url;
    private volatile long ignoredLines;

    /**
     * @param file the statistics file, or null
     * @param url the status URL, or null
     * @param http the client for the URL (unused when {@code url} is null)
     * @param timeout how long one URL poll may take
     */
    ServiceStatsSource(Path file, URI url, HttpClient http, Duration timeout, Log log) {
        this.file = file == null ? null : new Feed("stats file " + file, () -> Files.newInputStream(file),
                new RequestRate(), new ProblemLog(log, "stats file " + file));
        this.url = url == null ? null : new Feed("stats URL " + url, () -> get(http, url, timeout),
                new RequestRate(), new ProblemLog(log, "stats URL " + url));
    }

    /** The service's figures now, requests/s derived from a counter when not stated; NaN fields are unknown. */
    ServiceStats read(long nowNanos) {
        ServiceStats fromUrl = url == null ? ServiceStats.NONE : poll(url, nowNanos);
        ServiceStats fromFile = file == null ? ServiceStats.NONE : poll(file, nowNanos);
        return fromFile.over(fromUrl);
    }

    /** Lines ignored in every poll since start (the same junk line counts once per poll). */
    long ignoredLines() {
        return ignoredLines;
    }

    /** Where the figures come from, for the start-up log line. */
    String describe() {
        return file == null ? url.name() : url == null ? file.name() : file.name() + " and " + url.name();
    }

    private ServiceStats poll(Feed feed, long nowNanos) {
        String text;
        try (InputStream in = feed.reader().open()) {
            text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            feed.problems().problem(ProblemLog.kindOf(e), "cannot read: " + ProblemLog.describe(e));
            return ServiceStats.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceStats.NONE;
        }
        ServiceStats stats = ServiceStats.parse(text);
        if (stats.ignoredLines() > 0) {
            ignoredLines += stats.ignoredLines();
            feed.problems().problem("ignored lines", stats.ignoredLines() + " line(s) ignored, the first: '"
                    + ProblemLog.abbreviate(stats.firstIgnored(), 80) + "'");
        } else {
            feed.problems().clear();
        }
        return stats.withDerivedRate(feed.rate().update(stats.requestsTotal(), nowNanos));
    }

    private static InputStream get(HttpClient http, URI url, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        return response.body();
    }
}
