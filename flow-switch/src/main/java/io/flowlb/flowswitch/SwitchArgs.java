package io.flowlb.flowswitch;

import io.flowlb.flowswitch.SwitchConfig.ControllerTarget;
import io.flowlb.flowswitch.SwitchConfig.FailMode;
import io.flowlb.flowswitch.SwitchConfig.ListenTarget;
import io.flowlb.flowswitch.SwitchConfig.PortBinding;
import io.flowlb.openflow.OfVersions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Parses and validates the command line of {@code ./flowlb switch} into a {@link SwitchConfig}.
 * Every mistake is reported with a message that names the option and what was expected; unknown
 * options are rejected by name.
 *
 * <p>Thread safety: stateless.
 */
public final class SwitchArgs {
    /** The highest number a physical port may take: below the application ports (0xfe00..0xfeff). */
    static final int MAX_PHYSICAL_PORT = 0xfdff;
    static final int MAX_POLLERS = 64;
    static final int DEFAULT_CONTROLLER_PORT = 6653;
    static final int DEFAULT_LISTEN_PORT = 6634;
    static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";

    public static final String USAGE = """
            Usage: ./flowlb switch --port IF [--port IF ...] [options]

            Runs flow-switch, a software OpenFlow 1.3 switch, on Linux interfaces (needs root or CAP_NET_RAW).

              --port IF[=N]              an interface to switch; OpenFlow port numbers are 1..N in the
                                         order given unless =N names one (repeatable, at least one)
              --controller tcp:HOST[:PORT]
                                         a controller to connect to (repeatable; port 6653 by default);
                                         reconnects with backoff when the connection drops
              --listen ptcp:[PORT][:ADDR]
                                         accept OpenFlow connections from tools such as ovs-ofctl
                                         (port 6634, address 127.0.0.1 by default; none unless given)
              --dpid N                   datapath id, decimal or hex (0x..., or 16 hex digits);
                                         default: derived from the first port's MAC address
              --pollers N                poller threads, each owning a disjoint set of ports (default 1)
              --fail-mode secure|standalone
                                         with no controller connected: secure keeps installed flows and
                                         drops misses; standalone acts as a MAC-learning switch (default)
              --protocols LIST           OpenFlow versions offered (default and only choice: OpenFlow13)

            Data plane:
              --connections N            connections each poller tracks for its SELECT groups
                                         (default 1048576, about 90 MB per poller)
              --max-flows N              flows the switch holds across all tables (default 65536, up to
                                         16777216; each flow of room costs 24 B of counters per poller
                                         and 24 B for packet-out)
              --cpu LIST                 pin poller i to the i-th CPU of LIST (comma-separated, e.g. 2,3);
                                         default: unpinned
              --idle spin|backoff|poll   what an idle poller does: burn its core, spin then sleep up to
                                         1 ms, or spin then sleep in poll(2) on its sockets (default poll)
              --qdisc-bypass on|off      transmit straight to the driver, skipping the queueing discipline:
                                         faster, but tcpdump on a port no longer sees what the switch
                                         sends and tc shaping is bypassed (default off)
              --rx-ring v2|v3            receive ring: v2 hands each frame over at once; v3 packs frames
                                         in blocks (fewer cache misses, up to 1 ms added latency) (default v2)
              --stats-file PATH          rewrite PATH every second with connection counts and datapath
                                         counters (JSON; default none)
              --name NAME                the switch's name in logs and in the DESC reply (default flowswitch)
              --help                     print this text
            """;

    private SwitchArgs() {
    }

    /** Thrown for a command line that cannot be run; the message is meant for the user. */
    public static final class BadArgumentException extends IllegalArgumentException {
        public BadArgumentException(String message) {
            super(message);
        }
    }

