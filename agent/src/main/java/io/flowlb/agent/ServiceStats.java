package io.flowlb.agent;

import java.util.regex.Pattern;

/**
 * What the service says about itself, parsed from a statistics file or a local status page.
 *
 * <p>Two formats are understood:
 * <ul>
 *   <li>{@code key=value} lines: {@code requests_per_second}, {@code avg_service_time_ms} and
 *       {@code requests_total} (a counter; the agent derives requests/s from its growth).
 *       Blank lines and lines starting with {@code #} are skipped. Spaces around {@code =} are
 *       allowed. Values must be finite, non-negative numbers.</li>
 *   <li>nginx {@code stub_status}: the third number under {@code server accepts handled
 *       requests} is the request counter; the other stub_status lines are recognised.</li>
 * </ul>
 * Any other line (unknown key, bad number, junk) is ignored and counted in
 * {@link #ignoredLines()}, with the first one kept for the log.
 *
 * @param requestsPerSecond requests per second as stated by the service, or NaN
 * @param avgServiceTimeMs average time to serve one request in milliseconds, or NaN
 * @param requestsTotal the service's request counter, or NaN
 * @param ignoredLines lines that were neither blank, a comment nor understood
 * @param firstIgnored the first ignored line (for the log), or null
 */
record ServiceStats(double requestsPerSecond, double avgServiceTimeMs, double requestsTotal,
                    int ignoredLines, String firstIgnored) {

    /** Nothing known. */
    static final ServiceStats NONE = new ServiceStats(Double.NaN, Double.NaN, Double.NaN, 0, null);

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18})?([eE][+-]?[0-9]{1,3})?");
    private static final String STUB_COUNTERS_HEADER = "server accepts handled requests";

    /** Parses either format; never fails, junk is counted. */
    static ServiceStats parse(String text) {
        String[] lines = text.split("\r?\n");
        for (String line : lines) {
            if (line.trim().equals(STUB_COUNTERS_HEADER)) {
                return parseStubStatus(lines);
            }
        }
        return parseKeyValues(lines);
    }

    /** This with the stated requests/s replaced by {@code rate} when the service stated none. */
    ServiceStats withDerivedRate(double rate) {
        return Double.isNaN(requestsPerSecond)
                ? new ServiceStats(rate, avgServiceTimeMs, requestsTotal, ignoredLines, firstIgnored) : this;
    }

    /** This with every field this has not got taken from {@code other}; this wins where both have one. */
    ServiceStats over(ServiceStats other) {
        return new ServiceStats(
                Double.isNaN(requestsPerSecond) ? other.requestsPerSecond : requestsPerSecond,
                Double.isNaN(avgServiceTimeMs) ? other.avgServiceTimeMs : avgServiceTimeMs,
                Double.isNaN(requestsTotal) ? other.requestsTotal : requestsTotal,
                ignoredLines + other.ignoredLines,
                firstIgnored != null ? firstIgnored : other.firstIgnored);
    }

    private static ServiceStats parseKeyValues(String[] lines) {
        Builder b = new Builder();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            double value = eq > 0 ? number(line.substring(eq + 1).trim()) : Double.NaN;
            String key = eq > 0 ? line.substring(0, eq).trim() : "";
            if (Double.isNaN(value) || !b.set(key, value)) {
                b.ignore(raw);
            }
        }
        return b.build();
    }

    private static ServiceStats parseStubStatus(String[] lines) {
        Builder b = new Builder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("Active connections:") || line.startsWith("Reading:")) {
                continue;
            }
            if (line.equals(STUB_COUNTERS_HEADER) && i + 1 < lines.length) {
                String[] counters = lines[++i].trim().split("\\s+");
                double requests = counters.length == 3 ? number(counters[2]) : Double.NaN;
                if (Double.isNaN(requests)) {
                    b.ignore(lines[i]);
                } else {
                    b.set("requests_total", requests);
                }
                continue;
            }
            b.ignore(lines[i]);
        }
        return b.build();
    }

    /** A plain non-negative decimal number ("150", "3.25", "1e3"), or NaN for anything else. */
    private static double number(String text) {
        double value = DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** Collects one parse; confined to the parsing call. */
    private static final class Builder {
        private double rps = Double.NaN;
        private double avg = Double.NaN;
        private double total = Double.NaN;
        private int ignored;
        private String first;

        boolean set(String key, double value) {
            switch (key) {
                case "requests_per_second" -> rps = value;
                case "avg_service_time_ms" -> avg = value;
                case "requests_total" -> total = value;
                default -> {
                    return false;
                }
            }
            return true;
        }

        void ignore(String line) {
            ignored++;
            if (first == null) {
                first = line.strip();
            }
        }

        ServiceStats build() {
            return new ServiceStats(rps, avg, total, ignored, first);
        }
    }
}
