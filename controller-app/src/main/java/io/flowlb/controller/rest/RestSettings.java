package io.flowlb.controller.rest;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The REST server's settings, each with a documented default.
 *
 * <ul>
 *   <li>{@code rest.bind} (default {@value #DEFAULT_BIND}): the address to listen on.</li>
 *   <li>{@code rest.port} (default {@value #DEFAULT_PORT}; 0 picks a free port).</li>
 *   <li>{@code rest.token} (default: none; else the environment variable
 *       {@value #TOKEN_ENV}): when set, every write (POST, PUT, PATCH, DELETE) needs
 *       {@code Authorization: Bearer <token>}, or gets 401. Printable ASCII, no spaces.</li>
 *   <li>{@code rest.auth_reads} (default false): reads need the token too (the dashboard's
 *       files and the OpenAPI document stay open; they hold no data).</li>
 *   <li>{@code rest.max_body_bytes} (default {@value #DEFAULT_MAX_BODY}): larger bodies get 413.</li>
 * </ul>
 * How long a request waits for the control loop or a switch is the {@code timeout} of
 * {@link io.flowlb.controller.rest.api.RestContext} (10 s in the controller).
 *
 * <p>Thread safety: immutable.
 */
public record RestSettings(String bind, int port, String token, boolean authReads, int maxBodyBytes) {
    public static final String DEFAULT_BIND = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY = 1024 * 1024;
    public static final String TOKEN_ENV = "FLOWLB_REST_TOKEN";

    private static final Set<String> KEYS = Set.of("rest.bind", "rest.port", "rest.token", "rest.auth_reads",
            "rest.max_body_bytes");

    public RestSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("rest.port must be between 0 and 65535, got " + port);
        }
        if (token != null && token.isEmpty()) {
            token = null;
        }
        if (token != null && !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("rest.token must be printable ASCII without spaces");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("rest.max_body_bytes must be at least 1024, got " + maxBodyBytes);
        }
    }

    public static RestSettings defaults() {
        return new RestSettings(DEFAULT_BIND, DEFAULT_PORT, null, false, DEFAULT_MAX_BODY);
    }

    /**
     * Reads the {@code rest.*} keys of a controller settings map (other keys are ignored; an
     * unknown {@code rest.*} key is an error naming it), with the token from {@value #TOKEN_ENV}
     * in {@code env} when {@code rest.token} is not given.
     */
    public static RestSettings from(Map<String, String> settings, Map<String, String> env) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String k : settings.keySet()) {
            if (k.startsWith("rest.") && !KEYS.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", new TreeSet<>(KEYS)));
        }
        RestSettings d = defaults();
        String token = settings.containsKey("rest.token") ? settings.get("rest.token") : env.get(TOKEN_ENV);
        return new RestSettings(settings.getOrDefault("rest.bind", d.bind()),
                number(settings, "rest.port", d.port()), token,
                bool(settings, "rest.auth_reads"), number(settings, "rest.max_body_bytes", d.maxBodyBytes()));
    }

    public RestSettings withPort(int newPort) {
        return new RestSettings(bind, newPort, token, authReads, maxBodyBytes);
    }

    public RestSettings withBind(String newBind) {
        return new RestSettings(newBind, port, token, authReads, maxBodyBytes);
    }

    public RestSettings withToken(String newToken, boolean newAuthReads) {
        return new RestSettings(bind, port, newToken, newAuthReads, maxBodyBytes);
    }

    public RestSettings withMaxBodyBytes(int bytes) {
        return new RestSettings(bind, port, token, authReads, bytes);
    }

    @Override
    public String toString() {
        return "RestSettings[bind=" + bind + ", port=" + port + ", token=" + (token == null ? "none" : "set")
                + ", authReads=" + authReads + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    private static int number(Map<String, String> s, String key, int fallback) {
        String v = s.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'", e);
        }
    }

    private static boolean bool(Map<String, String> s, String key) {
        String v = s.getOrDefault(key, "false").trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        }
        return v.equals("true");
    }
}
