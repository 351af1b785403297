package io.flowlb.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A curl for tests: JSON calls to a controller's REST API at {@code base} ({@code http://127.0.0.1:8080}). */
public final class RestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public RestClient(String base) {
        this.base = base;
    }

    public static RestClient local(int port) {
        return new RestClient("http://127.0.0.1:" + port);
    }

    /** A status and body. */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    public Reply get(String path) {
        return call("GET", path, null);
    }

    /** Sends {@code json} (or no body when null) with {@code method}. */
    public Reply call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A call that must succeed (2xx); returns the reply. */
    public Reply ok(String method, String path, String json) {
        Reply r = call(method, path, json);
        if (r.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + r.status() + ": " + r.body());
        }
        return r;
    }
}
