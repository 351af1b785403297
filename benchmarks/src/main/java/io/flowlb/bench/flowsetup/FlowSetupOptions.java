package io.flowlb.bench.flowsetup;

import io.flowlb.openflow.OfVersions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The command line of flowsetup, validated. Every mistake names the option and what was expected.
 *
 * <p>Thread safety: immutable.
 *
 * @param host the controller's address
 * @param port the controller's OpenFlow port
 * @param switches emulated switches
 * @param hosts hosts (distinct source MACs) per switch
 * @param ports ports per switch
 * @param latencyMode one outstanding packet-in per switch instead of {@code window}
 * @param window outstanding packet-ins per switch in throughput mode
 * @param loops measured loops
 * @param loopMillis length of one loop
 * @param warmupLoops loops run and printed but not counted
 * @param versions OpenFlow versions offered in HELLO
 * @param bufferPolicy whether packet-ins carry buffer ids
 * @param timeoutMillis how long a packet-in may wait for its answer
 * @param threads Netty event loops driving the switches
 * @param connectTimeoutMillis bound on connecting and on the handshake of all switches
 * @param learnTimeoutMillis bound on the learning phase
 * @param label the controller's name in the output
 * @param jsonFile where to write the result as JSON, or null
 * @param controllerPid the controller's PID (to report its CPU per response), or 0
 */
