package io.flowlb.bench.flowsetup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * flowsetup's composition root: parses the command line, runs the measurement, prints the
 * cbench-style result and optionally writes it as JSON.
 *
 * <p>Exit status: 0 after a run (even one the controller did not answer: the result says so),
 * 1 when the run could not be carried out (connection refused or lost, handshake failed),
 * 2 for a bad command line.
 */
public final class FlowSetupMain {

    private FlowSetupMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Netty derives channel ids from a hardware address; a sandbox without NICs has none, and
        // any fixed value will do for a client that only opens a few connections.
        if (System.getProperty("io.netty.machineId") == null) {
            System.setProperty("io.netty.machineId", "02:00:00:00:00:01");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        if (FlowSetupOptions.wantsHelp(args)) {
            out.print(FlowSetupOptions.USAGE);
            return 0;
        }
        FlowSetupOptions o;
        try {
            o = FlowSetupOptions.parse(args);
        } catch (FlowSetupOptions.BadArgumentException e) {
            err.println("flowsetup: " + e.getMessage());
            return 2;
        }
        out.printf(Locale.ROOT,
                "flowsetup: %s mode, %d switches x %d hosts, window %d, %d+%d loops of %d ms, against %s%n",
                o.modeName(), o.switches(), o.hosts(), o.window(), o.warmupLoops(), o.loops(), o.loopMillis(),
                o.label());
        FlowSetupResult r;
        try {
            r = new FlowSetupRun(o, out).run();
        } catch (FlowSetupRun.RunFailedException e) {
            err.println("flowsetup: " + e.getMessage());
            return 1;
        }
        FlowSetupResult.Totals t = r.totals();
        out.printf(Locale.ROOT, "flowsetup: sent %,d packet-ins, answered %,d (flow_mods %,d, packet_outs %,d, "
                + "unbuffered flow_mods %,d, unmatched %,d, other packet_outs %,d, expired %,d, errors %,d), "
                + "buffer ids %s%n", t.sent(), t.answered(), t.flowMods(), t.packetOuts(), t.unbufferedFlowMods(),
                t.unmatched(), t.otherPacketOuts(), t.expired(), t.errors(), t.buffered() ? "on" : "off");
        if (r.cpu().tool() >= 0) {
            out.printf(Locale.ROOT, "flowsetup: CPU per response over the measured loops: flowsetup %.2f us%s%n",
                    r.cpu().tool(), r.cpu().controller() >= 0
                            ? String.format(Locale.ROOT, ", controller %.2f us", r.cpu().controller()) : "");
        }
        if (o.latencyMode()) {
            out.printf(Locale.ROOT, "flowsetup: average round trip %.1f us%n", r.avgLatencyMicros());
        }
        if (r.note() != null) {
            out.println("flowsetup: note: " + r.note());
        }
        out.println(r.resultLine());
        if (o.jsonFile() != null) {
            try {
                Files.writeString(Path.of(o.jsonFile()), r.toJson() + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("flowsetup: cannot write " + o.jsonFile() + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
