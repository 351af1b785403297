package io.flowlb.controller.rest.floodlight;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowlb.controller.rest.ApiException;
import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.ModelException;
import io.flowlb.loadbalancer.model.Protocol;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Reads a Floodlight request body the way Floodlight's resources do: a JSON object of scalar
 * fields, each read as text ({@code "port": "8"} and {@code "port": 8} alike), an empty string
 * counting as absent; but a field outside the known set is a 400 naming it, and a value that does
 * not parse is a 400 naming its field.
 *
 * <p>Thread safety: confined to one request.
 */
final class FloodlightFields {
    private final Map<String, String> values = new HashMap<>();

    private FloodlightFields() {
    }

    /** The scalar fields of {@code body}, all of whose names must be in {@code known}. */
    static FloodlightFields of(JsonNode body, Set<String> known) {
        if (!body.isObject()) {
            throw ApiException.badRequest(null, "the body must be a JSON object");
        }
        FloodlightFields f = new FloodlightFields();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                throw ApiException.badRequest(e.getKey(), "is not a field Floodlight's API knows here; known fields: "
                        + String.join(", ", new TreeSet<>(known)));
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                throw ApiException.badRequest(e.getKey(), "must be a string or a number");
            }
            if (!v.asText().isEmpty()) {
                f.values.put(e.getKey(), v.asText());
            }
        }
        return f;
    }

    /**
     * The object inside {@code {"<wrapper>": {...}}} when the body is only that, else the body:
     * Floodlight's first monitor resource read its fields from inside a {@code "monitor"} object,
     * the later one from the body itself; both are accepted.
     */
    static JsonNode unwrap(JsonNode body, String wrapper) {
        if (wrapper != null && body.isObject() && body.size() == 1 && body.path(wrapper).isObject()) {
            return body.get(wrapper);
        }
        return body;
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    /** The text of a field, or null when absent or empty. */
    String text(String field) {
        return values.get(field);
    }

    /** A field parsed by a model parser ({@code (field, text)}), or null when absent. */
    <T> T parsed(String field, BiFunction<String, String, T> parse) {
        String t = values.get(field);
        return t == null ? null : valid(() -> parse.apply(field, t));
    }

    /** A whole number field, or null when absent. */
    Integer number(String field) {
        String t = values.get(field);
        if (t == null) {
            return null;
        }
        try {
            return Integer.valueOf(t.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "must be a whole number, got \"" + Fields.printable(t) + "\"");
        }
    }

    IpAddress address(String field) {
        return parsed(field, IpAddress::parse);
    }

    /** Floodlight's protocol names (TCP, UDP, ICMP, TLS) plus every name and number flowlb knows. */
    Protocol protocol(String field) {
        String t = values.get(field);
        if (t == null) {
            return null;
        }
        boolean tls = t.trim().toLowerCase(Locale.ROOT).equals("tls");
        return tls ? new Protocol(56) : valid(() -> Protocol.parse(field, t));
    }

    /** Runs a model constructor or parser, turning its rejection into a 400 naming the field. */
    static <T> T valid(Supplier<T> build) {
        try {
            return build.get();
        } catch (ModelException e) {
            throw ApiException.badRequest(e.field(), e.error());
        }
    }
}
