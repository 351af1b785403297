package io.flowlb.controller.metrics;

import java.util.List;

/**
 * Writes metric families in the Prometheus text exposition format, version 0.0.4.
 *
 * <pre>
 * # HELP flowlb_rest_requests_total REST requests by method, route and status.
 * # TYPE flowlb_rest_requests_total counter
 * flowlb_rest_requests_total{method="GET",route="/api/v1/vips",status="200"} 3
 * </pre>
 *
 * <p>Thread safety: stateless.
 */
public final class PrometheusText {
    /** The Content-Type of the exposition. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static void write(List<MetricFamily> families, StringBuilder out) {
        for (MetricFamily f : families) {
            out.append("# HELP ").append(f.name()).append(' ');
            escapeHelp(f.help(), out);
            out.append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type().text()).append('\n');
            for (Sample s : f.samples()) {
                out.append(f.name());
                if (!f.labelNames().isEmpty()) {
                    out.append('{');
                    for (int i = 0; i < f.labelNames().size(); i++) {
                        out.append(i == 0 ? "" : ",").append(f.labelNames().get(i)).append("=\"");
                        escapeLabel(s.labelValues().get(i), out);
                        out.append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(number(s.value())).append('\n');
            }
        }
    }

    /** A sample value: integers without a fraction, and NaN, +Inf, -Inf as the format spells them. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static void escapeHelp(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static void escapeLabel(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
