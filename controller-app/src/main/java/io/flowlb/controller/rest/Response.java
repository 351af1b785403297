package io.flowlb.controller.rest;

import java.util.HashMap;
import java.util.Map;

/**
 * What a handler answers: a status and either an object to send as JSON or raw bytes with their
 * content type, plus extra headers.
 *
 * <p>Thread safety: immutable.
 */
public record Response(int status, Object json, byte[] raw, String contentType, Map<String, String> headers) {
    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response json(int status, Object body) {
        return new Response(status, body, null, null, Map.of());
    }

    public static Response ok(Object body) {
        return json(200, body);
    }

    /** 201 with the new object and its address. */
    public static Response created(String location, Object body) {
        return new Response(201, body, null, null, Map.of("Location", location));
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, null, body, contentType, Map.of());
    }

    public Response withHeader(String name, String value) {
        HashMap<String, String> h = new HashMap<>(headers);
        h.put(name, value);
        return new Response(status, json, raw, contentType, h);
    }
}
