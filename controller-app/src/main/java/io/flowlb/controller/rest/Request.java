package io.flowlb.controller.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.controller.lb.json.JsonProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP request as a handler sees it: method, decoded path, the path parameters of its route,
 * query parameters, headers (lower-case names), the body and the peer's address.
 *
 * <p>Thread safety: confined to the request's thread.
 */
public final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> params;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String remote;
    private final ObjectMapper mapper;

    public Request(String method, String path, Map<String, String> params, Map<String, String> query,
                   Map<String, String> headers, byte[] body, String remote, ObjectMapper mapper) {
        this.method = method;
        this.path = path;
        this.params = Map.copyOf(params);
        this.query = Map.copyOf(query);
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.remote = remote;
        this.mapper = mapper;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** A path parameter of the route ({@code {id}} gives {@code param("id")}). */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("the route has no parameter " + name);
        }
        return v;
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return query.get(name);
    }

    /** A header by lower-case name, or null. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String remote() {
        return remote;
    }

    /** The body decoded as {@code type}; a missing, malformed or mistyped body is a 400 naming the field. */
    public <T> T json(Class<T> type) {
        requireBody();
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest(null, "the body must be a JSON object, not null");
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonProblem p = JsonProblem.of(e);
            throw ApiException.badRequest(p.field(), p.error());
        } catch (IOException e) {
            throw ApiException.badRequest(null, "cannot read the body: " + e.getMessage());
        }
    }

    /** The body as a JSON tree, for handlers that read fields themselves (Floodlight's API). */
    public JsonNode jsonTree() {
        requireBody();
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest(null, "a JSON body is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, JsonProblem.of(e).error());
        } catch (IOException e) {
            throw ApiException.badRequest(null, "cannot read the body: " + e.getMessage());
        }
    }

    private void requireBody() {
        if (body.length == 0) {
            throw ApiException.badRequest(null, "a JSON body is required");
        }
    }
}
