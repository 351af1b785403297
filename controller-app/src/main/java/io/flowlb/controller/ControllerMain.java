package io.flowlb.controller;

import io.flowlb.controller.config.ConfigException;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.pseudo.InterfaceAddress;
import java.io.PrintStream;
import io.flowlb.controller.rest.RestSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./flowlb controller}: reads the flags and the configuration, starts the
 * {@link Controller}, and runs until SIGTERM or SIGINT, then shuts down cleanly.
 *
 * <p>Exit status: 0 after a clean shutdown or {@code --help}; 2 for a usage or configuration
 * error (flags, the settings file, the load-balancer configuration file, a corrupt state file);
 * 1 when the controller cannot start (a port in use, say). Either way one line on stderr says why.
 *
 * <p>Thread safety: runs once on the main thread; the shutdown hook closes the controller.
 */
public final class ControllerMain {
    static final String USAGE = """
            Usage: ./flowlb controller [options]

            Runs the flowlb OpenFlow controller: switches connect to it (OpenFlow 1.3, or 1.0 for
            older labs); it forwards L2 traffic between the hosts it learns, balances the VIPs of its
            load-balancer configuration, and serves the REST API, /metrics and the dashboard.

            Options:
              --config FILE          controller settings (JSON, or YAML for .yaml/.yml); every key is
                                     optional and unknown keys are rejected (--print-config shows
                                     all keys with their defaults)
              --openflow-port PORT   port switches connect to; repeat the flag or give a
                                     comma-separated list (default 6653 and 6633)
              --rest-port PORT       port of the REST API, /metrics and the dashboard (default 8080;
                                     0: no REST server)
              --rest-token TOKEN     bearer token that REST writes need (default: rest.token, else
                                     $FLOWLB_REST_TOKEN, else none; the variable keeps it out of ps)
              --state-dir DIR        where the load-balancer configuration is saved on every change
                                     and read at start (default /var/lib/flowlb as root, else
                                     $XDG_STATE_HOME/flowlb or ~/.local/state/flowlb)
              --lb-config FILE       load-balancer configuration (JSON as GET /api/v1/config returns
                                     it, or the same in YAML) applied at start; it replaces the saved
                                     one and is saved
              --no-l2                do not run L2 forwarding
              --control-vip CIDR     the controller's own address behind the switches, e.g.
                                     10.0.0.254/24: a TAP device (flowlb0) holds it, and programs on
                                     this host bound to it (the REST API too) are reached through the
                                     switches (root)
              --print-config         print the effective configuration as JSON and exit
              -h, --help             this text

            Flags override the configuration file. Stop with Ctrl-C or SIGTERM.

            Exit status: 0 after a clean stop; 2 for a bad command line, configuration file,
            load-balancer configuration or state file; 1 when the controller cannot start (a port in
            use, a TAP device that cannot be created).
            """;

    private ControllerMain() {
    }

    /** What the command line asked for. */
    record Options(ControllerConfig config, boolean help, boolean printConfig) {
    }

    /** A command line that cannot be run: the message says why. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status, or -1 when the controller is running (main returns). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException | ConfigException e) {
            err.println("flowlb controller: " + e.getMessage());
            if (e instanceof UsageException) {
                err.println("Try './flowlb controller --help'.");
            }
            return 2;
        }
        if (o.help()) {
            out.print(USAGE);
            return 0;
        }
        if (o.printConfig()) {
            out.println(o.config().toJson());
            return 0;
        }
        Controller controller;
        try {
            controller = Controller.launch(o.config());
        } catch (ConfigException e) {
            err.println("flowlb controller: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("flowlb controller: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            controller.close();
            stopped.countDown();
        }, "flowlb-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    static Options parse(String[] args) {
        return parse(args, System.getenv());
    }

    /** Parses the command line; {@code env} supplies {@value RestSettings#TOKEN_ENV}. */
    static Options parse(String[] args, Map<String, String> env) {
        ControllerConfig config = null;
        List<Integer> ports = new ArrayList<>();
        Integer restPort = null;
        String restToken = null;
        Path stateDir = null;
        Path lbConfig = null;
        boolean noL2 = false;
        String controlVip = null;
        boolean help = false;
        boolean print = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                inline = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "-h", "--help" -> help = true;
                case "--no-l2" -> noL2 = true;
                case "--print-config" -> print = true;
                case "--config" -> {
                    String file = inline != null ? inline : value(args, ++i, a);
                    config = ControllerConfig.load(Path.of(file));
                }
                case "--openflow-port" -> {
                    for (String p : (inline != null ? inline : value(args, ++i, a)).split(",")) {
                        ports.add(port(p, a));
                    }
                }
                case "--control-vip" -> controlVip = inline != null ? inline : value(args, ++i, a);
                case "--rest-port" -> restPort = port(inline != null ? inline : value(args, ++i, a), a);
                case "--rest-token" -> restToken = inline != null ? inline : value(args, ++i, a);
                case "--state-dir" -> stateDir = path(inline != null ? inline : value(args, ++i, a), a);
                case "--lb-config" -> lbConfig = path(inline != null ? inline : value(args, ++i, a), a);
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        ControllerConfig c = config != null ? config : ControllerConfig.defaults();
        if (!ports.isEmpty()) {
            c = c.withOpenflow(c.openflow().withPorts(ports));
        }
        if (restPort != null) {
            c = c.withRest(c.rest().withPort(restPort));
        }
        c = c.withRest(c.rest().withToken(token(restToken, c.rest().token(), env), c.rest().authReads()));
        if (c.rest().authReads() && c.rest().token() == null) {
            throw new ConfigException("'rest.authReads' is true but no token is set (rest.token, --rest-token or $"
                    + RestSettings.TOKEN_ENV + ")");
        }
        if (stateDir != null) {
            c = c.withState(c.state().withDir(stateDir));
        }
        if (lbConfig != null) {
            c = c.withState(c.state().withLbConfig(lbConfig));
        }
        if (controlVip != null) {
            try {
                c = c.withPseudo(c.pseudo().withControlVip(InterfaceAddress.parse(controlVip)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--control-vip: " + e.getMessage());
            }
        }
        if (noL2) {
            var l2 = c.l2();
            c = c.withL2(new io.flowlb.controller.fwd.L2Config(false, l2.idleTimeoutSeconds(), l2.hardTimeoutSeconds(),
                    l2.matchInPort(), l2.matchEthSrc()));
        }
        return new Options(c, help, print);
    }

    /** The REST token: the flag, else the settings file, else the environment; checked like the file's. */
    private static String token(String flag, String fromFile, Map<String, String> env) {
        String t = flag != null ? flag : fromFile != null ? fromFile : env.get(RestSettings.TOKEN_ENV);
        String source = flag != null ? "--rest-token"
                : fromFile != null ? "'rest.token'" : "$" + RestSettings.TOKEN_ENV;
        if (t != null && !t.isEmpty() && !t.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw new UsageException(source + " must be printable ASCII without spaces");
        }
        return t;
    }

    private static Path path(String text, String flag) {
        try {
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new UsageException(flag + ": '" + text + "' is not a path");
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }

    private static int port(String text, String flag) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": '" + text + "' is not a TCP port (0-65535)");
        }
    }
}
