package io.flowlb.loadbalancer.model;

/**
 * An active health check run against every member of the pools that name it.
 *
 * <p>A member turns DOWN after {@code fall} consecutive failures and UP after {@code rise}
 * consecutive successes (HAProxy's rise/fall). Each probe must answer within
 * {@code timeout_ms}, which is shorter than {@code interval_ms} so probes never overlap.
 *
 * <p>Fields, JSON names and defaults: {@code id}; {@code type} ({@link MonitorType});
 * {@code interval_ms} ({@value #MIN_INTERVAL_MS}-{@value #MAX_INTERVAL_MS}, default
 * {@value #DEFAULT_INTERVAL_MS}); {@code timeout_ms} (at least {@value #MIN_TIMEOUT_MS}, below the
 * interval, default {@value #DEFAULT_TIMEOUT_MS}); {@code rise} and {@code fall} (1-{@value #MAX_RISE_FALL},
 * defaults {@value #DEFAULT_RISE} and {@value #DEFAULT_FALL}); {@code http_path} (HTTP only,
 * must start with {@code /}, default {@code /}); {@code expected_status} (HTTP only, default
 * {@code 200-399}); {@code port} (0 = the member's port, else the port probed).
 * Null reference fields take their defaults.
 *
 * <p>Thread safety: immutable.
 */
public record Monitor(MonitorId id, MonitorType type, long intervalMs, long timeoutMs, int rise, int fall,
                      String httpPath, ExpectedStatus expectedStatus, int port) {
    public static final long MIN_INTERVAL_MS = 100;
    public static final long MAX_INTERVAL_MS = 3_600_000;
    public static final long DEFAULT_INTERVAL_MS = 5_000;
    public static final long MIN_TIMEOUT_MS = 10;
    public static final long DEFAULT_TIMEOUT_MS = 2_000;
    public static final int MAX_RISE_FALL = 100;
    public static final int DEFAULT_RISE = 2;
    public static final int DEFAULT_FALL = 3;
    public static final String DEFAULT_HTTP_PATH = "/";

    public Monitor {
        Fields.required("id", id);
        Fields.required("type", type);
        Fields.range("interval_ms", intervalMs, MIN_INTERVAL_MS, MAX_INTERVAL_MS);
        Fields.range("timeout_ms", timeoutMs, MIN_TIMEOUT_MS, MAX_INTERVAL_MS);
        if (timeoutMs >= intervalMs) {
            throw new ValidationException("timeout_ms", "must be shorter than interval_ms (" + intervalMs + "), got "
                    + timeoutMs);
        }
        Fields.range("rise", rise, 1, MAX_RISE_FALL);
        Fields.range("fall", fall, 1, MAX_RISE_FALL);
        httpPath = checkPath(Fields.orDefault(httpPath, DEFAULT_HTTP_PATH));
        expectedStatus = Fields.orDefault(expectedStatus, ExpectedStatus.DEFAULT);
        Fields.port("port", port);
    }

    /** A monitor of {@code type} with every setting at its default. */
    public static Monitor of(MonitorId id, MonitorType type) {
        return new Monitor(id, type, DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS, DEFAULT_RISE, DEFAULT_FALL, null, null, 0);
    }

    /** The port probed on a member that listens on {@code memberPort}. */
    public int targetPort(int memberPort) {
        return port == 0 ? memberPort : port;
    }

    public Monitor withTiming(long newIntervalMs, long newTimeoutMs) {
        return new Monitor(id, type, newIntervalMs, newTimeoutMs, rise, fall, httpPath, expectedStatus, port);
    }

    public Monitor withRiseFall(int newRise, int newFall) {
        return new Monitor(id, type, intervalMs, timeoutMs, newRise, newFall, httpPath, expectedStatus, port);
    }

    public Monitor withHttp(String newPath, ExpectedStatus newStatus) {
        return new Monitor(id, type, intervalMs, timeoutMs, rise, fall, newPath, newStatus, port);
    }

    public Monitor withPort(int newPort) {
        return new Monitor(id, type, intervalMs, timeoutMs, rise, fall, httpPath, expectedStatus, newPort);
    }

    /** An origin-form request target: starts with '/', at most 1024 printable ASCII characters, no spaces. */
    private static String checkPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/' || path.length() > 1024) {
            throw new ValidationException("http_path", "must start with / and have at most 1024 characters, got \""
                    + Fields.printable(path) + "\"");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new ValidationException("http_path", "must be printable ASCII without spaces (percent-encode"
                        + " others), got \"" + Fields.printable(path) + "\"");
            }
        }
        return path;
    }
}
