package io.flowlb.bench.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The command line of the open-loop generator, validated. Every mistake names the option and
 * what was expected.
 *
 * <p>Thread safety: immutable.
 *
 * @param host the server's address (a literal or a name resolved once)
 * @param port the server's port
 * @param path the request target
 * @param rate requests per second offered
 * @param connections keep-alive: connections kept open; close mode: connections open at once
 * @param seconds measured seconds
 * @param warmupSeconds seconds run at the same rate before the measured ones, not counted
 * @param timeoutMillis how long a sent request may wait for the last byte of its response
 * @param close whether each request goes on a new connection with {@code Connection: close}
 * @param jsonFile where to write the result as JSON, or null
 */
public record OpenLoopOptions(String host, int port, String path, double rate, int connections, double seconds,
        double warmupSeconds, long timeoutMillis, boolean close, String jsonFile) {

    public static final String USAGE = """
            Usage: open-loop-http --rate R [options] http://HOST[:PORT]/PATH

            An open-loop HTTP/1.1 load generator: GET requests are due at a constant rate, spread over
            the connections, whatever the server does; each request's latency runs from the moment it
            was due (not when it could be sent) to the last byte of its response, so a stall delays
            and counts every request due during it (no coordinated omission).

              --rate R          requests per second offered (required)
              --connections N   keep-alive: N connections kept open, one request outstanding on each;
                                with --close: at most N connections at once (default 32)
              --duration S      measured seconds (default 10)
              --warmup S        seconds at the same rate before the measured ones, not counted (default 2)
              --timeout MS      a request not answered MS after it was sent counts as a timeout and its
                                connection is closed (default 2000)
              --close           send "Connection: close" and open a new connection for every request
              --json FILE       also write the result as JSON
              -h, --help        this text
            """;

    /** A command line that cannot run, with the reason. */
    public static final class BadArgumentException extends Exception {
        private static final long serialVersionUID = 1L;

        BadArgumentException(String message) {
            super(message);
        }
    }

    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    public static OpenLoopOptions parse(String[] args) throws BadArgumentException {
        double rate = -1;
        int connections = 32;
        double seconds = 10;
        double warmup = 2;
        long timeout = 2000;
        boolean close = false;
        String json = null;
        String url = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rate" -> rate = positive(a, value(args, ++i, a));
                case "--connections" -> connections = (int) whole(a, value(args, ++i, a), 1, 100_000);
                case "--duration" -> seconds = positive(a, value(args, ++i, a));
                case "--warmup" -> warmup = notNegative(a, value(args, ++i, a));
                case "--timeout" -> timeout = whole(a, value(args, ++i, a), 1, 3_600_000);
                case "--close" -> close = true;
                case "--json" -> json = value(args, ++i, a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new BadArgumentException("unknown option " + a + " (see --help)");
                    }
                    if (url != null) {
                        throw new BadArgumentException("one URL expected, got " + url + " and " + a);
                    }
                    url = a;
                }
            }
        }
        if (url == null) {
            throw new BadArgumentException("no URL given (see --help)");
        }
        if (rate < 0) {
            throw new BadArgumentException("--rate is required: the requests per second to offer");
        }
        if (rate * seconds < 1) {
            throw new BadArgumentException("--rate x --duration must hold at least one request");
        }
        return fromUrl(url, rate, connections, seconds, warmup, timeout, close, json);
    }

    private static OpenLoopOptions fromUrl(String url, double rate, int connections, double seconds, double warmup,
            long timeout, boolean close, String json) throws BadArgumentException {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new BadArgumentException("bad URL " + url + ": " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new BadArgumentException("URL must be http://HOST[:PORT]/PATH, got " + url);
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        if (u.getRawQuery() != null) {
            path += "?" + u.getRawQuery();
        }
        return new OpenLoopOptions(u.getHost(), u.getPort() < 0 ? 80 : u.getPort(), path, rate, connections, seconds,
                warmup, timeout, close, json);
    }

    /** The request every connection sends, as bytes. */
    public byte[] requestBytes() {
        String hostHeader = port == 80 ? host : host + ":" + port;
        String text = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: flowlb-open-loop\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** One line describing the run. */
    public String describe() {
        return String.format(Locale.ROOT, "%,.0f requests/s offered over %s for %.0f s (warm-up %.0f s) to http://%s:%d%s",
                rate, close ? "new connections (Connection: close, at most " + connections + " at once)"
                        : connections + " keep-alive connections", seconds, warmupSeconds, host, port, path);
    }

    private static String value(String[] args, int i, String option) throws BadArgumentException {
        if (i >= args.length) {
            throw new BadArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double number(String option, String v) throws BadArgumentException {
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadArgumentException(option + " expects a number, got '" + v + "'");
    }

    private static double positive(String option, String v) throws BadArgumentException {
        double d = number(option, v);
        if (d <= 0) {
            throw new BadArgumentException(option + " must be more than 0, got " + v);
        }
        return d;
    }

    private static double notNegative(String option, String v) throws BadArgumentException {
        double d = number(option, v);
        if (d < 0) {
            throw new BadArgumentException(option + " must not be negative, got " + v);
        }
        return d;
    }

    private static long whole(String option, String v, long min, long max) throws BadArgumentException {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadArgumentException(option + " expects a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
}
