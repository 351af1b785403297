package io.flowlb.controller.rest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One entry of the route table: a method, a path pattern with {@code {name}} parameters, the
 * handler, how the body is read, and what the OpenAPI document says about it.
 *
 * @param body how the request body is checked before the handler runs
 * @param access who may call it when a token is configured
 * @param style the error body format
 * @param doc the summary, tag and schemas for the OpenAPI document
 *
 * <p>Thread safety: immutable.
 */
public record Route(String method, String pattern, Handler handler, Body body, Access access, Style style, Doc doc) {

    /** How the body of a request is checked. */
    public enum Body {
        /** No body is read. */
        NONE,
        /** A JSON body; its Content-Type must be JSON (else 415). */
        JSON,
        /** A JSON body whatever the Content-Type says (curl -d sends form encoding, as Floodlight's scripts do). */
        JSON_ANY_TYPE
    }

    /** Who may call a route when a token is configured. */
    public enum Access {
        /** Writes: always need the token. */
        WRITE,
        /** Reads: need the token when {@code rest.auth_reads} is set. */
        READ,
        /** Static dashboard files and the API description: never need it (they hold no data). */
        PUBLIC
    }

    /** The shape of error bodies. */
    public enum Style {
        /** {@code {"error": ..., "field": ...}}. */
        NATIVE,
        /** The same plus Floodlight's {@code "status"} string, which its scripts print. */
        FLOODLIGHT
    }

    /** What the OpenAPI document says: a summary, a tag, the request and response body types, the success status. */
    public record Doc(String summary, String tag, Class<?> request, Class<?> response, boolean responseIsList,
                      int status, String responseMediaType) {
    }

    public Route {
        method = method.toUpperCase(Locale.ROOT);
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a pattern starts with /: " + pattern);
        }
    }

    /** The pattern's segments without a trailing slash ({@code /a/{b}/} gives {@code [a, {b}]}). */
    public List<String> segments() {
        return split(pattern);
    }

    /** The pattern with the trailing slash removed, as the router compares paths. */
    public String normalizedPattern() {
        return "/" + String.join("/", segments());
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return Collections.unmodifiableList(out);
    }

    static boolean isParam(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }
}
