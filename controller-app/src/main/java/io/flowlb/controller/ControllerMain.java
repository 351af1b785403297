package io.flowlb.controller;

import io.flowlb.controller.config.ConfigException;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.pseudo.InterfaceAddress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./flowlb controller}: reads the flags and the configuration, starts the
 * {@link Controller}, and runs until SIGTERM or SIGINT, then shuts down cleanly.
 *
 * <p>Exit status: 0 after a clean shutdown or {@code --help}; 2 for a usage or configuration
 * error; 1 when the controller cannot start (a port in use, say).
 *
 * <p>Thread safety: runs once on the main thread; the shutdown hook closes the controller.
 */
public final class ControllerMain {
    static final String USAGE = """
            Usage: ./flowlb controller [options]

            Runs the flowlb OpenFlow controller: switches connect to it (OpenFlow 1.3, or 1.0 for
            older labs), and it forwards L2 traffic between the hosts it learns.

            Options:
              --config FILE          JSON configuration; every key is optional and unknown keys
                                     are rejected (--print-config shows all keys with defaults)
              --openflow-port PORT   port switches connect to; repeat the flag or give a
                                     comma-separated list (default 6653 and 6633)
              --rest-port PORT       port of the REST API (default 8080; reserved for the REST API)
              --no-l2                do not run L2 forwarding
              --control-vip CIDR     the controller's own address behind the switches, e.g.
                                     10.0.0.254/24: a TAP device (flowlb0) holds it, and programs on
                                     this host bound to it are reached through the switches (root)
              --print-config         print the effective configuration as JSON and exit
              -h, --help             this text

            Flags override the configuration file. Stop with Ctrl-C or SIGTERM.
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
        ControllerConfig config = null;
        List<Integer> ports = new ArrayList<>();
        Integer restPort = null;
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
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        ControllerConfig c = config != null ? config : ControllerConfig.defaults();
        if (!ports.isEmpty()) {
            c = c.withOpenflow(c.openflow().withPorts(ports));
        }
        if (restPort != null) {
            c = c.withRest(new ControllerConfig.Rest(c.rest().bindAddress(), restPort));
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
