package io.flowlb.agent;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The JSON form of a {@link Report}, one object, fields in this order:
 *
 * <pre>{@code
 * {"member_id": "web-1", "address": "10.0.0.1", "port": 80, "active_clients": 12,
 *  "cpu_percent": 35.5, "memory_percent": 40.1, "avg_service_time_ms": 3.2,
 *  "requests_per_second": 150.0, "agent_state": "ready", "sequence": 17,
 *  "sent_at": "2026-11-23T05:00:00.250Z"}
 * }</pre>
 *
 * <p>{@code member_id} appears only when configured; a reading that is not available is left
 * out (never null). Percentages, times and rates are rounded to two decimals. {@code sent_at}
 * is an ISO-8601 UTC instant with millisecond precision ({@code Instant.parse} reads it).
 * Strings are escaped per RFC 8259 and every non-ASCII character is written as {@code \\uXXXX},
 * so the body is plain ASCII whatever the member id holds.
 *
 * <p>Thread-safety: stateless.
 */
final class ReportJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ReportJson() {
    }

    /** The report as one JSON object. */
    static String encode(Report report) {
        StringBuilder json = new StringBuilder(256).append('{');
        if (report.memberId() != null) {
            string(json, "member_id").append(": ");
            string(json, report.memberId()).append(", ");
        }
        string(json, "address").append(": ");
        string(json, report.address());
        json.append(", \"port\": ").append(report.port());
        LoadReading r = report.reading();
        if (r.hasActiveClients()) {
            json.append(", \"active_clients\": ").append(r.activeClients());
        }
        number(json, "cpu_percent", r.cpuPercent());
        number(json, "memory_percent", r.memoryPercent());
        number(json, "avg_service_time_ms", r.avgServiceTimeMs());
        number(json, "requests_per_second", r.requestsPerSecond());
        json.append(", \"agent_state\": ");
        string(json, report.state().reportName());
        json.append(", \"sequence\": ").append(report.sequence());
        json.append(", \"sent_at\": ");
        string(json, DateTimeFormatter.ISO_INSTANT.format(report.sentAt().truncatedTo(ChronoUnit.MILLIS)));
        return json.append('}').toString();
    }

    /** Appends {@code value} as a JSON string: quotes, backslashes, control and non-ASCII characters escaped. */
    static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        json.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    /** Appends {@code , "name": value} rounded to two decimals, or nothing when the value is not finite. */
    private static void number(StringBuilder json, String name, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        // Math.round saturates at Long.MAX_VALUE: only round values that fit.
        double rounded = Math.abs(value) < 1e13 ? Math.round(value * 100.0) / 100.0 : value;
        json.append(", \"").append(name).append("\": ").append(rounded);
    }
}