public record FlowSetupOptions(String host, int port, int switches, int hosts, int ports, boolean latencyMode,
        int window, int loops, long loopMillis, int warmupLoops, Set<OFVersion> versions, BufferPolicy bufferPolicy,
        long timeoutMillis, int threads, long connectTimeoutMillis, long learnTimeoutMillis, String label,
        String jsonFile, long controllerPid) {

    public static final String USAGE = """
            Usage: flowsetup [options]

            A controller benchmark in the spirit of cbench: emulates N OpenFlow switches that connect to a
            controller, lets it learn M hosts per switch, then counts the packet-ins it answers with a
            FLOW_MOD or PACKET_OUT (responses/s).

              --controller HOST[:PORT]  the controller (default 127.0.0.1:6653)
              --switches N              emulated switches (default 16)
              --hosts M                 hosts (source MACs) per switch (default 1000)
              --ports P                 ports per switch (default 4)
              --mode throughput|latency throughput keeps --window packet-ins outstanding per switch;
                                        latency keeps one (default throughput)
              --window K                outstanding packet-ins per switch in throughput mode (default 64)
              --loops L                 measured loops (default 10)
              --loop-ms MS              length of a loop in milliseconds (default 1000)
              --warmup W                loops run before the measured ones and not counted (default 1)
              --of10                    speak OpenFlow 1.0 instead of 1.3 (same as --protocols 1.0)
              --protocols LIST          OpenFlow versions offered: 1.0 and/or 1.3 (default 1.3)
              --buffer auto|always|never
                                        buffer ids in packet-ins: auto follows the controller's
                                        SET_CONFIG (OFPCML_NO_BUFFER means none); default auto
              --timeout-ms T            a packet-in unanswered after T ms is given up (default 1000)
              --threads T               event-loop threads driving the switches (default 1)
              --connect-timeout-ms T    bound on connecting and the handshake (default 10000)
              --learn-timeout-ms T      bound on the learning phase (default 30000)
              --label NAME              the controller's name in the output (default its address)
              --json FILE               also write the result as JSON to FILE
              --controller-pid PID      the controller's process (same machine): report its CPU time
                                        per response over the measured loops beside flowsetup's own
              --help                    print this text
            """;

    /** Thrown for a command line that cannot be run; the message is meant for the user. */
    public static final class BadArgumentException extends IllegalArgumentException {
        public BadArgumentException(String message) {
            super(message);
        }
    }

    public static boolean wantsHelp(String... args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public static FlowSetupOptions parse(String... args) {
        String host = "127.0.0.1";
        int port = 6653;
        int switches = 16;
        int hosts = 1000;
        int ports = 4;
        boolean latency = false;
        int window = 64;
        int loops = 10;
        long loopMillis = 1000;
        int warmup = 1;
        Set<OFVersion> versions = EnumSet.of(OFVersion.OF_13);
        BufferPolicy buffer = BufferPolicy.AUTO;
        long timeout = 1000;
        int threads = 1;
        long connectTimeout = 10_000;
        long learnTimeout = 30_000;
        String label = null;
        String json = null;
        long controllerPid = 0;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (opt.equals("--of10")) {
                versions = EnumSet.of(OFVersion.OF_10);
                continue;
            }
            if (!opt.startsWith("--")) {
                throw new BadArgumentException("unexpected argument '" + opt + "' (options start with --; see --help)");
            }
            String value;
            int eq = opt.indexOf('=');
            if (eq > 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new BadArgumentException("option " + opt + " needs a value");
            }
            switch (opt) {
                case "--controller" -> {
                    int colon = value.lastIndexOf(':');
                    host = colon < 0 ? value : value.substring(0, colon);
                    port = colon < 0 ? 6653 : intIn(opt, value.substring(colon + 1), 1, 65535);
                    if (host.isEmpty()) {
                        throw new BadArgumentException("--controller " + value + ": no host");
                    }
                }
                case "--switches" -> switches = intIn(opt, value, 1, HostPlan.MAX_SWITCHES - 1);
                case "--hosts" -> hosts = intIn(opt, value, 2, HostPlan.MAX_HOSTS);
                case "--ports" -> ports = intIn(opt, value, 2, 0xfeff);
                case "--mode" -> latency = switch (value.toLowerCase(Locale.ROOT)) {
                    case "throughput" -> false;
                    case "latency" -> true;
                    default -> throw new BadArgumentException("--mode " + value + ": expected throughput or latency");
                };
                case "--window" -> window = intIn(opt, value, 1, 1 << 16);
                case "--loops" -> loops = intIn(opt, value, 1, 100_000);
                case "--loop-ms" -> loopMillis = intIn(opt, value, 10, 3_600_000);
                case "--warmup" -> warmup = intIn(opt, value, 0, 100_000);
                case "--protocols" -> versions = versions(value);
                case "--buffer" -> buffer = switch (value.toLowerCase(Locale.ROOT)) {
                    case "auto" -> BufferPolicy.AUTO;
                    case "always" -> BufferPolicy.ALWAYS;
                    case "never" -> BufferPolicy.NEVER;
                    default -> throw new BadArgumentException("--buffer " + value + ": expected auto, always or never");
                };
                case "--timeout-ms" -> timeout = intIn(opt, value, 1, 3_600_000);
                case "--threads" -> threads = intIn(opt, value, 1, 256);
                case "--connect-timeout-ms" -> connectTimeout = intIn(opt, value, 1, 3_600_000);
                case "--learn-timeout-ms" -> learnTimeout = intIn(opt, value, 1, 3_600_000);
                case "--label" -> label = value;
                case "--json" -> json = value;
                case "--controller-pid" -> controllerPid = intIn(opt, value, 1, Integer.MAX_VALUE);
                default -> throw new BadArgumentException("unknown option " + opt + " (see --help)");
            }
        }
        return new FlowSetupOptions(host, port, switches, hosts, ports, latency, latency ? 1 : window, loops,
                loopMillis, warmup, versions, buffer, timeout, threads, connectTimeout, learnTimeout,
                label == null ? host + ":" + port : label, json, controllerPid);
    }

    /** "throughput" or "latency". */
    public String modeName() {
        return latencyMode ? "latency" : "throughput";
    }

    private static Set<OFVersion> versions(String value) {
        Set<OFVersion> v;
        try {
            v = OfVersions.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("--protocols " + value + ": " + e.getMessage());
        }
        for (OFVersion one : v) {
            if (one != OFVersion.OF_10 && one != OFVersion.OF_13) {
                throw new BadArgumentException("--protocols " + value + ": flowsetup speaks 1.0 and 1.3 only");
            }
        }
        return v;
    }

    private static int intIn(String opt, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadArgumentException(opt + " " + value + ": not a whole number");
        }
        if (n < min || n > max) {
            throw new BadArgumentException(opt + " " + value + ": must be " + min + ".." + max);
        }
        return n;
    }
}
