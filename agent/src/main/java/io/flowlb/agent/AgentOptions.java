package io.flowlb.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's command line, validated once: a bad flag fails start-up with a message naming it.
 *
 * @param reportUri where reports are posted, or null to push none (agent-check only)
 * @param interval sampling and report period
 * @param token bearer token for reports, or null
 * @param memberId the member id reported, or null
 * @param address the service address reported, or null to use the first non-loopback IPv4
 * @param servicePort the service port: reported, and whose established connections are counted
 * @param agentPort the agent-check port, 0 when disabled, {@link #ANY_FREE_PORT} for any free port
 * @param statsFile the service's statistics file, or null
 * @param statsUrl the service's status URL, or null
 * @param stateFile the operator's state file, or null
 * @param maxClients the capacity in clients, 0 when not given
 * @param cpuFromCgroup measure the CPU of the agent's cgroup instead of the whole host
 * @param once send one report and exit
 * @param help print the usage and exit
 */
record AgentOptions(URI reportUri, Duration interval, String token, String memberId, String address,
                    int servicePort, int agentPort, Path statsFile, URI statsUrl, Path stateFile,
                    int maxClients, boolean cpuFromCgroup, boolean once, boolean help) {

    static final String REPORT_PATH = "/api/v1/agents/report";
    static final int DEFAULT_CONTROLLER_PORT = 8080;
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    static final int DEFAULT_SERVICE_PORT = 80;
    static final int DEFAULT_AGENT_PORT = 5555;
    /**
     * An agent-check port value the command line cannot give (there 0 disables the server):
     * bind any free port. Tests use it to run agents side by side.
     */
    static final int ANY_FREE_PORT = -1;
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_INTERVAL = Duration.ofHours(1);
    private static final int MAX_MEMBER_ID = 256;

    private static final Set<String> SWITCHES = Set.of("--once", "--help", "-h", "--cpu-from-cgroup");
    private static final Set<String> VALUED = Set.of("--controller", "--interval", "--token", "--member-id",
            "--address", "--service-port", "--agent-port", "--stats-file", "--stats-url", "--state-file", "--max-clients");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)?");
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]+)]|([^:\\[\\]]+))(?::([0-9]{1,5}))?");

    /**
     * Parses and validates the arguments.
     *
     * @throws IllegalArgumentException with a message for the operator naming the bad flag
     */
    static AgentOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (SWITCHES.contains(name) && name.equals(arg)) {
                value = "true";
            } else if (VALUED.contains(name)) {
                if (name.equals(arg) && i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = name.equals(arg) ? args[++i] : arg.substring(name.length() + 1);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (given.put(name.equals("-h") ? "--help" : name, value) != null) {
                throw new IllegalArgumentException(name + " is given twice");
            }
        }
        return fromFlags(given);
    }

    private static AgentOptions fromFlags(Map<String, String> f) {
        String controller = f.get("--controller");
        AgentOptions options = new AgentOptions(
                controller == null ? null : controllerUri(controller),
                f.containsKey("--interval") ? duration("--interval", f.get("--interval")) : DEFAULT_INTERVAL,
                f.containsKey("--token") ? token(f.get("--token")) : null,
                f.containsKey("--member-id") ? memberId(f.get("--member-id")) : null,
                f.containsKey("--address") ? address(f.get("--address")) : null,
                integer("--service-port", f.get("--service-port"), DEFAULT_SERVICE_PORT, 1, 65535),
                integer("--agent-port", f.get("--agent-port"), DEFAULT_AGENT_PORT, 0, 65535),
                f.containsKey("--stats-file") ? path("--stats-file", f.get("--stats-file")) : null,
                f.containsKey("--stats-url") ? statsUrl(f.get("--stats-url")) : null,
                f.containsKey("--state-file") ? path("--state-file", f.get("--state-file")) : null,
                integer("--max-clients", f.get("--max-clients"), 0, 1, Integer.MAX_VALUE),
                f.containsKey("--cpu-from-cgroup"), f.containsKey("--once"), f.containsKey("--help"));
        if (options.help) {
            return options;
        }
        if (options.once && options.reportUri == null) {
            throw new IllegalArgumentException("--once sends one report: it needs --controller");
        }
        if (options.reportUri == null && options.agentPort == 0) {
            throw new IllegalArgumentException("nothing to do: give --controller, or an --agent-port other than 0");
        }
        return options;
    }

    /** These options with another agent-check port (e.g. {@link #ANY_FREE_PORT}). */
    AgentOptions withAgentPort(int port) {
        return new AgentOptions(reportUri, interval, token, memberId, address, servicePort, port, statsFile,
                statsUrl, stateFile, maxClients, cpuFromCgroup, once, help);
    }

    /**
     * {@code HOST[:PORT]} or {@code [IPv6][:PORT]} becomes {@code http://HOST:PORT/api/v1/agents/report}
     * (port 8080 by default); an {@code http://} or {@code https://} URL is used as is, with the
     * report path added when it has none.
     */
    static URI controllerUri(String text) {
        try {
            if (text.startsWith("http://") || text.startsWith("https://")) {
                URI uri = new URI(text);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("--controller '" + text + "' has no host");
                }
                return uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")
                        ? uri.resolve(REPORT_PATH) : uri;
            }
            Matcher m = HOST_PORT.matcher(text);
            if (!m.matches()) {
                if (text.indexOf(':') != text.lastIndexOf(':')) {
                    return new URI("http", null, address(text), DEFAULT_CONTROLLER_PORT, REPORT_PATH, null, null);
                }
                throw new IllegalArgumentException("--controller '" + text + "' is not HOST:PORT");
            }
            String host = m.group(1) != null ? address(m.group(1)) : m.group(2);
            int port = m.group(3) == null ? DEFAULT_CONTROLLER_PORT : integer("--controller port", m.group(3), 0, 1, 65535);
            return new URI("http", null, host, port, REPORT_PATH, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--controller '" + text + "' is not a valid address: " + e.getReason(), e);
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}; a bare number is seconds. Between 100ms and 1h. */
    static Duration duration(String flag, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + " '" + text + "' is not a duration like 500ms, 2s or 1m");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.compareTo(MIN_INTERVAL) < 0 || d.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException(flag + " '" + text + "' must be between 100ms and 1h");
        }
        return d;
    }

    private static int integer(String flag, String text, int absent, int min, int max) {
        if (text == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new IllegalArgumentException(flag + " '" + text + "' must be a whole number from " + min + " to " + max);
    }

    /** An IPv4 or IPv6 literal (no name lookups: the controller matches members by address). */
    private static String address(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            InetAddress.ofLiteral(literal);
            return literal;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address", e);
        }
    }

    private static String token(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("--token must be printable ASCII without spaces");
        }
        return text;
    }

    private static String memberId(String text) {
        if (text.isBlank() || text.length() > MAX_MEMBER_ID) {
            throw new IllegalArgumentException("--member-id must have 1 to " + MAX_MEMBER_ID + " characters");
        }
        return text;
    }

    private static Path path(String flag, String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(flag + " needs a file name");
        }
        return Path.of(text);
    }

    private static URI statsUrl(String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("--stats-url '" + text + "' is not an http:// or https:// URL");
    }

    /** The text of {@code --help}. */
    static String usage() {
        return """
                Usage: ./flowlb agent [options]

                Runs on a back-end server: reports its load to the flowlb controller every interval
                (JSON, POST %1$s) and answers the HAProxy agent-check protocol.

                Options:
                  --controller HOST[:PORT]  where reports go: http://HOST:PORT%1$s, PORT %2$d by
                                            default; an http:// or https:// URL is used as is.
                                            Without it no reports are pushed (agent-check only).
                  --interval DURATION       sampling and report period: 500ms, 2s, 1m (default 2s,
                                            from 100ms to 1h; a bare number is seconds)
                  --token TOKEN             sent as "Authorization: Bearer TOKEN" (default: none)
                  --member-id ID            the member id the controller knows this server by
                                            (default: none; the controller then matches the
                                            address and service port)
                  --address ADDR            service address reported (default: the first
                                            non-loopback IPv4 address of this host)
                  --service-port PORT       service port reported; established TCP connections on
                                            this local port are the active clients (default %3$d)
                  --agent-port PORT         TCP port answering agent checks, 0 disables (default %4$d)
                  --stats-file PATH         file the service writes, key=value lines:
                                            requests_per_second, avg_service_time_ms,
                                            requests_total (a counter) (default: none)
                  --stats-url URL           status page polled every interval: nginx stub_status
                                            (requests/s from its request counter) or the key=value
                                            text above; file values win (default: none)
                  --state-file PATH         the operator writes ready (or up), drain, maint or down
                                            into it; read at every check (default: none = ready)
                  --max-clients N           capacity: clients/N counts in the agent-check weight and
                                            maxconn:N is announced (default: none)
                  --cpu-from-cgroup         CPU of this agent's cgroup against its CPU quota instead
                                            of the whole host (/proc/stat is host-wide: all Mininet
                                            hosts see the same CPU unless they run in cgroups)
                  --once                    sample for one short window, send one report and exit:
                                            status 0 if the controller accepted it, 1 if not
                  -h, --help                this help

                Agent-check answer: "<up|down> <ready|drain|maint> P%% [maxconn:N]" where
                P = 100 - max(cpu %%, memory %%, clients/N*100), rounded, clamped to 1..100.
                """.formatted(REPORT_PATH, DEFAULT_CONTROLLER_PORT, DEFAULT_SERVICE_PORT, DEFAULT_AGENT_PORT);
    }
}
