package io.flowlb.loadbalancer.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP status codes an HTTP monitor accepts as healthy: a list of single codes and ranges,
 * written {@code "200"}, {@code "200-299"} or {@code "200,301-302"} (Floodlight's
 * {@code expected_codes}). The default, {@link #DEFAULT}, is {@code 200-399} (2xx and 3xx, as
 * HAProxy's {@code httpchk}).
 *
 * <p>Thread safety: immutable.
 */
public record ExpectedStatus(List<Range> ranges) {
    public static final ExpectedStatus DEFAULT = new ExpectedStatus(List.of(new Range(200, 399)));

    /** One inclusive range of status codes, each from 100 to 599. */
    public record Range(int from, int to) {
        public Range {
            Fields.range("expected_status", from, 100, 599);
            Fields.range("expected_status", to, from, 599);
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    public ExpectedStatus {
        Fields.required("expected_status", ranges);
        if (ranges.isEmpty()) {
            throw new ValidationException("expected_status", "must list at least one status code");
        }
        ranges = List.copyOf(ranges);
    }

    public static ExpectedStatus parse(String text) {
        return parse("expected_status", text);
    }

    public static ExpectedStatus parse(String field, String text) {
        Fields.required(field, text);
        List<Range> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                out.add(new Range(Fields.range(field, from, 100, 599), Fields.range(field, to, from, 599)));
            } catch (NumberFormatException e) {
                throw new ValidationException(field, "must be status codes or ranges like 200,301-302, got \""
                        + Fields.printable(text) + "\"");
            }
        }
        return new ExpectedStatus(out);
    }

    public boolean matches(int status) {
        for (Range r : ranges) {
            if (status >= r.from && status <= r.to) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Range r : ranges) {
            b.append(b.isEmpty() ? "" : ",").append(r);
        }
        return b.toString();
    }
}
