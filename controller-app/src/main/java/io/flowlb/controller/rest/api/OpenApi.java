package io.flowlb.controller.rest.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.rest.ErrorBody;
import io.flowlb.controller.rest.Route;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generates the OpenAPI 3 document from the route table: one operation per route, with its
 * summary, tag, path parameters, request and response schemas and the bearer requirement of
 * writes; the schemas are derived from the same records the JSON codec reads and writes, with
 * the same field names. The document therefore cannot list a route that does not exist, nor miss
 * one that does.
 *
 * <p>Thread safety: stateless.
 */
final class OpenApi {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final Map<Class<?>, String> STRING_TYPES = LbJson.stringTypes();

    private OpenApi() {
    }

    static ObjectNode document(List<Route> routes, ObjectMapper mapper) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "flowlb controller API");
        info.put("version", "1");
        info.put("description", "Native API under /api/v1, Floodlight-compatible API under /quantum/v1.0, metrics and"
                + " dashboard. Errors are {\"error\": ..., \"field\": ...}: 400 invalid request, 422 rejected by the"
                + " configuration, 404, 409, 401 without the bearer token (writes, and reads when closed).");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes").putObject("bearer");
        schemes.put("type", "http");
        schemes.put("scheme", "bearer");
        ObjectNode schemas = components.putObject("schemas");
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(ErrorBody.class);
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode path = paths.has(r.pattern()) ? (ObjectNode) paths.get(r.pattern())
                    : paths.putObject(r.pattern());
            path.set(r.method().toLowerCase(Locale.ROOT), operation(r, mapper, pending));
        }
        Set<Class<?>> done = new HashSet<>();
        while (!pending.isEmpty()) {
            Class<?> c = pending.poll();
            if (done.add(c)) {
                schemas.set(name(c), recordSchema(c, mapper, pending));
            }
        }
        return doc;
    }

    private static ObjectNode operation(Route r, ObjectMapper mapper, Deque<Class<?>> pending) {
        ObjectNode op = mapper.createObjectNode();
        Route.Doc d = r.doc();
        op.put("summary", d.summary());
        op.putArray("tags").add(d.tag());
        op.put("operationId", r.method().toLowerCase(Locale.ROOT)
                + r.normalizedPattern().replaceAll("[^A-Za-z0-9]+", "_"));
        ArrayNode params = mapper.createArrayNode();
        for (String s : r.segments()) {
            if (s.startsWith("{") && s.endsWith("}")) {
                ObjectNode p = params.addObject();
                p.put("name", s.substring(1, s.length() - 1));
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
        }
        if (!params.isEmpty()) {
            op.set("parameters", params);
        }
        if (d.request() != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            body.putObject("content").putObject("application/json").set("schema", ref(d.request(), mapper, pending));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(d.status()));
        ok.put("description", "success");
        if (d.response() != null) {
            JsonNode schema = ref(d.response(), mapper, pending);
            if (d.responseIsList()) {
                ObjectNode array = mapper.createObjectNode();
                array.put("type", "array");
                array.set("items", schema);
                schema = array;
            }
            ok.putObject("content").putObject(d.responseMediaType()).set("schema", schema);
        } else if (d.responseMediaType() != null) {
            ok.putObject("content").putObject(d.responseMediaType()).putObject("schema").put("type", "string");
        }
        ObjectNode error = responses.putObject("default");
        error.put("description", "an error: {\"error\": ..., \"field\": ...}");
        error.putObject("content").putObject("application/json").set("schema", ref(ErrorBody.class, mapper, pending));
        if (r.access() == Route.Access.WRITE) {
            op.putArray("security").addObject().putArray("bearer");
        }
        return op;
    }

    private static ObjectNode ref(Class<?> c, ObjectMapper mapper, Deque<Class<?>> pending) {
        if (!c.isRecord() || STRING_TYPES.containsKey(c)) {
            return typeSchema(c, mapper, pending);
        }
        pending.add(c);
        ObjectNode n = mapper.createObjectNode();
        n.put("$ref", "#/components/schemas/" + name(c));
        return n;
    }

    private static ObjectNode recordSchema(Class<?> c, ObjectMapper mapper, Deque<Class<?>> pending) {
        ObjectNode s = mapper.createObjectNode();
        s.put("type", "object");
        s.put("additionalProperties", false);
        ObjectNode props = s.putObject("properties");
        for (RecordComponent rc : c.getRecordComponents()) {
            JsonProperty named = rc.getAccessor().getAnnotation(JsonProperty.class);
            String field = named != null && !named.value().isEmpty() ? named.value() : SNAKE.translate(rc.getName());
            props.set(field, genericSchema(rc.getGenericType(), mapper, pending));
        }
        return s;
    }

    private static ObjectNode genericSchema(Type t, ObjectMapper mapper, Deque<Class<?>> pending) {
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode a = mapper.createObjectNode();
                a.put("type", "array");
                a.set("items", genericSchema(p.getActualTypeArguments()[0], mapper, pending));
                return a;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode o = mapper.createObjectNode();
                o.put("type", "object");
                o.set("additionalProperties", genericSchema(p.getActualTypeArguments()[1], mapper, pending));
                return o;
            }
        }
        return t instanceof Class<?> c ? ref(c, mapper, pending) : mapper.createObjectNode().put("type", "object");
    }

    private static ObjectNode typeSchema(Class<?> c, ObjectMapper mapper, Deque<Class<?>> pending) {
        ObjectNode n = mapper.createObjectNode();
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            n.put("type", "integer");
            n.put("format", c == long.class || c == Long.class ? "int64" : "int32");
        } else if (c == double.class || c == Double.class) {
            n.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            n.put("type", "boolean");
        } else if (c.isEnum()) {
            n.put("type", "string");
            ArrayNode values = n.putArray("enum");
            for (Object e : c.getEnumConstants()) {
                values.add(LbJson.enumText((Enum<?>) e));
            }
        } else if (c == JsonNode.class || c == Object.class || Map.class.isAssignableFrom(c)) {
            n.put("type", "object");
        } else {
            n.put("type", "string");
            if (c == Instant.class) {
                n.put("format", "date-time");
            }
            if (STRING_TYPES.containsKey(c)) {
                n.put("description", STRING_TYPES.get(c));
            }
        }
        return n;
    }

    /** The schema name of a record: its simple name without a {@code Json} suffix. */
    static String name(Class<?> c) {
        String n = c.getSimpleName();
        return n.endsWith("Json") && n.length() > 4 ? n.substring(0, n.length() - 4) : n;
    }
}
