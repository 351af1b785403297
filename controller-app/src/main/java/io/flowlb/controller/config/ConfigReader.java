package io.flowlb.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one JSON object of the configuration with typed getters that take the documented
 * default, check ranges, and remember which keys were read; {@link #finish} then rejects every
 * key that was not, naming it and listing the keys that exist.
 *
 * <p>Thread safety: none; used once at start-up.
 */
final class ConfigReader {
    private final ObjectNode node;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    ConfigReader(JsonNode node, String path) {
        if (node != null && !node.isObject()) {
            throw new ConfigException(where(path) + "must be an object, not " + node.getNodeType());
        }
        this.node = node == null ? null : (ObjectNode) node;
        this.path = path;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the configuration " : "'" + path + "' ";
    }

    private String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode get(String name) {
        known.add(name);
        JsonNode v = node == null ? null : node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    ConfigReader object(String name) {
        return new ConfigReader(get(name), key(name));
    }

    boolean bool(String name, boolean dflt) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new ConfigException("'" + key(name) + "' must be true or false, not " + v);
        }
        return v.booleanValue();
    }

    long number(String name, long dflt, long min, long max) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ConfigException("'" + key(name) + "' must be a whole number, not " + v);
        }
        return checkRange(key(name), v.longValue(), min, max);
    }

    int integer(String name, int dflt, int min, int max) {
        return (int) number(name, dflt, min, max);
    }

    double decimal(String name, double dflt, double min, double max) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new ConfigException("'" + key(name) + "' must be a number, not " + v);
        }
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) {
            throw new ConfigException("'" + key(name) + "' must be between " + min + " and " + max + ", not " + v);
        }
        return d;
    }

    String string(String name, String dflt) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new ConfigException("'" + key(name) + "' must be a string, not " + v);
        }
        return v.textValue();
    }

    List<Integer> ports(String name, List<Integer> dflt) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        List<Integer> out = new ArrayList<>();
        JsonNode items = v.isArray() ? v : null;
        if (items == null && !v.isIntegralNumber()) {
            throw new ConfigException("'" + key(name) + "' must be a port number or a list of them, not " + v);
        }
        for (JsonNode item : items == null ? List.of(v) : items) {
            if (!item.isIntegralNumber()) {
                throw new ConfigException("'" + key(name) + "' must hold port numbers, not " + item);
            }
            out.add((int) checkRange(key(name), item.longValue(), 0, 65535));
        }
        if (out.isEmpty()) {
            throw new ConfigException("'" + key(name) + "' must name at least one port");
        }
        return List.copyOf(out);
    }

    List<String> strings(String name, List<String> dflt) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v.isArray() ? v : List.of(v)) {
            if (!item.isTextual()) {
                throw new ConfigException("'" + key(name) + "' must hold strings, not " + item);
            }
            out.add(item.textValue());
        }
        return List.copyOf(out);
    }

    /** Rejects keys that no getter asked for. */
    void finish() {
        if (node == null) {
            return;
        }
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                unknown.add(key(k));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown configuration key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(k -> "'" + k + "'").toList())
                    + " (" + where(path) + "knows " + String.join(", ", known) + ")");
        }
    }

    static long checkRange(String key, long v, long min, long max) {
        if (v < min || v > max) {
            throw new ConfigException("'" + key + "' must be between " + min + " and " + max + ", not " + v);
        }
        return v;
    }
}