    /** True when the arguments ask for the usage text. */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public static SwitchConfig parse(String... args) {
        List<String[]> rawPorts = new ArrayList<>();
        List<ControllerTarget> controllers = new ArrayList<>();
        ListenTarget listen = null;
        long dpid = SwitchConfig.DPID_FROM_MAC;
        int pollers = 1;
        FailMode failMode = FailMode.STANDALONE;
        Set<OFVersion> versions = EnumSet.of(OFVersion.OF_13);
        String name = "flowswitch";
        DataPlaneArgs dataPlane = new DataPlaneArgs();
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            String value;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            } else if (i + 1 < args.length && opt.startsWith("--")) {
                value = args[++i];
            } else {
                throw new BadArgumentException(opt.startsWith("--") ? "option " + opt + " needs a value"
                        : "unexpected argument '" + opt + "' (options start with --; see --help)");
            }
            switch (opt) {
                case "--port" -> rawPorts.add(splitPort(value));
                case "--controller" -> controllers.add(parseController(value));
                case "--listen" -> listen = parseListen(value);
                case "--dpid" -> dpid = parseDpid(value);
                case "--pollers" -> pollers = parseInt(opt, value, value, 1, MAX_POLLERS);
                case "--fail-mode" -> failMode = parseFailMode(value);
                case "--protocols" -> versions = parseVersions(value);
                case "--name" -> name = parseName(value);
                default -> {
                    if (!dataPlane.accept(opt, value)) {
                        throw new BadArgumentException("unknown option " + opt + " (see --help)");
                    }
                }
            }
        }
        List<PortBinding> ports = numberPorts(rawPorts);
        if (pollers > ports.size()) {
            throw new BadArgumentException("--pollers " + pollers + " is more than the " + ports.size()
                    + " port(s): each poller needs at least one port");
        }
        return new SwitchConfig(name, ports, controllers, listen, dpid, pollers, failMode, versions, 5_000, 3,
                dataPlane.build());
    }

    private static String[] splitPort(String value) {
        int eq = value.lastIndexOf('=');
        String ifName = eq < 0 ? value : value.substring(0, eq);
        if (ifName.isEmpty() || ifName.length() > 15 || ifName.contains("/") || ifName.contains(" ")) {
            throw new BadArgumentException("--port " + value + ": '" + ifName
                    + "' is not an interface name (1 to 15 characters, no '/' or spaces)");
        }
        return new String[] {ifName, eq < 0 ? null : value.substring(eq + 1)};
    }

    private static List<PortBinding> numberPorts(List<String[]> raw) {
        if (raw.isEmpty()) {
            throw new BadArgumentException("no --port given: name at least one interface to switch");
        }
        Set<Integer> taken = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String[] p : raw) {
            if (!names.add(p[0])) {
                throw new BadArgumentException("--port " + p[0] + " is given twice");
            }
            if (p[1] != null && !taken.add(parseInt("--port", p[0] + "=" + p[1], p[1], 1, MAX_PHYSICAL_PORT))) {
                throw new BadArgumentException("--port " + p[0] + "=" + p[1] + ": port number " + p[1]
                        + " is already taken");
            }
        }
        List<PortBinding> out = new ArrayList<>();
        int next = 1;
        for (String[] p : raw) {
            int no;
            if (p[1] != null) {
                no = Integer.parseInt(p[1]);
            } else {
                while (taken.contains(next)) {
                    next++;
                }
                no = next;
                taken.add(no);
            }
            out.add(new PortBinding(p[0], no));
        }
        return out;
    }

    static ControllerTarget parseController(String value) {
        if (!value.startsWith("tcp:")) {
            throw new BadArgumentException("--controller " + value + ": expected tcp:HOST[:PORT] (ssl: and unix: are not"
                    + " supported)");
        }
        String[] hp = hostPort(value.substring(4), "--controller " + value);
        if (hp[0].isEmpty()) {
            throw new BadArgumentException("--controller " + value + ": no host given");
        }
        int port = hp[1] == null ? DEFAULT_CONTROLLER_PORT : parseInt("--controller", value, hp[1], 1, 65535);
        return new ControllerTarget(hp[0], port);
    }

    static ListenTarget parseListen(String value) {
        if (!value.startsWith("ptcp:")) {
            throw new BadArgumentException("--listen " + value + ": expected ptcp:[PORT][:ADDR]");
        }
        String rest = value.substring(5);
        int colon = rest.indexOf(':');
        String portText = colon < 0 ? rest : rest.substring(0, colon);
        String addr = colon < 0 ? DEFAULT_LISTEN_ADDRESS : rest.substring(colon + 1);
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        if (addr.isEmpty()) {
            addr = DEFAULT_LISTEN_ADDRESS;
        }
        int port = portText.isEmpty() ? DEFAULT_LISTEN_PORT : parseInt("--listen", value, portText, 1, 65535);
        return new ListenTarget(port, addr);
    }

    /** Splits HOST[:PORT] where HOST may be a bracketed IPv6 address. */
    private static String[] hostPort(String s, String what) {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new BadArgumentException(what + ": unclosed '[' in the address");
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new BadArgumentException(what + ": expected ':' after ']'");
            }
            return new String[] {host, rest.isEmpty() ? null : rest.substring(1)};
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && s.indexOf(':') != colon) {
            throw new BadArgumentException(what + ": write IPv6 addresses in brackets, e.g. tcp:[::1]:6653");
        }
        return colon < 0 ? new String[] {s, null} : new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }

    static long parseDpid(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("0x")) {
                return checkDpid(value, Long.parseUnsignedLong(v.substring(2), 16));
            }
            if (v.length() == 16 || v.chars().anyMatch(c -> c >= 'a' && c <= 'f')) {
                return checkDpid(value, Long.parseUnsignedLong(v, 16));
            }
            return checkDpid(value, Long.parseUnsignedLong(v));
        } catch (NumberFormatException e) {
            throw new BadArgumentException("--dpid " + value + ": not a number (decimal, 0x-prefixed hex, or 16 hex"
                    + " digits)");
        }
    }

    private static long checkDpid(String text, long dpid) {
        if (dpid == SwitchConfig.DPID_FROM_MAC) {
            throw new BadArgumentException("--dpid " + text + ": ffffffffffffffff is reserved");
        }
        return dpid;
    }

    private static FailMode parseFailMode(String value) {
        return switch (value) {
            case "secure" -> FailMode.SECURE;
            case "standalone" -> FailMode.STANDALONE;
            default -> throw new BadArgumentException("--fail-mode " + value + ": expected secure or standalone");
        };
    }

    private static Set<OFVersion> parseVersions(String value) {
        Set<OFVersion> v;
        try {
            v = OfVersions.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("--protocols " + value + ": " + e.getMessage());
        }
        for (OFVersion one : v) {
            if (one != OFVersion.OF_13) {
                throw new BadArgumentException("--protocols " + value + ": flow-switch speaks OpenFlow13 only");
            }
        }
        return v;
    }

    private static String parseName(String value) {
        if (value.isBlank() || value.length() > 64) {
            throw new BadArgumentException("--name: expected 1 to 64 characters");
        }
        return value;
    }

    /** Parses the number {@code text} found in {@code value}, the argument of {@code opt}. */
    static int parseInt(String opt, String value, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < min || n > max) {
                throw new BadArgumentException(opt + " " + value + ": " + text + " is out of range (expected "
                        + min + " to " + max + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadArgumentException(opt + " " + value + ": '" + text + "' is not a number");
        }
    }
}
